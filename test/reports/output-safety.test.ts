// Output safety, end to end: the xss fixture site (fixtures/sites/xss, not in the demo) publishes titles and list
// items such as `<script>alert(…)</script>` and `"><img src=x onerror=alert(…)>`, personal data, and an error report
// carrying both. After one audit, the scorecard HTML, the dashboard pages and the monthly bulletin are opened in
// Chromium: the hostile text shows as text, no script runs, no element is injected. Personal data appears nowhere in
// clear outside the store; CSV cells are neutralised; the dashboard sends a strict CSP and refuses every write.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorReports } from '../../checks/error-reports.ts';
import { freshness } from '../../checks/freshness.ts';
import { interpretations } from '../../checks/interpretations.ts';
import { links } from '../../checks/links.ts';
import { privacy } from '../../checks/privacy.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { baseFlags } from '../../browser/launch-args.ts';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { fixturesRoot, startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { generateBulletin } from '../../reports/bulletin/generate.ts';
import { csvCell, findingsCsv } from '../../reports/csv.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const NOW = new Date('2026-11-20T10:00:00+08:00');
/** Raw personal data the fixture publishes; none of it may leave the store. */
const PII = ['35050219900101123X', '13800138000'];
const TITLE_SCRIPT = '<script>alert("xss-title")</script>';
const TITLE_IMG = '"><img src=x onerror=alert("xss-img")>';

let server: FixtureServer;
let store: Store;
let dir: string;
let config: DistrictConfig;
let card: Scorecard;
let outDir: string;
let bulletinHtml: string;
let bulletinDocx: string;
let dashboard: Dashboard;
let dashboardUrl: string;
let browser: Browser;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['edu'] });
  dir = await mkdtemp(join(tmpdir(), 'govaudit-xss-'));
  outDir = join(dir, 'out');
  config = parseConfig(
    {
      district: '输出安全测试区',
      asOf: NOW.toISOString(),
      resolve: server.resolve,
      errorReports: [join(fixturesRoot, 'sites', 'xss', 'error-reports.csv')],
      crawl: { headersTimeoutMs: 5_000, retries: 0 },
      sites: [{ id: 'xss', name: '输出安全测试站', unit: '测试单位', homepage: `${server.sites.xss.origin}/`, siteCode: '3505029999' }],
    },
    join(fixturesRoot, 'sites', 'xss', 'config.json'),
  );
  store = openSqliteStore(join(dir, 'data'));
  const { scorecards } = await runAudit({ config, store, now: NOW, outDir, checks: [links, interpretations, freshness, privacy, errorReports] });
  card = scorecards[0];
  const bulletin = await generateBulletin({ store, config, month: '2026-11', now: NOW, outDir: join(dir, 'bulletin'), formats: ['html', 'docx'] });
  bulletinHtml = bulletin.files.html!;
  bulletinDocx = (await mammoth.extractRawText({ path: bulletin.files.docx! })).value;
  dashboard = createDashboard({ store, config, requireToken: false, now: () => NOW });
  dashboardUrl = (await dashboard.listen(0, '127.0.0.1')).url;
  browser = await puppeteer.launch({ executablePath: CHROME, args: [...baseFlags, `--user-data-dir=${join(dir, 'chromium')}`] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await store?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens a page in Chromium and reports what ran and what the DOM holds. */
async function inBrowser(url: string) {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    const dom = await page.evaluate(() => ({
      text: document.body.innerText,
      scripts: document.querySelectorAll('script').length,
      injected: document.querySelectorAll('img[src="x"], img[onerror]').length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}@${a.name}`)),
    }));
    return { dialogs, ...dom, headers: response?.headers() ?? {} };
  } finally {
    await page.close();
  }
}

function expectInert(r: Awaited<ReturnType<typeof inBrowser>>, mustShow: string[]): void {
  expect(r.dialogs).toEqual([]);
  expect(r.scripts).toBe(0);
  expect(r.injected).toBe(0);
  expect(r.handlers).toEqual([]);
  for (const s of mustShow) expect(r.text).toContain(s);
  for (const p of PII) expect(r.text).not.toContain(p);
}

function httpStatus(method: string, path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = method === 'GET' || method === 'HEAD' ? undefined : 'x=1';
    const headers = body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } : {};
    const req = request(new URL(path, dashboardUrl), { method, headers, agent: false }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the audit of the hostile-text site', () => {
  it('found what carries the hostile text and the personal data', () => {
    expect(card.findings.map((f) => f.code).sort()).toEqual(
      ['error-report.unanswered', 'freshness.homepage-stale', 'interpretation.missing', 'privacy.id-number', 'privacy.mobile-number'].sort(),
    );
    expect(card.findings.find((f) => f.code === 'interpretation.missing')!.message).toContain(TITLE_SCRIPT + TITLE_IMG);
  });
});

describe('crawled text renders as text', () => {
  it('in the scorecard HTML', async () => {
    const r = await inBrowser(`file://${join(outDir, 'scorecards', 'xss.html')}`);
    expectInert(r, [TITLE_SCRIPT, TITLE_IMG, '<script>alert("xss-item")</script>', '<script>alert("xss-report")</script>']);
  });

  it('in the dashboard, which also sends a strict Content-Security-Policy', async () => {
    for (const path of ['/', '/sites/xss', '/units/%E6%B5%8B%E8%AF%95%E5%8D%95%E4%BD%8D', '/bulletins/2026-11']) {
      const r = await inBrowser(new URL(path, dashboardUrl).href);
      expectInert(r, path === '/' ? [] : [TITLE_SCRIPT]);
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toMatch(/default-src 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('in the monthly bulletin (HTML and DOCX)', async () => {
    const r = await inBrowser(`file://${bulletinHtml}`);
    expectInert(r, [TITLE_SCRIPT + TITLE_IMG]);
    expect(bulletinDocx).toContain(TITLE_SCRIPT + TITLE_IMG);
    for (const p of PII) expect(bulletinDocx).not.toContain(p);
  });
});

describe('the dashboard writes only through its forms', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s answers 405 on every page', async (method) => {
    for (const path of ['/', '/sites/xss', '/sites/xss/findings.csv', '/bulletins', '/nope']) {
      const r = await httpStatus(method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
  });
  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s answers 405 on a form target', async (method) => {
    for (const path of ['/login/token', '/logout']) {
      const r = await httpStatus(method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.allow).toBe('POST');
    }
  });
});

describe('personal data never leaves the store in clear', () => {
  it('not in the scorecard files, the stored findings, the run summary or the CSV export', async () => {
    const files = await readdir(outDir, { recursive: true });
    const texts = await Promise.all(files.filter((f) => /\.(html|json|csv)$/.test(f)).map((f) => readFile(join(outDir, f), 'utf8')));
    expect(texts.length).toBeGreaterThan(3);
    const stored = JSON.stringify(await store.listFindings(card.runId, 'xss'));
    const csv = findingsCsv(card);
    for (const p of PII) {
      for (const t of [...texts, stored, csv]) expect(t).not.toContain(p);
    }
    expect(stored).toContain('350502********123X'); // masked, not dropped
    expect(stored).toContain('138****8000');
  });
});

describe('CSV cells a spreadsheet would run are neutralised', () => {
  it('in the findings export, and for every formula lead character', () => {
    const csv = findingsCsv(card);
    for (const line of csv.split('\r\n').slice(1)) {
      for (const cell of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/);
    }
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '\nx', '＝1+1', '＋1', '－1', '＠x'].map((c) => csvCell(c).replace(/^"/, '')[0])).toEqual(Array(11).fill("'"));
  });
});
