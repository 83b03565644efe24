// Prints report HTML to PDF with headless Chromium (puppeteer-core; Debian's /usr/bin/chromium or CHROME_PATH):
// A4, the page's own @page margins, page numbers in the footer, CJK fonts from the system (fonts-noto-cjk).
// The page gets no network and no script: it is self-contained report HTML.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromeCandidates, findChrome } from '../crawler/browser/chrome-path.ts';
import { baseFlags } from '../crawler/browser/launch-args.ts';

/** No browser on this machine (or it would not start): the message says where it looked. */
export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
  }
}

export interface PdfOptions {
  /** Browser executable (the config's `accessibility.chromePath`); default: CHROME_PATH, then the usual paths. */
  chromePath?: string;
  /** Overall limit, ms. */
  timeoutMs?: number;
  /** Show `— n —` page numbers at the foot of each page (default true). */
  pageNumbers?: boolean;
}

/** The PDF bytes of a self-contained HTML page. Throws NoBrowserError when no browser can be started. */
export async function printPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const executablePath = findChrome({ configured: opts.chromePath });
  if (!executablePath) throw new NoBrowserError(`no Chromium found (tried ${chromeCandidates({ configured: opts.chromePath }).join(', ')}); install chromium or set CHROME_PATH`);
  const timeout = opts.timeoutMs ?? 60_000;
  const profile = await mkdtemp(join(tmpdir(), 'govaudit-pdf-'));
  let browser;
  try {
    browser = await puppeteer.launch({ executablePath, args: [...baseFlags, `--user-data-dir=${profile}`], timeout, protocolTimeout: timeout });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw new NoBrowserError(`cannot start ${executablePath}: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => (req.url().startsWith('data:') ? req.continue() : req.abort()));
    await page.setContent(html, { waitUntil: 'load', timeout });
    const numbers = opts.pageNumbers ?? true;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: numbers,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="width:100%;text-align:center;font-size:11pt;font-family:serif">— <span class="pageNumber"></span> —</div>',
      timeout,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
