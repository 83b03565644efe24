// Test support: one headless Chromium (Debian's, or CHROME_PATH) for a test file, with a fresh profile.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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

/**
 * Signs in through the dashboard's form (`base` ends with a slash) in a browser context of its own, as a person
 * would; the page it lands on and the answer's status.
 */
export async function signInAs(browser: Browser, base: string, username: string, password: string, viewport?: { width: number; height: number }): Promise<{ page: Page; status: number }> {
  const page = await (await browser.createBrowserContext()).newPage();
  if (viewport) await page.setViewport(viewport);
  await page.goto(`${base}login`);
  await page.type('form[action="/login"] input[name=username]', username);
  await page.type('form[action="/login"] input[name=password]', password);
  const [res] = await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button')]);
  return { page, status: res!.status() };
}
