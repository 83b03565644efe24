// Problem screenshots in a real browser against the fixture server: personal data is masked in the DOM before the
// picture is taken — the picture of a page that publishes an ID number and a mobile is pixel for pixel the picture of
// the same page with those numbers already written masked, and differs from the page as published (so the region
// does contain the numbers); the element is outlined; a missing page gives a reason, not a picture.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskValue } from '../../util/pii.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { BrowserPool, navigate } from '../../crawler/browser/pool.ts';
import { captureShots, maskPageData } from '../../crawler/browser/screenshots.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';

const ID = '35050219900101123X';
const MOBILE = '13800138000';
let server: FixtureServer;
let pool: BrowserPool;
let dir: string;
let page: string;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['edu'] });
  pool = await BrowserPool.open({ executablePath: findChrome()!, resolve: server.resolve, concurrency: 1 });
  dir = await mkdtemp(join(tmpdir(), 'govaudit-shots-'));
  page = `${server.sites.xss.origin}/gsgg/list.htm`;
}, 120_000);

afterAll(async () => {
  await pool?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A picture of the page's paragraph after `prepare` ran in it (no masking of ours). */
async function pictureAfter(prepare: (p: import('puppeteer-core').Page) => Promise<void>): Promise<Buffer> {
  const session = pool.session();
  try {
    return await session.withPage(
      async (p) => {
        await p.setViewport({ width: 800, height: 400, deviceScaleFactor: 1 });
        await navigate(p, page, { timeoutMs: 20_000 });
        await p.setJavaScriptEnabled(false);
        await prepare(p);
        return Buffer.from(await p.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 800, height: 200 } }));
      },
      { timeoutMs: 40_000 },
    );
  } finally {
    await session.close();
  }
}

describe('problem screenshots', () => {
  it('mask ID and mobile numbers in the DOM: the picture equals the page with the numbers written masked', async () => {
    const masked = await pictureAfter(async (p) => {
      expect(await maskPageData(p)).toBeGreaterThan(0);
      expect(await p.evaluate(() => document.body.innerText)).not.toContain('35050219900101123X');
    });
    const reference = await pictureAfter(async (p) => {
      await p.evaluate(
        (id: string, idMasked: string, mobile: string, mobileMasked: string) => {
          const el = document.querySelector('p')!;
          el.textContent = el.textContent!.replace(id, idMasked).replace(mobile, mobileMasked);
        },
        ID,
        maskValue('id-number', ID),
        MOBILE,
        maskValue('mobile-number', MOBILE),
      );
    });
    const published = await pictureAfter(async () => undefined);
    expect(masked.equals(reference)).toBe(true);
    expect(masked.equals(published)).toBe(false);
  });

  it('outline the element, write the file, and give a reason for a page that is missing', async () => {
    const session = pool.session();
    try {
      const results = await captureShots(
        session,
        [
          { id: 'pii', page, text: maskValue('id-number', ID), file: join(dir, 'xss', 'pii.png') },
          { id: 'gone', page: `${server.sites.xss.origin}/no-such-page.htm`, file: join(dir, 'xss', 'gone.png') },
        ],
        { width: 800, maxHeight: 400, timeoutMs: 20_000 },
      );
      expect(results).toEqual([
        { id: 'pii', file: join(dir, 'xss', 'pii.png'), outlined: true },
        { id: 'gone', error: 'HTTP 404' },
      ]);
      const png = await readFile(join(dir, 'xss', 'pii.png'));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 320]);
    } finally {
      await session.close();
    }
  });
});
