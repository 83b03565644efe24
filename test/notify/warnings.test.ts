// The warnings the center must act on, where it looks: the holiday calendar running out (45 days ahead) and
// notifications not getting through, in `govaudit status` and at the top of the dashboard (center only); and a
// homepage outage is announced once, not at every further failed probe, and again after a new outage; a nightly
// audit that never started is reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load.ts';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { issueToken } from '../../dashboard/tokens.ts';
import { homepageEvents } from '../../notify/homepage.ts';
import { createNotifier } from '../../notify/outbox.ts';
import { createLogger } from '../../scheduler/log.ts';
import { notifyTick } from '../../scheduler/notify.ts';
import { collectStatus, formatStatus } from '../../scheduler/status.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';

const sites = [
  { id: 'portal', name: '区政府门户网站', unit: '区政府办', homepage: 'http://portal.example/' },
  { id: 'edu', name: '区教育局网站', unit: '区教育局', homepage: 'http://edu.example/' },
];
const warning =
  '工作日历尚未包含 2027 年的法定节假日安排：30 天后（2027-01-01）起的答复期限无法按工作日计算。请在国务院办公厅发布 2027 年部分节假日安排的通知后，将放假日期和调休上班日期加入配置 calendar.holidays / calendar.workdays（或升级程序）。';

describe('center warnings', () => {
  let store: Store;
  let dashboard: Dashboard;
  let url: string;
  const now = () => new Date('2026-12-02T09:00:00+08:00');
  const config = parseConfig({ district: '测试区', sites, notify: { channels: { wx: { type: 'wecom', url: 'WX' } }, center: ['wx'] } }, '/tmp/d.json');
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    store = openSqliteStore(':memory:');
    await store.enqueueNotifications([{ id: 'k@wx', eventKey: 'k', channel: 'wx', kind: 'veto', urgent: true, message: { title: '单项否决风险：区政府门户网站（区政府办）', lines: [] }, createdAt: '2026-12-02T00:00:00.000Z', nextAt: '2026-12-02T00:00:00.000Z' }]);
    await store.claimNotification('k@wx', '2026-12-02T00:00:00.000Z');
    await store.settleNotification('k@wx', { state: 'pending', at: '2026-12-02T00:00:00.000Z', nextAt: '2026-12-02T00:01:00.000Z', error: 'the wecom webhook answered HTTP 502' });
    tokens.center = (await issueToken(store, { scope: 'center' })).token;
    tokens.unit = (await issueToken(store, { scope: 'unit', unit: '区教育局' })).token;
    dashboard = createDashboard({ store, config, now, requireToken: true });
    url = (await dashboard.listen(0, '127.0.0.1')).url;
  });
  afterAll(async () => {
    await dashboard?.close();
    await store?.close();
  });

  it('govaudit status shows the calendar warning and the failing delivery; a covered calendar shows none', async () => {
    const s = await collectStatus({ config, store, clock: now });
    expect(s.calendarWarning).toBe(warning);
    expect(s.notifications.map((n) => [n.id, n.state, n.attempts, n.error, n.nextAt])).toEqual([['k@wx', 'retrying', 1, 'the wecom webhook answered HTTP 502', '2026-12-02T00:01:00.000Z']]);
    const text = formatStatus(s);
    expect(text).toContain(`⚠ ${warning}`);
    expect(text).toContain('发送失败的通知（1 条）：\n  wx  单项否决风险：区政府门户网站（区政府办）  发送失败，等待重试，已尝试 1 次');
    const covered = parseConfig({ district: '测试区', sites, calendar: { holidays: ['2027-01-01'] } }, '/tmp/d.json');
    expect((await collectStatus({ config: covered, store, clock: now })).calendarWarning).toBeNull();
  });

  it('the dashboard shows both warnings to the center, not to a unit', async () => {
    const page = async (token: string) => {
      const res = await fetch(new URL('/', url), { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const html = await res.text();
      return [...html.matchAll(/<p class="warn">(.*?)<\/p>/g)].map((m) => m[1]);
    };
    expect(await page(tokens.center)).toEqual([warning, '有 1 条通知未能送达（通道：wx），详见 govaudit status。']);
    expect(await page(tokens.unit)).toEqual([]);
  });
});

describe('homepage outages', () => {
  it('announces an outage once however long it lasts, its end once, and a new outage again', async () => {
    const store = openSqliteStore(':memory:');
    const config = parseConfig({ district: '测试区', sites: [sites[1]], notify: { downAfterProbes: 2 } }, '/tmp/d.json');
    const ctx = { timezone: config.timezone };
    const kinds: string[] = [];
    const probe = async (hhmm: string, ok: boolean) => {
      const at = new Date(`2026-12-07T${hhmm}:00+08:00`);
      await store.saveProbes([{ siteId: 'edu', at: at.toISOString(), url: 'http://edu.example/', ok, status: ok ? 200 : 503, error: null, timeMs: 10 }]);
      const { events, save } = await homepageEvents({ config, store, ctx, now: at });
      await save();
      kinds.push(`${hhmm} ${events.map((e) => `${e.kind}:${e.key}`).join(',')}`);
    };
    for (const [t, ok] of [['08:00', true], ['09:00', false], ['10:00', false], ['11:00', false], ['12:00', true], ['13:00', true], ['14:00', false], ['15:00', false]] as const) await probe(t, ok);
    expect(kinds).toEqual([
      '08:00 ',
      '09:00 ',
      '10:00 homepage-down:homepage-down:edu:2026-12-07T01:00:00.000Z',
      '11:00 ',
      '12:00 homepage-up:homepage-up:edu:2026-12-07T01:00:00.000Z',
      '13:00 ',
      '14:00 ',
      '15:00 homepage-down:homepage-down:edu:2026-12-07T06:00:00.000Z',
    ]);
    await store.close();
  });
});

describe('a nightly audit that did not run', () => {
  it('is reported to the center two hours after its time, once, unless the district was never audited', async () => {
    // a channel whose secret is missing: messages are kept in the outbox, where the test reads them
    const config = parseConfig({ district: '测试区', sites, calendar: { holidays: ['2027-01-01'] }, notify: { channels: { wx: { type: 'wecom', url: 'WX_MISSING' } }, center: ['wx'] } }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    let now = new Date('2026-12-07T03:20:00+08:00');
    const notifier = createNotifier({ config, store, env: {}, clock: () => now });
    const tick = () => notifyTick({ config, store, notifier, log: createLogger({ level: 'silent' }), clock: () => now });
    const titles = async () => (await store.listNotifications()).map((r) => [r.kind, r.message.title, ...r.message.lines]);
    await tick();
    expect(await titles()).toEqual([]); // never audited
    await store.createRun({ id: 'r-old', kind: 'audit', asOf: '2026-12-06T01:30:00+08:00', startedAt: '2026-12-06T01:30:00+08:00', siteIds: ['portal', 'edu'], state: 'done' });
    await tick();
    expect(await titles()).toEqual([]); // 01:30 was less than two hours ago
    now = new Date('2026-12-07T03:31:00+08:00');
    await tick();
    await tick();
    expect(await titles()).toEqual([['audit-failed', '夜间检查未运行', '按计划应于 12月7日 01:30 开始的全面检查没有运行。', '请确认检查服务（govaudit serve）正在运行，并查看服务日志。']]);
    await store.close();
  });
});
