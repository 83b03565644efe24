// Every list of the dashboard in real Chromium (dashboard/list.tsx): the overview's sites and units, the review queue,
// the findings list, the audit log, the bulletins and the accounts. For each: a filter in the query string selects
// the expected rows, and its .xlsx and CSV exports (links on the page) hold exactly those rows under Chinese
// headers (CSV with a UTF-8 BOM); at 390 px no page scrolls sideways and at 1280 px neither (screenshots of both are
// written to GOVAUDIT_LIST_SHOTS when set); print hides navigation, filters and buttons and keeps table borders and
// rows whole; the filter form works with script off. A unit user's exports hold only its own unit's rows, and the
// center's lists are not there for it.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { addUser } from '../../dashboard/users.ts';
import { launchBrowser, signInAs } from '../support/browser.ts';
import { makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

let s: StoredRuns;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let dash: Dashboard;
let url: string;
let admin: Page;
let unitUser: Page;
const now = () => new Date('2026-11-25T09:00:00+08:00');
const units = ['鲤城区人民政府办公室', '鲤城区教育局', '鲤城区市场监督管理局'];
const shots = process.env.GOVAUDIT_LIST_SHOTS;

beforeAll(async () => {
  s = await makeStoredRuns();
  for (const [username, role, unit] of [['wang.admin', 'admin', null], ['li.reviewer', 'reviewer', null], ['edu.user', 'unit', '鲤城区教育局']] as const) {
    await addUser(s.store, { username, displayName: username, role, unit, password: `${role}-password-2026` }, { units, by: 'setup', now: now() });
  }
  dash = createDashboard({ store: s.store, config: s.config, now, requireToken: true, delay: async () => {} });
  url = (await dash.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
  admin = await signIn('wang.admin', 'admin-password-2026');
  unitUser = await signIn('edu.user', 'unit-password-2026');
  if (shots) await mkdir(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await dash?.close();
  await s?.close();
});

async function signIn(username: string, password: string): Promise<Page> {
  return (await signInAs(browser, url, username, password)).page;
}

/** Fetches a path with the page's session cookie (the page's CSP allows no fetch from inside it). */
async function fetchAs(page: Page, path: string): Promise<Response> {
  const cookies = await page.browserContext().cookies();
  return fetch(new URL(path, url), { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
}

async function csvRows(page: Page, path: string): Promise<string[][]> {
  const res = await fetchAs(page, path);
  expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/csv; charset=utf-8']);
  const bytes = Buffer.from(await res.arrayBuffer());
  // A UTF-8 byte order mark first, so Excel reads the Chinese text as UTF-8.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.subarray(3).toString('utf8'));
}

/** RFC 4180 CSV (quoted cells may hold commas, doubled quotes and line breaks); CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function xlsxRows(page: Page, path: string, sheet: string): Promise<string[][]> {
  return (await xlsxCells(page, path, sheet)).map((r) => r.map((v) => String(v ?? '')));
}

async function xlsxCells(page: Page, path: string, sheet: string): Promise<unknown[][]> {
  const res = await fetchAs(page, path);
  expect([path, res.status]).toEqual([path, 200]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const ws = wb.getWorksheet(sheet);
  expect(ws, `sheet ${sheet}`).toBeDefined();
  const out: unknown[][] = [];
  ws!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

interface ListCase {
  name: string;
  /** Page path and the filter query. */
  path: string;
  query: string;
  /** What the page shows of each row (one key per row). */
  shown: (page: Page) => Promise<string[]>;
  /** The exports' path (without extension), their sheet and headers, and the column that holds the row key. */
  exportPath: string;
  sheet: string;
  headers: string[];
  key: string;
  /** The keys the filter selects, in order. */
  expected: string[];
}

const firstCells = (sel: string) => (page: Page) => page.$$eval(`${sel} tbody tr`, (trs) => trs.map((tr) => (tr.querySelector('td')?.textContent ?? '').trim()));
const attrs = (sel: string, attr: string) => (page: Page) => page.$$eval(sel, (els, a) => els.map((e) => e.getAttribute(a as string) ?? ''), attr);

const cases: ListCase[] = [
  {
    name: 'overview sites',
    path: '/',
    query: `unit=${encodeURIComponent('鲤城区教育局')}&sort=score-desc`,
    shown: firstCells('table.sites'),
    exportPath: '/sites',
    sheet: '各网站',
    headers: ['网站', '责任单位', '得分', '结论', '问题数', '新发现', '主要问题', '检查时间', '首页'],
    key: '网站',
    expected: ['鲤城区招生考试网', '鲤城区教育局网站'],
  },
  {
    name: 'overview units',
    path: '/',
    query: `u_q=${encodeURIComponent('教育')}`,
    shown: (page) => page.$$eval('table.units tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-unit') ?? '')),
    exportPath: '/units',
    sheet: '各单位排名',
    headers: ['排名', '单位', '网站数', '平均得分', '合格', '问题数'],
    key: '单位',
    expected: ['鲤城区教育局'],
  },
  {
    name: 'review queue',
    path: '/review',
    query: 'severity=pending-veto',
    shown: attrs('ol.queue > li', 'data-site'),
    exportPath: '/review',
    sheet: '复核队列',
    headers: ['网站', '责任单位', '严重程度', '状态', '检查项', '问题描述', '页面', '证据', '首次发现', '待复核天数', '问题编号'],
    key: '网站',
    expected: ['market'],
  },
  {
    name: 'findings',
    path: '/findings',
    query: `unit=${encodeURIComponent('鲤城区教育局')}&severity=minor&sort=site`,
    shown: attrs('table.findings-list tbody tr', 'data-site'),
    exportPath: '/findings',
    sheet: '问题清单',
    headers: ['网站', '责任单位', '严重程度', '状态', '检查项', '问题描述', '页面', '证据', '首次发现', '问题编号'],
    key: '网站',
    expected: ['edu', 'exam'],
  },
  {
    name: 'audit log',
    path: '/audit-log',
    query: 'action=user.add&sort=oldest',
    shown: (page) => page.$$eval('table.audit tbody tr', (trs) => trs.map((tr) => (tr.querySelectorAll('td')[4]?.textContent ?? '').trim())),
    exportPath: '/audit-log',
    sheet: '操作记录',
    headers: ['时间', '操作人', '操作', '网站', '对象', '说明'],
    key: '对象',
    expected: ['wang.admin', 'li.reviewer', 'edu.user'],
  },
  {
    name: 'bulletins',
    path: '/bulletins',
    query: 'year=2026&generated=no&sort=oldest',
    shown: firstCells('table.bulletins'),
    exportPath: '/bulletins',
    sheet: '月度通报',
    headers: ['月份', '检查次数', '已生成文件', '生成时间'],
    key: '月份',
    expected: ['2026-10', '2026-11'],
  },
  {
    name: 'accounts',
    path: '/users',
    query: 'role=unit',
    shown: firstCells('table.users'),
    exportPath: '/users',
    sheet: '账号',
    headers: ['用户名', '姓名', '角色', '单位', '创建', '状态'],
    key: '用户名',
    expected: ['edu.user'],
  },
];

/** Site ids by the names the exports use. */
const siteIdOf = (name: string) => s.config.sites.find((x) => x.name === name)?.id ?? name;

describe('every list', { timeout: 300_000 }, () => {
  it.each(cases)('$name: the filter selects the expected rows, and both exports hold exactly them', async (c) => {
    await admin.goto(`${url.replace(/\/$/, '')}${c.path}?${c.query}`);
    const shown = await c.shown(admin);
    expect(shown).toEqual(c.expected);
    // On screen the form shows the filter; the words for print stay hidden.
    expect(await admin.$$eval('p.conditions', (ps) => ps.map((p) => getComputedStyle(p).display))).toContain('none');
    // The export links on the page carry the same filter.
    const hrefs = await admin.$$eval(`a[href^="${c.exportPath}.xlsx"], a[href^="${c.exportPath}.csv"]`, (as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toHaveLength(2);
    const csv = await csvRows(admin, hrefs.find((h) => h.includes('.csv'))!);
    const xlsx = await xlsxRows(admin, hrefs.find((h) => h.includes('.xlsx'))!, c.sheet);
    expect(csv[0]).toEqual(c.headers);
    expect(xlsx).toEqual(csv);
    const col = c.headers.indexOf(c.key);
    const keys = csv.slice(1).map((r) => r[col]);
    expect(c.key === '网站' && c.name !== 'overview sites' ? keys.map(siteIdOf) : keys).toEqual(c.expected);
    // The unfiltered export holds more: the filter did the selecting.
    const all = await csvRows(admin, `${c.exportPath}.csv`);
    expect(all.length - 1).toBeGreaterThanOrEqual(c.expected.length);
  });

  it('no list page scrolls sideways at 390 px or 1280 px (screenshots of both)', async () => {
    const pages = ['/', '/review', '/findings', '/audit-log', '/bulletins', '/users'];
    for (const width of [390, 1280]) {
      await admin.setViewport({ width, height: 900 });
      for (const path of pages) {
        await admin.goto(`${url.replace(/\/$/, '')}${path}`);
        expect([width, path, await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)]).toEqual([width, path, true]);
        expect([width, path, await admin.evaluate(() => document.documentElement.scrollWidth)]).toEqual([width, path, width]);
        if (shots) await admin.screenshot({ path: join(shots, `${path.replace(/\W/g, '') || 'overview'}-${width}.png`) as `${string}.png`, fullPage: true });
      }
    }
    await unitUser.setViewport({ width: 390, height: 900 });
    for (const path of ['/', '/findings']) {
      await unitUser.goto(`${url.replace(/\/$/, '')}${path}`);
      expect([path, await unitUser.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
    }
    await admin.setViewport({ width: 1280, height: 900 });
  });

  it('print shows the rows as a bordered table without navigation, filters, export links or buttons', async () => {
    await admin.setViewport({ width: 794, height: 1123 });
    await admin.emulateMediaType('print');
    try {
      await admin.goto(`${url}findings?unit=${encodeURIComponent('鲤城区教育局')}&q=${encodeURIComponent('页面')}&sort=site`);
      expect(await admin.$eval('p.conditions', (p) => [getComputedStyle(p).display, p.textContent])).toEqual(['block', '筛选条件：单位：鲤城区教育局；搜索：页面；排序：按网站']);
      for (const path of ['/', '/findings', '/users', '/audit-log']) {
        await admin.goto(`${url.replace(/\/$/, '')}${path}`);
        const look = await admin.evaluate(() => {
          const shownEls = (sel: string) => [...document.querySelectorAll(sel)].filter((e) => getComputedStyle(e).display !== 'none').length;
          const th = document.querySelector('table.list th')!;
          const tr = document.querySelector('table.list tbody tr')!;
          return {
            hidden: shownEls('nav.top') + shownEls('form.filters') + shownEls('.exports a') + shownEls('button') + shownEls('form.act') + shownEls('main > p.warn'),
            count: shownEls('.exports .count'),
            thead: getComputedStyle(document.querySelector('table.list thead')!).display,
            border: getComputedStyle(th).borderTopStyle,
            rowBreak: getComputedStyle(tr).breakInside,
          };
        });
        expect([path, look]).toEqual([path, { hidden: 0, count: path === '/' ? 2 : 1, thead: 'table-header-group', border: 'solid', rowBreak: 'avoid' }]);
        if (shots) await admin.screenshot({ path: join(shots, `print-${path.replace(/\W/g, '') || 'overview'}.png`) as `${string}.png`, fullPage: true });
      }
    } finally {
      await admin.emulateMediaType('screen');
      await admin.setViewport({ width: 1280, height: 900 });
    }
  });

  it("the overview's two lists keep each other's filter", async () => {
    await admin.goto(`${url}?u_q=${encodeURIComponent('教育')}`);
    await admin.select('section form.filters select[name=verdict]', 'failed');
    await Promise.all([admin.waitForNavigation(), admin.click('section form.filters button')]);
    const units = await admin.$$eval('table.units tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-unit')));
    const sites = await admin.$$eval('table.sites tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-site')));
    expect([sites, units]).toEqual([['exam'], ['鲤城区教育局']]);
  });

  it('the filter form works with script turned off (an old office browser)', async () => {
    const page = await admin.browserContext().newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`${url}audit-log`);
    await page.select('form.filters select[name=action]', 'login');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    expect(new URL(page.url()).searchParams.get('action')).toBe('login');
    const actions = await page.$$eval('table.audit tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(actions)).toEqual(new Set(['login']));
    await page.close();
  });

  it("a unit user's exports hold only its own unit's rows; the center's lists are not there for it", async () => {
    const ownSites = ['鲤城区教育局网站', '鲤城区招生考试网'];
    // Scores and counts are numbers in Excel (they sum and sort as numbers); names stay text.
    expect((await xlsxCells(unitUser, '/sites.xlsx', '各网站')).slice(1).map((r) => [r[0], r[2], r[4], r[5]])).toEqual([
      ['鲤城区教育局网站', 92, 3, 1],
      ['鲤城区招生考试网', 99, 2, 1],
    ]);
    const sites = await csvRows(unitUser, '/sites.csv');
    expect(sites.slice(1).map((r) => r[0])).toEqual(ownSites);
    expect((await xlsxRows(unitUser, '/sites.xlsx', '各网站')).slice(1).map((r) => [r[0], r[1]])).toEqual(ownSites.map((n) => [n, '鲤城区教育局']));
    expect((await csvRows(unitUser, '/units.csv')).slice(1).map((r) => r[1])).toEqual(['鲤城区教育局']);
    // The unit page's sites export: its own unit's, and another unit's is absent.
    expect((await csvRows(unitUser, `/units/${encodeURIComponent('鲤城区教育局')}/sites.csv?sort=score`)).slice(1).map((r) => [r[0], r[2]])).toEqual([
      ['鲤城区教育局网站', '92'],
      ['鲤城区招生考试网', '99'],
    ]);
    expect((await fetchAs(unitUser, `/units/${encodeURIComponent('鲤城区市场监督管理局')}/sites.xlsx`)).status).toBe(404);
    const findings = await xlsxRows(unitUser, '/findings.xlsx', '问题清单');
    expect(new Set(findings.slice(1).map((r) => r[1]))).toEqual(new Set(['鲤城区教育局']));
    expect(new Set(findings.slice(1).map((r) => r[0]))).toEqual(new Set(ownSites));
    // The unit page links to exactly its findings: the CSV link it shows holds the same rows as the full export.
    const page = await unitUser.browserContext().newPage();
    await page.goto(`${url}units/${encodeURIComponent('鲤城区教育局')}`);
    const csvLink = await page.$eval('p.unit-lists a[href^="/findings.csv"]', (a) => a.getAttribute('href')!);
    await page.close();
    expect((await csvRows(unitUser, csvLink)).length).toBe(findings.length);
    // Asking for another unit's rows by the query gives none, not theirs.
    expect(await csvRows(unitUser, `/findings.csv?unit=${encodeURIComponent('鲤城区市场监督管理局')}`)).toHaveLength(1);
    expect(await csvRows(unitUser, '/sites.csv?q=market')).toHaveLength(1);
    for (const path of ['/review.csv', '/review.xlsx', '/audit-log.csv', '/audit-log.xlsx', '/users.csv', '/users.xlsx', '/bulletins.csv', '/bulletins.xlsx']) {
      expect([path, (await fetchAs(unitUser, path)).status]).toEqual([path, 404]);
    }
  });
});
