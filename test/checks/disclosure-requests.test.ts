// The disclosure-request check on hand-made requests (no network, pinned clock, the official 2026 calendar): the
// 20-working-day deadline across Mid-Autumn and National Day, extensions notified in time or too late, suspended
// days, open requests (unanswered, due soon, not yet due), answers after the clock, the period, calendar gaps.
import { describe, expect, it } from 'vitest';
import { disclosureRequests, type DisclosureRequestMetrics } from '../../checks/disclosure-requests.ts';
import { recordDeadline } from '../../checks/records/judge.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import { createCalendar, type CalendarAdditions } from '../../calendar/workdays.ts';
import { disclosureRequestKind, type DisclosureRequest } from '../../contract/records/disclosure-requests.ts';

const site = { id: 'edu', name: '教育局', unit: '区教育局', homepage: 'http://jyj.example.gov.cn/' };
const demoNow = new Date('2026-11-20T10:00:00+08:00');
const iso = (t: string | null) => (t === null ? null : `${t.replace(' ', 'T')}:00+08:00`);

/** A request with local times written as in the export (`YYYY-MM-DD HH:MM`, +08:00). */
function req(id: string, received: string, answered: string | null, extra: { extendedAt?: string; suspendedDays?: number; status?: string } = {}): DisclosureRequest {
  return {
    id, unit: '区教育局', siteCode: null, subject: '申请公开某项目的审批文件', receivedAt: iso(received)!, extendedAt: iso(extra.extendedAt ?? null),
    suspendedDays: extra.suspendedDays ?? 0, answeredAt: iso(answered), status: extra.status ?? (answered ? '已答复' : '办理中'),
  };
}

function run(requests: DisclosureRequest[], opts: { now?: Date; calendar?: CalendarAdditions; rules?: Record<string, unknown>; sources?: string[] } = {}) {
  const config = parseConfig({ district: '测试区', sites: [site], ...(opts.rules ? { disclosureRequestRules: opts.rules } : {}) }, '/tmp/d.json');
  const artifacts: SiteArtifacts = { site: config.sites[0], unavailable: {}, records: { 'disclosure-request': { records: requests, invalid: [], sources: opts.sources ?? ['/tmp/requests.csv'] } } };
  const result = runChecks([disclosureRequests], artifacts, { now: opts.now ?? demoNow, timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: createCalendar(opts.calendar ?? {}) })[0];
  return { ...result, m: result.metrics as unknown as DisclosureRequestMetrics };
}
const codes = (r: ReturnType<typeof run>) => r.findings.map((f) => `${f.code} ${f.evidence.requestId}`);

describe('deadline arithmetic', () => {
  const rules = { deadlineWorkdays: 20, extensionWorkdays: 20, dueSoonWorkdays: 5 };
  const calendar = createCalendar();
  const deadline = (r: DisclosureRequest, now = demoNow) => recordDeadline(disclosureRequestKind, r, { now, timezone: 'Asia/Shanghai', calendar, rules });

  it('counts 20 working days from the day after receipt, skipping Mid-Autumn and counting the make-up Sunday', () => {
    // 2 Sep … 29 Sep 2026: the make-up working Sunday 20 Sep counts, Mid-Autumn (25 Sep) does not.
    expect(deadline(req('A', '2026-09-01 10:00', null))).toEqual({ workdays: 20, firstDeadline: '2026-09-29T23:59:59.999+08:00', deadline: '2026-09-29T23:59:59.999+08:00', extension: 'none' });
  });

  it('adds 20 working days for an extension notified by the first deadline, across the National Day week', () => {
    expect(deadline(req('B', '2026-09-01 10:00', null, { extendedAt: '2026-09-29 23:00' }))).toMatchObject({ workdays: 40, deadline: '2026-11-02T23:59:59.999+08:00', extension: 'applied' });
    expect(deadline(req('C', '2026-09-01 10:00', null, { extendedAt: '2026-09-30 08:00' }))).toMatchObject({ workdays: 20, deadline: '2026-09-29T23:59:59.999+08:00', extension: 'too-late' });
  });

  it('adds suspended days (补正, consultation), and they also move the point by which an extension must be notified', () => {
    expect(deadline(req('D', '2026-09-01 10:00', null, { suspendedDays: 3 }))).toMatchObject({ workdays: 23, deadline: '2026-10-09T23:59:59.999+08:00' });
    expect(deadline(req('E', '2026-09-01 10:00', null, { suspendedDays: 3, extendedAt: '2026-10-09 09:00' }))).toMatchObject({ workdays: 43, extension: 'applied' });
  });

  it('ignores an extension notice later than the audit clock', () => {
    expect(deadline(req('F', '2026-09-01 10:00', null, { extendedAt: '2026-09-20 10:00' }), new Date('2026-09-10T00:00:00+08:00'))).toMatchObject({ workdays: 20, extension: 'none' });
  });
});

describe('disclosure-request check as of Friday 2026-11-20 10:00', () => {
  it('finds overdue answers and unanswered requests, with the rule in the message', () => {
    const r = run([
      req('R01', '2026-09-01 10:00', '2026-09-29 17:00'),
      req('R02', '2026-09-01 10:00', '2026-09-30 09:00'),
      req('R03', '2026-09-01 10:00', '2026-10-30 16:00', { extendedAt: '2026-09-25 10:00' }),
      req('R04', '2026-09-01 10:00', '2026-10-20 16:00', { extendedAt: '2026-09-30 10:00' }),
      req('R05', '2026-09-01 10:00', '2026-10-09 16:00', { suspendedDays: 3 }),
      req('R06', '2026-10-09 09:00', null),
    ]);
    expect(codes(r)).toEqual(['disclosure-request.overdue R02', 'disclosure-request.overdue R04', 'disclosure-request.unanswered R06']);
    expect(r.findings.every((f) => f.url === null && f.severity === 'major')).toBe(true);
    expect(r.findings[0].message).toBe('依申请公开 R02 超期答复：2026-09-01 10:00收到申请，应在2026-09-29 23:59前答复，实际2026-09-30 09:00答复，历时21个工作日（时限20个工作日）');
    expect(r.findings[1].message).toBe(
      '依申请公开 R04 超期答复：2026-09-01 10:00收到申请，应在2026-09-29 23:59前答复，实际2026-10-20 16:00答复，历时31个工作日（时限20个工作日）；2026-09-30 10:00延期告知时首个答复期限已过，延期不予计算',
    );
    expect(r.findings[1].evidence).toMatchObject({ requestId: 'R04', extension: 'too-late', extendedAt: '2026-09-30T10:00:00+08:00', workdaysAllowed: 20 });
    expect(r.findings[2].message).toBe('依申请公开 R06 逾期未答复：2026-10-09 09:00收到申请，答复期限2026-11-05 23:59已过，已历时31个工作日（时限20个工作日）');
    expect(r.findings[2].evidence).toMatchObject({ deadline: '2026-11-05T23:59:59.999+08:00', answered: null, workdaysTaken: 31 });
    expect(r.m).toMatchObject({ total: 6, onTime: 3, overdue: 2, unanswered: 1, extended: 1, extensionsIgnored: 1, timelinessRate: 0.5 });
  });

  it('says when suspended days and an extension made up the time allowed', () => {
    const r = run([req('S1', '2026-09-01 10:00', '2026-11-05 09:00', { suspendedDays: 2, extendedAt: '2026-09-28 10:00' })]);
    expect(r.findings[0].message).toContain('（时限42个工作日，含补正及征求意见2个工作日、含延期20个工作日）');
  });

  it('lists open requests due within 5 working days as due soon, not as findings', () => {
    const r = run([
      req('O1', '2026-10-23 15:00', null), // due today (20 Nov)
      req('O2', '2026-10-26 09:00', null), // due Monday 23 Nov
      req('O3', '2026-11-10 09:00', null), // due 8 Dec
      req('O4', '2026-11-02 09:00', '2026-11-25 10:00'), // answered after the audit clock: still open, due 30 Nov
    ]);
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('passed');
    expect(r.m).toMatchObject({ total: 4, dueSoon: 2, notYetDue: 2, timelinessRate: null });
    expect(r.m.dueSoonRequests).toEqual([
      { requestId: 'O1', received: '2026-10-23T15:00:00+08:00', deadline: '2026-11-20T23:59:59.999+08:00', workdaysLeft: 0, extended: false },
      { requestId: 'O2', received: '2026-10-26T09:00:00+08:00', deadline: '2026-11-23T23:59:59.999+08:00', workdaysLeft: 1, extended: false },
    ]);
  });

  it('leaves out requests received before the period or after the clock', () => {
    const r = run([req('X1', '2025-10-01 09:00', null), req('X2', '2026-11-21 09:00', null)]);
    expect(r.findings).toEqual([]);
    expect(r.m).toMatchObject({ total: 0, excluded: 2 });
  });

  it('warns and does not measure a request whose deadline runs into a year the calendar lacks', () => {
    const now = new Date('2027-01-20T10:00:00+08:00');
    const r = run([req('Y1', '2026-12-10 09:00', null), req('Y2', '2026-11-02 09:00', null)], { now });
    expect(codes(r)).toEqual(['disclosure-request.unanswered Y2']);
    expect(r.m).toMatchObject({ notMeasured: 1, notMeasuredRequests: [{ requestId: 'Y1', reason: '日期超出工作日历覆盖范围' }] });
    expect(r.warnings?.[0]).toMatch(/^工作日历未覆盖2027年，依申请公开 Y1/);
    const added = run([req('Y1', '2026-12-10 09:00', null)], { now, calendar: { holidays: ['2027-01-01'] } });
    expect(codes(added)).toEqual(['disclosure-request.unanswered Y1']);
    expect(added.findings[0].evidence.deadline).toBe('2027-01-08T23:59:59.999+08:00');
  });

  it('is not measured without any export configured or imported, and passes with an export that has none for the site', () => {
    expect(run([], { sources: [] })).toMatchObject({ status: 'not-measured' });
    expect(run([], { sources: ['/tmp/requests.csv'] })).toMatchObject({ status: 'passed', findings: [] });
  });
});
