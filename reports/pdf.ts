// Prints report HTML to PDF with headless Chromium (puppeteer-core; Debian's /usr/bin/chromium or CHROME_PATH):
// A4, the page's own @page margins, page numbers in the footer, CJK fonts from the system (fonts-noto-cjk).
// The page gets no network and no script: it is self-contained report HTML.
import { withBrowser } from '../browser/launch.ts';

export interface PdfOptions {
  /** Browser executable (the config's `accessibility.chromePath`); default: CHROME_PATH, then the usual paths. */
  chromePath?: string;
  /** Overall limit, ms. */
  timeoutMs?: number;
  /** Show `— n —` page numbers at the foot of each page (default true). */
  pageNumbers?: boolean;
}

/** The PDF bytes of a self-contained HTML page. Throws NoBrowserError (browser/launch.ts) when no browser can be started. */
export async function printPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const timeout = opts.timeoutMs ?? 60_000;
  return withBrowser({ chromePath: opts.chromePath, timeoutMs: timeout, protocolTimeoutMs: timeout }, async (browser) => {
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
  });
}
