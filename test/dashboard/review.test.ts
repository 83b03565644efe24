// The review queue in real Chromium: a reviewer finds the pending veto (a tampered title awaiting review) in the
// queue, filters it, confirms it; the site's latest run is re-scored once and stored, and the site reads 不合格 on
// the overview, its page and in the month's bulletin with the confirmed wording; the audit log says who, when and
// what. The store stays the one source of truth: stored score = scorecard JSON = dashboard for every site. Dismissed
// findings are not raised again unless their evidence changes; a unit user cannot act on the queue.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueFor } from '../../config/reports/catalogue.ts';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { addUser } from '../../dashboard/users.ts';
import { generateBulletin } from '../../reports/bulletin/generate.ts';
import { rescoreScorecard } from '../../reports/rescore.ts';
import { evidenceHash } from '../../reports/review.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { launchBrowser, signInAs } from '../support/browser.ts';
import { makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

let s: StoredRuns;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let dash: Dashboard;
let url: string;
const now = () => new Date('2026-11-25T09:00:00+08:00');
const units = ['鲤城区人民政府办公室', '鲤城区教育局', '鲤城区市场监督管理局'];

beforeAll(async () => {
  s = await makeStoredRuns();
  for (const [username, role, unit] of [['li.reviewer', 'reviewer', null], ['edu.user', 'unit', '鲤城区教育局']] as const) {
    await addUser(s.store, { username, displayName: username === 'li.reviewer' ? '李复核' : '教育局信息科', role, unit, password: `${role}-password-2026` }, { units, by: 'test', now: now() });
  }
  dash = createDashboard({ store: s.store, config: s.config, now, requireToken: true, delay: async () => {} });
  url = (await dash.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await dash?.close();
  await s?.close();
});

async function signIn(username: string, password: string): Promise<Page> {
  return (await signInAs(browser, url, username, password)).page;
}

const rows = (page: Page) => page.$$eval('table.sites tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-site'), ...[...tr.querySelectorAll('td')].slice(2, 4).map((td) => (td.textContent ?? '').trim())]));

/** Stored score and verdict, the scorecard JSON's, and the dashboard's overview row, per site. */
async function threeViews(page: Page) {
  await page.goto(url);
  const shown = new Map((await rows(page)).map(([id, score, verdict]) => [id, [Number(score), verdict!.replace(/（.*$/, '')]]));
  return Promise.all(
    s.config.sites.map(async (site) => {
      const [stored] = await s.store.siteHistory(site.id, 1);
      const card = stored.scorecard as Scorecard;
      return { site: site.id, stored: [stored.score, stored.verdict], json: [card.score, card.verdict], dashboard: shown.get(site.id) };
    }),
  );
}

describe('review queue', { timeout: 240_000 }, () => {
  it('stored score = scorecard JSON = dashboard for every site, before any review', async () => {
    const page = await signIn('li.reviewer', 'reviewer-password-2026');
    const views = await threeViews(page);
    for (const v of views) expect([v.site, v.json, v.dashboard]).toEqual([v.site, v.stored, v.stored]);
    expect(views.map((v) => [v.site, ...v.stored])).toEqual([
      ['portal', 98.9, '合格'],
      ['edu', 92, '合格'],
      ['exam', 99, '不合格'],
      ['market', 100, '合格'],
    ]);
    await page.browserContext().close();
  });

  it('a reviewer confirms the tampered title: the site becomes 不合格 everywhere, with the confirmed wording', async () => {
    const page = await signIn('li.reviewer', 'reviewer-password-2026');
    await page.goto(`${url}review`);
    const queue = () => page.$$eval('ol.queue > li', (lis) => lis.map((li) => [li.getAttribute('data-site'), li.querySelector('.head')!.textContent!.replace(/\s+/g, ' ').trim().slice(0, 40)]));
    expect(await queue()).toEqual([['market', '否决疑似单项否决，确认即不合格 鲤城区市场监督管理局网站（鲤城区市场监督管理局）']]);
    await page.select('form.filters select[name=severity]', 'minor');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    expect(await queue()).toEqual([]);
    await page.select('form.filters select[name=severity]', 'pending-veto');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
    expect((await queue()).map((q) => q[0])).toEqual(['market']);
    await page.type('li[data-site="market"] form.confirm input[name=reason]', '已核实首页标题被篡改');
    await Promise.all([page.waitForNavigation(), page.click('li[data-site="market"] form.confirm button')]);
    expect(await page.$eval('p.notice', (e) => e.textContent)).toBe('已确认：鲤城区市场监督管理局网站，重新计分 100 分，不合格');
    expect(await queue()).toEqual([]);

    const views = await threeViews(page);
    for (const v of views) expect([v.site, v.json, v.dashboard]).toEqual([v.site, v.stored, v.stored]);
    expect(views.find((v) => v.site === 'market')!.stored).toEqual([100, '不合格']);
    const stored = await s.store.listFindings('run-3', 'market');
    expect(stored.filter((f) => f.confirmed).map((f) => [f.code, f.confirmed])).toEqual([['security.tampered-title', { by: '李复核', note: '已核实首页标题被篡改' }]]);

    await page.goto(`${url}sites/market`);
    expect(await page.$eval('.verdict .verdict-text', (e) => e.textContent)).toBe('不合格');
    expect(await page.$eval('li[data-code="security.tampered-title"] .head', (e) => e.textContent!.replace(/\s+/g, ' '))).toContain('已确认（李复核）');

    await page.goto(`${url}audit-log`);
    const log = await page.$$eval('table.audit tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(log[0].slice(0, 4)).toEqual(['2026-11-25 09:00', 'li.reviewer', '确认问题', '鲤城区市场监督管理局网站']);
    expect(log[0][5]).toContain('说明：已核实首页标题被篡改；重新计分：100分 不合格');

    const out = join(s.dir, 'bulletins');
    await generateBulletin({ store: s.store, config: s.config, month: '2026-11', now: now(), outDir: out, formats: ['html'] });
    const html = await readFile(join(out, 'bulletin-2026-11.html'), 'utf8');
    expect(html).toContain('鲤城区市场监督管理局网站（单项否决：');
    expect(html).toContain('鲤城区市场监督管理局网站：网页标题被篡改为');
    expect(html).not.toContain('疑似');
    expect(html).not.toContain('请人工确认');
    expect(html).not.toContain('待复核事项');
    await page.browserContext().close();
  });

  it('a unit user has no review queue and cannot post a decision', async () => {
    const page = await signIn('edu.user', 'unit-password-2026');
    expect((await page.goto(`${url}review`))!.status()).toBe(404);
    expect((await page.goto(`${url}audit-log`))!.status()).toBe(404);
    await page.goto(url);
    const csrf = await page.$eval('nav.top input[name=_csrf]', (i) => (i as HTMLInputElement).value);
    const [res] = await Promise.all([
      page.waitForNavigation(),
      page.evaluate((token) => {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = '/review/edu/0123456789abcdef';
        for (const [k, v] of [['_csrf', token], ['action', 'dismiss'], ['reason', 'x']]) {
          const input = document.createElement('input');
          input.name = k;
          input.value = v;
          form.appendChild(input);
        }
        document.body.appendChild(form);
        form.submit();
      }, csrf),
    ]);
    const status = res!.status();
    expect(status).toBe(404);
    await page.browserContext().close();
  });

  it('a dismissed finding is not raised again unless its evidence changes', () => {
    const card = s.cards[1].get('market')!;
    const f = card.findings.find((x) => x.review)!;
    const ctx = (evidence: string) => ({
      catalogue: catalogueFor(s.config),
      decisions: { waivers: [], confirmations: [], dismissals: [{ identity: f.identity, siteId: 'market', by: '李复核', reason: '标题为正常改版', evidence }] },
      now: now(),
      timezone: s.config.timezone,
    });
    const same = rescoreScorecard(card, ctx(evidenceHash(f.evidence))).findings.find((x) => x.identity === f.identity)!;
    expect([same.dismissed, same.pendingVeto]).toEqual([{ by: '李复核', reason: '标题为正常改版' }, undefined]);
    const changed = rescoreScorecard(card, ctx(evidenceHash({ ...f.evidence, title: '另一个标题' }))).findings.find((x) => x.identity === f.identity)!;
    expect([changed.dismissed, changed.pendingVeto]).toEqual([undefined, true]);
  });
});
