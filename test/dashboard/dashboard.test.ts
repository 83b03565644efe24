// The dashboard in headless Chromium: pages show the expected sites, scores and findings; the trend has one point
// per stored run; links between pages work; a unit's token sees only its own sites; hostile crawled text shows as
// text; a strict CSP and no write endpoints.
import { request } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { issueToken, revokeToken } from '../../dashboard/tokens.ts';
import { generateBulletin } from '../../reports/bulletin/generate.ts';
import { noDecisions } from '../../reports/review.ts';
import { launchBrowser } from '../support/browser.ts';
import { hostileTitle, makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

let s: StoredRuns;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let local: Dashboard;
let exposed: Dashboard;
let localUrl: string;
let exposedUrl: string;
const tokens: Record<string, string> = {};
const now = () => new Date('2026-12-01T09:00:00+08:00');

beforeAll(async () => {
  s = await makeStoredRuns();
  await generateBulletin({ store: s.store, config: s.config, month: '2026-11', now: now(), outDir: join(s.dir, 'bulletins'), formats: ['html', 'docx'], decisions: noDecisions });
  tokens.center = (await issueToken(s.store, { scope: 'center' }, { label: '网站管理中心' })).token;
  tokens.edu = (await issueToken(s.store, { scope: 'unit', unit: '鲤城区教育局' })).token;
  const revoked = await issueToken(s.store, { scope: 'center' });
  await revokeToken(s.store, revoked.info.id);
  tokens.revoked = revoked.token;
  local = createDashboard({ store: s.store, config: s.config, now });
  exposed = createDashboard({ store: s.store, config: s.config, now, requireToken: true });
  localUrl = (await local.listen(0, '127.0.0.1')).url;
  exposedUrl = (await exposed.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await local?.close();
  await exposed?.close();
  await s?.close();
});

async function open(url: string): Promise<{ page: Page; status: number; csp: string | undefined }> {
  const page = await browser.newPage();
  const res = await page.goto(url, { waitUntil: 'load' });
  return { page, status: res!.status(), csp: res!.headers()['content-security-policy'] };
}

const rows = (page: Page, selector: string) =>
  page.$$eval(selector, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim().replace(/\s+/g, ' '))));

function raw(url: string, opts: { method?: string; host?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: { ...(opts.host ? { host: opts.host } : {}), ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard pages (center, on this machine)', { timeout: 180_000 }, () => {
  it('the overview lists every site with its score, verdict and worst findings, and ranks the units', async () => {
    const { page, status, csp } = await open(localUrl);
    expect(status).toBe(200);
    expect(csp).toBe("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    const sites = (await rows(page, 'table.sites tbody tr')).map((r) => r.slice(0, 4).concat(r.slice(5, 7)));
    expect(sites).toEqual([
      ['鲤城区人民政府门户网站', '鲤城区人民政府办公室', '98.9', '合格', '2', '0'],
      ['鲤城区教育局网站', '鲤城区教育局', '92', '合格', '3', '1'],
      ['鲤城区招生考试网', '鲤城区教育局', '99', '不合格', '2', '1'],
      ['鲤城区市场监督管理局网站', '鲤城区市场监督管理局', '100', '合格（待复核：1 项疑似单项否决，确认即不合格）', '1', '0'],
    ]);
    expect(await page.$eval('p.veto.pending', (e) => e.textContent)).toBe('有 1 个网站存在疑似单项否决的问题待复核，确认即不合格。');
    expect(await page.$eval('tr[data-site="exam"] ul.worst li', (li) => li.textContent)).toBe('否决首页超过2周未更新（最新信息 2026-10-30）');
    expect(await page.$$eval('tr[data-site="portal"] svg.spark circle.pt-score', (c) => c.length)).toBe(3);
    expect((await rows(page, 'table.units tbody tr')).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['1', '鲤城区市场监督管理局', '100'],
      ['2', '鲤城区人民政府办公室', '98.9'],
      ['3', '鲤城区教育局', '95.5'],
    ]);
    await page.close();
  });

  it('links lead from the overview to a site, its unit, and a past run', async () => {
    const { page } = await open(localUrl);
    await Promise.all([page.waitForNavigation(), page.click('tr[data-site="portal"] td:first-child a')]);
    expect(new URL(page.url()).pathname).toBe('/sites/portal');
    const top = await page.$eval('header', (h) => h.textContent!.replace(/\s+/g, ' '));
    expect(top).toMatch(/鲤城区人民政府门户网站 网站检查报告.*检查时间：2026-11-20 10:00 ?98\.9分合格 ?计分问题 2 个，其中新发现 0 个；本次已整改 1 个/);
    expect(await page.$$eval('svg.trend circle.pt-score', (c) => c.map((x) => x.getAttribute('data-run')))).toEqual(['run-1', 'run-2', 'run-3']);
    const findings = await page.$$eval('ol.findings li .head', (els) => els.map((e) => e.textContent!.replace(/\s+/g, ' ').trim()));
    expect(findings).toEqual([
      '严重持续存在（自 2026年10月20日 起） 首页链接无法访问（404）',
      '一般持续存在（自 2026年11月5日 起） 链接访问超时',
    ]);
    expect(await page.$$eval('table.history tbody tr', (trs) => trs.map((t) => t.getAttribute('data-run')))).toEqual(['run-3', 'run-2', 'run-1']);
    await Promise.all([page.waitForNavigation(), page.click('tr[data-run="run-1"] a')]);
    expect(new URL(page.url()).pathname).toBe('/sites/portal/runs/run-1');
    expect(await page.$eval('.verdict .score', (e) => e.textContent)).toBe('98');
    await Promise.all([page.waitForNavigation(), page.click('p.links a:first-child')]);
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/units/鲤城区人民政府办公室');
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('鲤城区人民政府办公室 网站检查汇总');
    await page.close();
  });

  it('a unit page covers the unit\'s sites and links to each', async () => {
    const { page } = await open(`${localUrl}units/${encodeURIComponent('鲤城区教育局')}`);
    expect((await rows(page, 'table.sites tbody tr')).map((r) => r.slice(0, 3))).toEqual([
      ['鲤城区教育局网站', '92', '合格'],
      ['鲤城区招生考试网', '99', '不合格'],
    ]);
    await Promise.all([page.waitForNavigation(), page.click('tr[data-site="exam"] a')]);
    expect(new URL(page.url()).pathname).toBe('/sites/exam');
    expect(await page.$eval('p.veto', (e) => e.textContent)).toContain('单项否决：首页不更新');
    await page.close();
  });

  it('a hostile page title shows as text, never as markup', async () => {
    for (const path of ['', 'sites/market', `units/${encodeURIComponent('鲤城区市场监督管理局')}`]) {
      const { page } = await open(localUrl + path);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.$$eval('script, img', (els) => els.length)).toBe(0);
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain(path ? hostileTitle : `${hostileTitle.slice(0, 50)}`);
      await page.close();
    }
  });

  it('the bulletin archive lists months and serves the generated files', async () => {
    const { page } = await open(`${localUrl}bulletins`);
    expect(await rows(page, 'table.bulletins tbody tr')).toEqual([
      ['2026-11', '2', '网页（HTML） Word（DOCX）（2026-12-01 09:00）', '预览'],
      ['2026-10', '1', '未生成', '预览'],
    ]);
    const href = await page.$eval('tr[data-month="2026-11"] a[href$=".docx"]', (a) => a.getAttribute('href'));
    const file = await raw(new URL(href!, localUrl).href);
    expect([file.status, file.headers['content-type'], file.body.subarray(0, 2).toString()]).toEqual([200, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK']);
    await Promise.all([page.waitForNavigation(), page.click('tr[data-month="2026-11"] a[href="/bulletins/2026-11"]')]);
    expect(await page.$eval('.doc h1', (e) => e.textContent)).toBe('关于2026年11月全区政府网站抽查情况的通报');
    await page.close();
  });

  it('answers GET, HEAD and (for forms) POST, and only under a loopback host name', async () => {
    expect((await raw(localUrl, { method: 'HEAD' })).status).toBe(200);
    expect((await raw(localUrl, { method: 'POST' })).status).toBe(405);
    expect((await raw(`${localUrl}logout`, { method: 'POST' })).status).toBe(403);
    expect((await raw(localUrl, { method: 'DELETE' })).status).toBe(405);
    expect((await raw(localUrl, { host: 'attacker.example' })).status).toBe(421);
    expect((await raw(`${localUrl}sites/none`)).status).toBe(404);
    expect((await raw(`${localUrl}bulletins/2026-11/../../etc/passwd`)).status).toBe(404);
  });
});

describe('dashboard behind tokens', { timeout: 180_000 }, () => {
  it('asks for a token, and refuses a revoked one', async () => {
    const { page, status } = await open(exposedUrl);
    expect(status).toBe(401);
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('登录');
    expect((await open(`${exposedUrl}?token=${tokens.revoked}`)).status).toBe(401);
    expect((await raw(exposedUrl, { headers: { authorization: `Bearer ${tokens.revoked}` } })).status).toBe(401);
    await page.close();
  });

  it('a unit token sees only its own sites', async () => {
    const { page, status } = await open(`${exposedUrl}?token=${tokens.edu}`);
    expect(status).toBe(200);
    expect(new URL(page.url()).search).toBe('');
    expect((await rows(page, 'table.sites tbody tr')).map((r) => r[0])).toEqual(['鲤城区教育局网站', '鲤城区招生考试网']);
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('鲤城区教育局 网站检查情况');
    for (const [path, want] of [['sites/edu', 200], ['sites/portal', 404], ['sites/market/findings.csv', 404], [`units/${encodeURIComponent('鲤城区人民政府办公室')}`, 404], ['bulletins', 404], ['bulletins/2026-11/bulletin-2026-11.docx', 404]] as const) {
      const res = await page.goto(exposedUrl + path);
      expect([path, res!.status()]).toEqual([path, want]);
    }
    await page.close();
  });

  it('the center token sees every site and the bulletins', async () => {
    const res = await raw(exposedUrl, { headers: { authorization: `Bearer ${tokens.center}` } });
    expect(res.status).toBe(200);
    expect([...res.body.toString().matchAll(/<tr data-site="([^"]+)"/g)].map((m) => m[1])).toEqual(['portal', 'edu', 'exam', 'market']);
    expect((await raw(`${exposedUrl}bulletins`, { headers: { authorization: `Bearer ${tokens.center}` } })).status).toBe(200);
  });
});
