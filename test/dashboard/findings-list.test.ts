// The findings list in real Chromium: filters, search and sort in the query; the same rows exported to CSV and
// Excel (read back with exceljs); a 390 px phone shows every page without sideways scrolling; a unit's token sees
// only its own findings in the list and the exports.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { issueToken } from '../../dashboard/tokens.ts';
import { launchBrowser } from '../support/browser.ts';
import { makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

let s: StoredRuns;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let local: Dashboard;
let exposed: Dashboard;
let url: string;
let exposedUrl: string;
const now = () => new Date('2026-12-01T09:00:00+08:00');

beforeAll(async () => {
  s = await makeStoredRuns();
  local = createDashboard({ store: s.store, config: s.config, now });
  exposed = createDashboard({ store: s.store, config: s.config, now, requireToken: true });
  url = (await local.listen(0, '127.0.0.1')).url;
  exposedUrl = (await exposed.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await local?.close();
  await exposed?.close();
  await s?.close();
});

const listed = (page: Page) => page.$$eval('table.findings-list tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-site'), tr.querySelectorAll('td')[1].textContent, tr.querySelectorAll('td')[2].textContent]));

describe('findings list', { timeout: 240_000 }, () => {
  it('filters, searches and sorts, and exports the same rows to CSV and Excel', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}findings`);
    const all = await listed(page);
    expect([...all].sort((a, b) => `${a}`.localeCompare(`${b}`))).toEqual([
      ['edu', '一般', '计分'],
      ['edu', '严重', '计分'],
      ['edu', '严重', '计分'],
      ['exam', '一般', '计分'],
      ['exam', '否决', '计分'],
      ['market', '一般', '计分'],
      ['market', '否决', '待复核（疑似单项否决）'],
      ['portal', '一般', '计分'],
      ['portal', '严重', '计分'],
    ]);
    // Sorted by severity by default (gravest first).
    expect(all.map((r) => r[1])).toEqual(['否决', '否决', '严重', '严重', '严重', '一般', '一般', '一般', '一般']);
    await page.select('form.filters select[name=unit]', '鲤城区教育局');
    await page.select('form.filters select[name=severity]', 'major');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    expect(await listed(page)).toEqual([
      ['edu', '严重', '计分'],
      ['edu', '严重', '计分'],
    ]);
    await page.goto(`${url}findings?q=${encodeURIComponent('身份证')}`);
    expect((await listed(page)).map((r) => r[0])).toEqual(['edu']);
    const csvHref = await page.$eval('p.exports a[href^="/findings.csv"]', (a) => a.getAttribute('href'));
    expect(csvHref).toBe(`/findings.csv?q=${encodeURIComponent('身份证')}`);
    const csv = await (await fetch(new URL(csvHref!, url))).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.map((l) => l.split(',').slice(0, 4))).toEqual([
      ['网站', '责任单位', '严重程度', '状态'],
      ['鲤城区教育局网站', '鲤城区教育局', '严重', '计分'],
    ]);
    const xlsx = await fetch(new URL(`/findings.xlsx?unit=${encodeURIComponent('鲤城区教育局')}&sort=site`, url));
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('问题清单')!;
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as string[]).slice(1, 5)));
    expect(values).toEqual([
      ['网站', '责任单位', '严重程度', '状态'],
      ['鲤城区教育局网站', '鲤城区教育局', '严重', '计分'],
      ['鲤城区教育局网站', '鲤城区教育局', '严重', '计分'],
      ['鲤城区教育局网站', '鲤城区教育局', '一般', '计分'],
      ['鲤城区招生考试网', '鲤城区教育局', '否决', '计分'],
      ['鲤城区招生考试网', '鲤城区教育局', '一般', '计分'],
    ]);
    await page.close();
  });

  it('a 390 px phone shows every page without sideways scrolling', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844 });
    for (const path of ['', 'findings', 'sites/market', 'sites/portal', `units/${encodeURIComponent('鲤城区教育局')}`, 'bulletins', 'login']) {
      await page.goto(url + path);
      expect([path, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([path, 390]);
    }
    await page.close();
  });

  it("a unit's token sees only its own findings, in the list and the exports", async () => {
    const { token } = await issueToken(s.store, { scope: 'unit', unit: '鲤城区市场监督管理局' });
    const page = await browser.newPage();
    await page.goto(`${exposedUrl}findings?token=${token}`);
    expect((await listed(page)).map((r) => r[0])).toEqual(['market', 'market']);
    const csv = await (await fetch(`${exposedUrl}findings.csv?site=portal`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
    await page.close();
  });
});
