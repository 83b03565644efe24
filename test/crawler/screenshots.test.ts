// Problem screenshots in a real browser against the fixture server: personal data is masked in the DOM before the
// picture is taken — the picture of a page that publishes an ID number and a mobile is pixel for pixel the picture of
// the same page with those numbers already written masked, and differs from the page as published (so the region
// does contain the numbers); the element is outlined; a missing page gives a reason, not a picture; pages taken one
// after another in the one tab kept for the list come out as each page taken alone (its scripts ran again).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('pages one after another in the kept tab: a list a script fills is in the picture, as when its page is taken alone', async () => {
    // page /a has no script; page /b's list is written by its script (scripts are stopped after each load, for the
    // masking: the next page in the same tab must run its scripts again)
    const html: Record<string, string> = {
      '/a': '<!doctype html><html><body><p>静态页面 联系电话 13800138000</p></body></html>',
      '/b': '<!doctype html><html><body><ul id="l"></ul><script>document.getElementById("l").innerHTML = "<li>脚本填充的通知公告</li>";</script></body></html>',
    };
    const local: Server = createServer((req, res) => {
      const body = html[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'missing');
    });
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
    const shoot = async (pages: string[], sub: string) => {
      const session = pool.session();
      try {
        return await captureShots(
          session,
          pages.map((p) => ({ id: p, page: `${origin}${p}`, text: p === '/b' ? '脚本填充的通知公告' : '静态页面', file: join(dir, sub, `${p.slice(1)}.png`) })),
          { width: 800, maxHeight: 400, timeoutMs: 20_000 },
        );
      } finally {
        await session.close();
      }
    };
    try {
      const both = await shoot(['/a', '/b'], 'both');
      const alone = await shoot(['/b'], 'alone');
      expect(both).toEqual([
        { id: '/a', file: join(dir, 'both', 'a.png'), outlined: true },
        { id: '/b', file: join(dir, 'both', 'b.png'), outlined: true },
      ]);
      expect(alone).toEqual([{ id: '/b', file: join(dir, 'alone', 'b.png'), outlined: true }]);
      expect((await readFile(join(dir, 'both', 'b.png'))).equals(await readFile(join(dir, 'alone', 'b.png')))).toBe(true);
    } finally {
      await new Promise((r) => local.close(r));
    }
  });
});
