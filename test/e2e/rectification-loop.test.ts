// The rectification loop end to end on the demo district (issue 23 item 5, its Done-when), in real Chromium: the
// hacked site (鲤城区农业农村局) is audited from the fixture server; its pending vetoes show on its scorecard, its
// unit's page and the overview; `bulletin --final` refuses and lists every one of them; an administrator adds a
// reviewer and a unit user; the reviewer confirms the tampered title and the site reads 不合格 on the dashboard and in
// the month's bulletin with the confirmed wording (--final refuses until the other five are reviewed too); the
// unit user marks two findings fixed and asks for a re-check; the site is fixed there (the ad-network script removed,
// the floating ad left); the service's re-check job audits it again and the unit page shows the first 已整改 with the
// date and the second 复查仍存在.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { addUser } from '../../dashboard/users.ts';
import { fixturesRoot, startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { isCounted } from '../../reports/counts.ts';
import { listRechecks } from '../../reports/rectification.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { createJobs } from '../../scheduler/jobs.ts';
import { createLogger } from '../../scheduler/log.ts';
import { createService } from '../../scheduler/service.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.ts';
import { launchBrowser, signInAs } from '../support/browser.ts';

const unit = '泉州市鲤城区农业农村局';
const siteName = '鲤城区农业农村局';
const unitPath = `units/${encodeURIComponent(unit)}`;
/** When set, the key pages are saved there as PNG (docs/images when the review guide's pictures are redone). */
const shots = process.env.GOVAUDIT_DOC_IMAGES;

let dir: string;
let server: FixtureServer;
let config: DistrictConfig;
let configFile: string;
let store: SqliteStore;
let first: Scorecard;
let dash: Dashboard;
let url: string;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let clock = new Date('2026-11-24T09:00:00+08:00');

beforeAll(async () => {
  // the fixture sites are served from a copy, so the test can fix the hacked site between the audit and the re-check
  dir = await mkdtemp(join(tmpdir(), 'govaudit-rectify-'));
  for (const part of ['sites', 'demo', 'exports']) await cp(join(fixturesRoot, part), join(dir, 'fixtures', part), { recursive: true });
  server = await startFixtureServer({ root: join(dir, 'fixtures'), sites: ['hacked'] });
  configFile = join(dir, 'district.json');
  await server.writeConfig(configFile);
  config = parseConfig(JSON.parse(await readFile(configFile, 'utf8')), configFile);
  store = openSqliteStore(join(dir, 'data'));
  first = (await runAudit({ config, store, now: new Date(config.asOf!), outDir: join(dir, 'out') })).scorecards[0];
  await addUser(store, { username: 'wang.admin', displayName: '王管理', role: 'admin', unit: null, password: 'center-password-2026' }, { units: [unit], by: 'test', now: clock });
  dash = createDashboard({ store, config, now: () => clock, requireToken: true, delay: async () => {} });
  url = (await dash.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 400_000); // a hang guard for a loaded 2-core machine, not a speed bound

afterAll(async () => {
  await closeBrowser?.();
  await dash?.close();
  await store?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function signIn(username: string, password: string): Promise<Page> {
  return (await signInAs(browser, url, username, password, { width: 1200, height: 900 })).page;
}

const text = (page: Page, sel: string) => page.$eval(sel, (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, name), fullPage: true });
};

/** `govaudit bulletin` as a clerk runs it; exit code and what it printed. */
async function bulletinCli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const [ow, ew] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  process.stdout.write = ((c: string) => (out.push(String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => (out.push(String(c)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['bulletin', '--month', '2026-11', '--config', configFile, '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--now', '2026-12-01T09:00:00+08:00', '--formats', 'html', ...args]);
    return { code, out: out.join('') };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}

/** The identities `--final` lists (`编号 …` at the end of each line). */
const listed = (out: string) => [...out.matchAll(/编号 (\S+)/g)].map((m) => m[1]).sort();
const pendingOf = (card: Scorecard) => card.findings.filter((f) => f.review && f.severity === 'veto' && !f.confirmed);

describe('rectification loop on the demo district', { timeout: 400_000 }, () => {
  it('from pending vetoes through review, rectification and the re-check to 已整改', async () => {
    const codeOf = new Map(first.findings.map((f) => [f.identity, f.code]));
    const pending = pendingOf(first);
    expect(pending.map((f) => f.code).sort()).toEqual(['security.hidden-link', 'security.hidden-link', 'security.spam-content', 'security.spam-content', 'security.spam-content', 'security.tampered-title']);

    // 1. the administrator sees the six pending vetoes on the overview, the unit's page and the site's scorecard
    const admin = await signIn('wang.admin', 'center-password-2026');
    await admin.goto(url);
    expect(await text(admin, 'table.sites tbody tr[data-site="hacked"]')).toContain('合格（待复核：6 项疑似单项否决，确认即不合格）');
    await shot(admin, 'rectify-overview-pending.png');
    await admin.goto(url + unitPath);
    expect(await text(admin, '.verdict .verdict-text')).toBe('合格（待复核：6 项疑似单项否决，确认即不合格）');
    expect(await text(admin, 'main')).toContain('待复核的疑似单项否决问题（6）');
    await admin.goto(`${url}sites/hacked`);
    expect(await text(admin, '.verdict .verdict-text')).toBe('合格（待复核：6 项疑似单项否决，确认即不合格）');

    // 2. `bulletin --final` refuses and lists every unreviewed veto-level finding
    const refused = await bulletinCli(['--final', '--seq', '1']);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('6 项疑似单项否决的问题尚未复核，不能印发正式通报');
    expect(listed(refused.out)).toEqual(pending.map((f) => f.identity).sort());

    // 3. the administrator adds a reviewer and the unit's user
    await admin.goto(`${url}users`);
    for (const [username, name, role, u, password] of [
      ['li.reviewer', '李复核', 'reviewer', '', 'reviewer-password-2026'],
      ['nync.user', '农业农村局信息科', 'unit', unit, 'unit-password-2026'],
    ]) {
      await admin.type('#add-user input[name=username]', username);
      await admin.type('#add-user input[name=displayName]', name);
      await admin.select('#add-user select[name=role]', role);
      await admin.select('#add-user select[name=unit]', u);
      await admin.type('#add-user input[name=password]', password);
      await Promise.all([admin.waitForNavigation(), admin.click('#add-user button')]);
    }
    const users = await admin.$$eval('table.users tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => (td.textContent ?? '').trim())));
    expect(users.map((u) => u[0]).sort()).toEqual(['li.reviewer', 'nync.user', 'wang.admin']);
    await admin.browserContext().close();

    // 4. the reviewer confirms the tampered title: the site is 不合格 on the dashboard
    const tampered = pending.find((f) => f.code === 'security.tampered-title')!;
    const reviewer = await signIn('li.reviewer', 'reviewer-password-2026');
    await reviewer.goto(`${url}review`);
    await reviewer.type(`li[data-identity="${tampered.identity}"] form.confirm input[name=reason]`, '已核实标题被篡改为赌博广告');
    await Promise.all([reviewer.waitForNavigation(), reviewer.click(`li[data-identity="${tampered.identity}"] form.confirm button`)]);
    expect(await text(reviewer, 'p.notice')).toMatch(/^已确认：鲤城区农业农村局，重新计分 [\d.]+ 分，不合格$/);
    await reviewer.goto(url);
    expect(await text(reviewer, 'table.sites tbody tr[data-site="hacked"]')).toContain('不合格');
    await reviewer.goto(`${url}sites/hacked`);
    expect(await text(reviewer, '.verdict .verdict-text')).toBe('不合格');
    expect(await text(reviewer, `li[data-code="security.tampered-title"] .head`)).toContain('已确认（李复核）');
    await shot(reviewer, 'rectify-site-confirmed.png');
    await reviewer.goto(url + unitPath);
    expect(await text(reviewer, '.verdict .verdict-text')).toBe('不合格');

    // the site is 不合格 now, but `--final` still refuses while the other five veto-level findings await review
    const others = pending.filter((f) => f.identity !== tampered.identity);
    const stillRefused = await bulletinCli(['--final', '--seq', '7']);
    expect(stillRefused.code).toBe(2);
    expect(stillRefused.out).toContain('5 项疑似单项否决的问题尚未复核，不能印发正式通报');
    expect(listed(stillRefused.out)).toEqual(others.map((f) => f.identity).sort());
    // the reviewer confirms them too (they are on the fixture site as found)
    for (const f of others) {
      await reviewer.goto(`${url}review`);
      await reviewer.type(`li[data-identity="${f.identity}"] form.confirm input[name=reason]`, '已核实');
      await Promise.all([reviewer.waitForNavigation(), reviewer.click(`li[data-identity="${f.identity}"] form.confirm button`)]);
      expect(await text(reviewer, 'p.notice')).toMatch(/^已确认：鲤城区农业农村局，重新计分 [\d.]+ 分，不合格$/);
    }
    await reviewer.browserContext().close();

    // … and in the month's bulletin, with the confirmed wording, issued once nothing veto-level awaits review
    const issued = await bulletinCli(['--final', '--seq', '7']);
    expect([issued.code, issued.out.split('\n')[0]]).toEqual([0, '鲤网管〔2026〕7号　关于2026年11月全区政府网站抽查情况的通报（正式）']);
    const body = (await readFile(join(dir, 'out', 'bulletins', 'bulletin-2026-11.html'), 'utf8')).replace(/<wbr>/g, '');
    expect(body).toContain(`不合格网站1个：${siteName}（单项否决：`);
    expect(body).toContain(`${siteName}网站：网页标题被篡改为“皇冠体育_买球平台_足球投注”`);
    expect(body).toContain("严重表述错误、安全泄密（单项否决指标，1个网站被否决）");
    expect(body).not.toContain('待复核事项');
    expect(body).toContain(`<td>${unit}</td>`); // its 整改期限 row

    // 5. the unit user marks the ad-network script and the floating ad fixed and asks for a re-check
    const ads = first.findings.filter((f) => f.code === 'security.commercial-ad');
    const network = ads.find((f) => f.evidence.kind === 'ad-network')!;
    const floating = ads.find((f) => f.evidence.kind === 'floating')!;
    clock = new Date('2026-11-24T15:00:00+08:00');
    const user = await signIn('nync.user', 'unit-password-2026');
    await user.goto(url + unitPath);
    for (const [f, note] of [[network, '已删除首页的百度联盟广告代码'], [floating, '已撤下首页浮动广告']] as const) {
      await user.type(`section.rectify[data-site="hacked"] li[data-identity="${f.identity}"] input[name=note]`, note);
      await Promise.all([user.waitForNavigation(), user.click(`section.rectify[data-site="hacked"] li[data-identity="${f.identity}"] button`)]);
      expect(await text(user, 'p.notice')).toBe('已标记为已整改，请在全部整改后申请复查。');
      expect(await text(user, `section.rectify li[data-identity="${f.identity}"] .tag`)).toBe('已报整改，待复查');
    }
    await Promise.all([user.waitForNavigation(), user.click('section.rectify[data-site="hacked"] form.recheck button')]);
    expect(await text(user, 'p.notice')).toBe('已申请复查，系统将尽快复查该网站。');
    expect(await text(user, 'section.rectify[data-site="hacked"] p.notice')).toBe('已申请复查（2026-11-24 15:00），等待系统复查。');
    expect((await listRechecks(store)).map((r) => [r.data.siteId, r.data.state])).toEqual([['hacked', 'queued']]);

    // 6. the site is fixed there: the ad-network script goes, the floating ad stays
    const index = join(dir, 'fixtures', 'sites', 'hacked', 'www', 'index.htm');
    const html = await readFile(index, 'utf8');
    expect(html).toContain('cpro.baidustatic.com');
    await writeFile(index, html.replace(/<script src="http:\/\/cpro\.baidustatic\.com[^"]*"><\/script>\n?/, ''));

    // 7. the service's re-check job runs the queue
    const recheckAt = new Date('2026-11-25T10:00:00+08:00');
    const quiet = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
    const jobs = createJobs({ config, store, now: recheckAt, clock: () => recheckAt, outDir: join(dir, 'out') });
    const service = createService({ config, store, log: quiet, jobs, clock: () => recheckAt });
    expect(await service.runJob('recheck', 'once')).toMatchObject({ ok: true, sites: 1, closed: 1, reopened: 1 });
    await service.stop(1_000);

    // 8. the unit page: the ad-network script 已整改 with the date, the floating ad still there
    clock = new Date('2026-11-25T11:00:00+08:00');
    await user.browserContext().close();
    let next = await signIn('nync.user', 'unit-password-2026'); // the next morning: yesterday's session has ended
    await next.goto(url + unitPath);
    expect(await text(next, `section.rectify[data-site="hacked"] ul.closed li[data-identity="${network.identity}"]`)).toMatch(/^已整改（2026-11-25 10:00）：/);
    expect(await text(next, `section.rectify[data-site="hacked"] li[data-identity="${floating.identity}"] .tag`)).toBe('复查仍存在');
    expect(await text(next, `section.rectify[data-site="hacked"] li[data-identity="${floating.identity}"] .meta`)).toContain('复查于 2026-11-25 10:00');
    expect(await next.$(`section.rectify[data-site="hacked"] ol li[data-identity="${network.identity}"]`)).toBeNull();
    expect(await next.$('section.rectify[data-site="hacked"] p.notice')).toBeNull();
    await shot(next, 'rectify-rechecked.png');
    // the re-check is a run of its own in the site's history, still 不合格 (the confirmed title stands)
    await next.goto(`${url}sites/hacked`);
    expect(await text(next, '.verdict .verdict-text')).toBe('不合格');
    expect(codeOf.get(network.identity)).toBe('security.commercial-ad');

    // 9. after the issued bulletin's deadline (10 working days from 1 December: 15 December), what the latest audit
    // still finds is 逾期未整改 on the unit's page; the ad-network script, gone before the bulletin, is not
    clock = new Date('2026-12-17T09:00:00+08:00');
    await next.browserContext().close();
    next = await signIn('nync.user', 'unit-password-2026');
    await next.goto(url + unitPath);
    const [latest] = await store.siteHistory('hacked', 1);
    const open = (latest.scorecard as Scorecard).findings.filter((f) => isCounted(f)).map((f) => f.identity).sort();
    expect(open).toContain(floating.identity);
    expect(await text(next, 'section.overdue h2')).toBe(`逾期未整改（${open.length}）`);
    const rows = await next.$$eval('table.overdue tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-identity'), ...[...tr.querySelectorAll('td')].slice(3).map((td) => (td.textContent ?? '').trim())]));
    expect(rows.map((r) => r[0]).sort()).toEqual(open);
    expect(rows.find((r) => r[0] === floating.identity)).toEqual([floating.identity, '2026-12-15', '2', '复查仍存在']);
    await shot(next, 'rectify-overdue.png');
    await next.browserContext().close();
  });
});
