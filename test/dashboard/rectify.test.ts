// Rectification in real Chromium: a unit user marks two findings 已整改 with a note and asks for a re-check; the
// request waits in the store (the dashboard never crawls); the scheduler's re-check runs that site's checks once
// (here a scored re-run in which one problem is gone) and closes that claim (已整改 with the date) while reopening
// the other with the new evidence; a unit user cannot mark another unit's finding.
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { addUser } from '../../dashboard/users.ts';
import { buildScorecard } from '../../reports/build-scorecard.ts';
import { listRectifications, listRechecks } from '../../reports/rectification.ts';
import { runRechecks } from '../../scheduler/recheck.ts';
import { launchBrowser, signInAs } from '../support/browser.ts';
import { findingsOf, makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

let s: StoredRuns;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let dash: Dashboard;
let url: string;
const now = () => new Date('2026-11-25T09:00:00+08:00');
const unitPage = `units/${encodeURIComponent('鲤城区教育局')}`;

beforeAll(async () => {
  s = await makeStoredRuns();
  await addUser(s.store, { username: 'edu.user', displayName: '教育局信息科', role: 'unit', unit: '鲤城区教育局', password: 'unit-password-2026' }, { units: ['鲤城区教育局'], by: 'test', now: now() });
  dash = createDashboard({ store: s.store, config: s.config, now, requireToken: true, delay: async () => {} });
  url = (await dash.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  await closeBrowser?.();
  await dash?.close();
  await s?.close();
});

async function signIn(): Promise<Page> {
  return (await signInAs(browser, url, 'edu.user', 'unit-password-2026')).page;
}

describe('rectification', { timeout: 240_000 }, () => {
  it('a unit user marks findings fixed and asks for a re-check; the re-check closes the fixed one and reopens the other', async () => {
    const page = await signIn();
    await page.goto(url + unitPage);
    const edu = s.cards[2].get('edu')!;
    const idNumber = edu.findings.find((f) => f.code === 'privacy.id-number')!.identity;
    const siteCode = edu.findings.find((f) => f.code === 'identity.missing-site-code')!.identity;
    for (const [identity, note] of [[idNumber, '已删除该通知中的身份证号码'], [siteCode, '已在页脚加上网站标识码']]) {
      await page.type(`section.rectify[data-site="edu"] li[data-identity="${identity}"] input[name=note]`, note);
      await Promise.all([page.waitForNavigation(), page.click(`section.rectify[data-site="edu"] li[data-identity="${identity}"] button`)]);
      expect(await page.$eval('p.notice', (e) => e.textContent)).toBe('已标记为已整改，请在全部整改后申请复查。');
    }
    await Promise.all([page.waitForNavigation(), page.click('section.rectify[data-site="edu"] form.recheck button')]);
    expect(await page.$eval('p.notice', (e) => e.textContent)).toBe('已申请复查，系统将尽快复查该网站。');
    expect((await listRechecks(s.store)).map((r) => [r.data.siteId, r.data.state, r.data.by])).toEqual([['edu', 'queued', '教育局信息科']]);

    // The scheduler's re-check: the ID number is gone from the site, the site code still missing.
    const findings = findingsOf('edu', 2).filter((f) => f.code !== 'privacy.id-number');
    const results = ['privacy', 'identity', 'error-reports'].map((id) => ({ id, title: id, status: 'failed' as const, findings: findings.filter((f) => f.check === id) }));
    const outcomes = await runRechecks({
      config: s.config,
      store: s.store,
      now: () => new Date('2026-11-26T10:00:00+08:00'),
      audit: async (siteId) => buildScorecard({ runId: 'recheck-1', site: s.config.sites.find((x) => x.id === siteId)!, config: s.config, now: new Date('2026-11-26T10:00:00+08:00'), results, findings, previous: edu }),
    });
    expect(outcomes).toEqual([{ siteId: 'edu', runId: 'recheck-1', closed: [idNumber], reopened: [siteCode] }]);
    expect((await listRechecks(s.store)).map((r) => [r.data.siteId, r.data.state, r.data.runId])).toEqual([['edu', 'done', 'recheck-1']]);
    expect((await listRectifications(s.store, 'edu')).map((r) => [r.identity, r.status, r.checkedAt]).sort()).toEqual(
      [
        [idNumber, 'closed', '2026-11-26T02:00:00.000Z'],
        [siteCode, 'reopened', '2026-11-26T02:00:00.000Z'],
      ].sort(),
    );

    await page.goto(url + unitPage);
    expect(await page.$eval(`section.rectify[data-site="edu"] ul.closed li[data-identity="${idNumber}"]`, (e) => e.textContent)).toBe('已整改（2026-11-26 10:00）：页面公开了未遮盖的居民身份证号码');
    expect(await page.$eval(`section.rectify[data-site="edu"] li[data-identity="${siteCode}"] .tag`, (e) => e.textContent)).toBe('复查仍存在');
    // The site's page shows the same claims, read-only: the one still there first, each with its note and re-check.
    await page.goto(`${url}sites/edu`);
    expect(await page.$eval('section.claims h2', (e) => e.textContent)).toBe('整改情况（2）');
    expect(await page.$$eval('table.claims tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-identity'), ...[...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)]))).toEqual([
      [siteCode, '复查仍存在', '已在页脚加上网站标识码（教育局信息科，2026-11-25 09:00）', '2026-11-26 10:00'],
      [idNumber, '已整改', '已删除该通知中的身份证号码（教育局信息科，2026-11-25 09:00）', '2026-11-26 10:00'],
    ]);
    expect(await page.$$('form[action^="/rectify/"]')).toHaveLength(0);
    await page.browserContext().close();
  });

  it("a unit user cannot mark another unit's finding or ask to re-check its site", async () => {
    const page = await signIn();
    await page.goto(url + unitPage);
    const csrf = await page.$eval('nav.top input[name=_csrf]', (i) => (i as HTMLInputElement).value);
    const portal = s.cards[2].get('portal')!.findings[0].identity;
    for (const action of [`/rectify/portal/${portal}`, '/recheck/portal']) {
      const [res] = await Promise.all([
        page.waitForNavigation(),
        page.evaluate(
          (token, target) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = target;
            for (const [k, v] of [['_csrf', token], ['note', 'x']]) {
              const input = document.createElement('input');
              input.name = k;
              input.value = v;
              form.appendChild(input);
            }
            document.body.appendChild(form);
            form.submit();
          },
          csrf,
          action,
        ),
      ]);
      expect([action, res!.status()]).toEqual([action, 404]);
      await page.goto(url + unitPage);
    }
    expect((await listRectifications(s.store, 'portal')).length).toBe(0);
    await page.browserContext().close();
  });
});
