// Test support: one headless Chromium (Debian's, or CHROME_PATH) for a test file, with a fresh profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findChrome } from '../../browser/chrome-path.ts';
import { baseFlags } from '../../browser/launch-args.ts';

export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error('no Chromium: install chromium or set CHROME_PATH');
  const profile = await mkdtemp(join(tmpdir(), 'govaudit-browser-'));
  const browser = await puppeteer.launch({ executablePath, args: [...baseFlags, `--user-data-dir=${profile}`], timeout: 60_000, protocolTimeout: 60_000 });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
