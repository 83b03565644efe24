// The error-report check on hand-made reports (no network, pinned clock): the official 2026 calendar's hard cases,
// due-soon listing, calendar gaps, masking of descriptions, metrics.
import { describe, expect, it } from 'vitest';
import { errorReports, type ErrorReportMetrics } from '../../checks/error-reports.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import { runChecks } from '../../checks/runner.ts';
import { residentIdCheckChar } from '../../util/checksums.ts';
import { parseConfig } from '../../config/load.ts';
import { createCalendar, type CalendarAdditions } from '../../calendar/workdays.ts';
import type { ErrorReport } from '../../contract/records/error-reports.ts';

const site = { id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://www.example.gov.cn/' };
const demoNow = new Date('2026-11-20T10:00:00+08:00');

/** A report with local times written as in the export (`YYYY-MM-DD HH:MM`, +08:00). */
function report(id: string, forwarded: string | null, answered: string | null, extra: Partial<ErrorReport> = {}): ErrorReport {
  const iso = (t: string | null) => (t === null ? null : `${t.replace(' ', 'T')}:00+08:00`);
  return { id, siteName: '门户', siteCode: null, type: '错别字', description: null, submittedAt: iso(forwarded), forwardedAt: iso(forwarded), answeredAt: iso(answered), status: answered ? '已答复' : '处理中', answer: null, ...extra };
}

function run(reports: ErrorReport[], opts: { now?: Date; calendar?: CalendarAdditions; rules?: Record<string, unknown>; sources?: string[] } = {}) {
  const config = parseConfig({ district: '测试区', sites: [site], ...(opts.rules ? { errorReportRules: opts.rules } : {}) }, '/tmp/d.json');
  const artifacts: SiteArtifacts = { site: config.sites[0], unavailable: {}, records: { 'error-report': { records: reports, invalid: [], sources: opts.sources ?? ['/tmp/export.csv'] } } };
  const now = opts.now ?? demoNow;
  const result = runChecks([errorReports], artifacts, { now, timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: createCalendar(opts.calendar ?? {}) })[0];
  return { ...result, m: result.metrics as unknown as ErrorReportMetrics };
}

const codes = (r: ReturnType<typeof run>) => r.findings.map((f) => `${f.code} ${f.evidence.reportId}`);

describe('error-report deadlines on the official 2026 calendar', () => {
  it('counts through the National Day week: forwarded 30 Sep, due end of 9 Oct', () => {
    const r = run([report('A1', '2026-09-30 16:30', '2026-10-09 15:20'), report('A2', '2026-09-30 16:30', '2026-10-10 08:30')]);
    expect(codes(r)).toEqual(['error-report.overdue A2']);
    expect(r.findings[0].evidence).toMatchObject({ reportId: 'A2', forwarded: '2026-09-30T16:30:00+08:00', deadline: '2026-10-09T23:59:59.999+08:00', answered: '2026-10-10T08:30:00+08:00', workdaysTaken: 3, type: '错别字' });
    expect(r.m).toMatchObject({ total: 2, onTime: 1, overdue: 1, timelinessRate: 0.5 });
  });

  it('counts the make-up Saturday after National Day: forwarded Friday 9 Oct, due Monday 12 Oct (Mon–Fri would say 13 Oct)', () => {
    const r = run([report('B1', '2026-10-09 17:00', '2026-10-13 09:30'), report('B2', '2026-10-09 17:00', '2026-10-12 17:45')]);
    expect(codes(r)).toEqual(['error-report.overdue B1']);
    expect(r.findings[0].evidence).toMatchObject({ deadline: '2026-10-12T23:59:59.999+08:00', workdaysTaken: 3 });
    expect(r.findings[0].message).toBe('纠错留言 B1（错别字）超期答复：2026-10-09 17:00转办，应在2026-10-12 23:59前答复，实际2026-10-13 09:30答复，用时3个工作日（时限2个工作日）');
  });

  it('counts the make-up Sunday before National Day: forwarded Friday 18 Sep, due Monday 21 Sep', () => {
    const r = run([report('C1', '2026-09-18 11:00', '2026-09-21 18:00'), report('C2', '2026-09-18 11:00', '2026-09-22 09:00')]);
    expect(codes(r)).toEqual(['error-report.overdue C2']);
    expect(r.findings[0].evidence.deadline).toBe('2026-09-21T23:59:59.999+08:00');
  });

  it('skips Mid-Autumn 2026 (25 Sep) and the weekend: forwarded Thursday 24 Sep, an answer at 23:00 on 29 Sep is on time', () => {
    const r = run([report('D1', '2026-09-24 10:00', '2026-09-29 23:00'), report('D2', '2026-09-24 10:00', '2026-09-30 00:00')]);
    expect(codes(r)).toEqual(['error-report.overdue D2']);
    expect(r.findings[0].evidence).toMatchObject({ deadline: '2026-09-29T23:59:59.999+08:00', workdaysTaken: 3 });
    expect(r.m).toMatchObject({ onTime: 1, overdue: 1 });
  });

  it('counts the Spring Festival: forwarded Friday 13 Feb before the make-up Saturday, due 24 Feb', () => {
    const r = run([report('E1', '2026-02-13 16:00', '2026-02-24 10:00'), report('E2', '2026-02-13 16:00', '2026-02-25 10:00')]);
    expect(codes(r)).toEqual(['error-report.overdue E2']);
    expect(r.findings[0].evidence).toMatchObject({ deadline: '2026-02-24T23:59:59.999+08:00', workdaysTaken: 3 });
  });

  it('starts the clock at 留言时间 when there is no 转办时间, and says so', () => {
    const r = run([report('F1', null, '2026-11-13 09:00', { submittedAt: '2026-11-10T14:00:00+08:00' })]);
    expect(codes(r)).toEqual(['error-report.overdue F1']);
    expect(r.findings[0].evidence).toMatchObject({ forwarded: '2026-11-10T14:00:00+08:00', startedFrom: 'submittedAt', deadline: '2026-11-12T23:59:59.999+08:00' });
    expect(r.findings[0].message).toContain('2026-11-10 14:00留言（无转办时间）');
  });

  it('honours a configured deadline in working days', () => {
    const r = run([report('G1', '2026-11-02 09:00', '2026-11-06 16:00')], { rules: { deadlineWorkdays: 5 } });
    expect(r.findings).toEqual([]);
    expect(r.m).toMatchObject({ deadlineWorkdays: 5, onTime: 1, timelinessRate: 1 });
  });
});

describe('open reports as of Friday 2026-11-20 10:00', () => {
  const open = [
    report('H1', '2026-11-16 09:00', null),
    report('H2', '2026-11-18 11:00', null),
    report('H3', '2026-11-19 15:00', null),
    report('H4', '2026-11-20 09:00', null),
    report('H5', '2026-11-17 09:00', '2026-11-23 09:00'),
  ];

  it('finds the passed deadline, lists due today and next working day as due soon, leaves the rest', () => {
    const r = run(open);
    expect(codes(r)).toEqual(['error-report.unanswered H1', 'error-report.unanswered H5']);
    expect(r.findings[0]).toMatchObject({ url: null, severity: 'major', evidence: { deadline: '2026-11-18T23:59:59.999+08:00', answered: null, workdaysTaken: 4 } });
    expect(r.findings[0].message).toBe('纠错留言 H1（错别字）逾期未答复：2026-11-16 09:00转办，答复时限2026-11-18 23:59已过，已历时4个工作日（时限2个工作日）');
    expect(r.m.dueSoonReports).toEqual([
      { reportId: 'H2', type: '错别字', start: '2026-11-18T11:00:00+08:00', deadline: '2026-11-20T23:59:59.999+08:00', dueToday: true },
      { reportId: 'H3', type: '错别字', start: '2026-11-19T15:00:00+08:00', deadline: '2026-11-23T23:59:59.999+08:00', dueToday: false },
    ]);
    expect(r.m).toMatchObject({ total: 5, onTime: 0, overdue: 0, unanswered: 2, dueSoon: 2, notYetDue: 1, notMeasured: 0, timelinessRate: 0 });
  });

  it('does not count an answer given after the audit clock (H5 answered on the 23rd is unanswered on the 20th)', () => {
    const r = run([open[4]]);
    expect(codes(r)).toEqual(['error-report.unanswered H5']);
    expect(r.findings[0].evidence.answered).toBeNull();
  });

  it('passes with a rate of 1 when every due report was answered in time', () => {
    const r = run([report('I1', '2026-11-16 09:00', '2026-11-17 10:00'), report('I2', '2026-11-19 15:00', null)]);
    expect(r.status).toBe('passed');
    expect(r.m).toMatchObject({ total: 2, onTime: 1, dueSoon: 1, timelinessRate: 1, target: 1 });
  });
});

describe('what is not judged', () => {
  it('warns loudly and reports "not measured" for a date the calendar does not cover — no Mon–Fri guess', () => {
    const now = new Date('2027-01-12T10:00:00+08:00');
    const reports = [report('J1', '2026-12-31 16:00', '2027-01-06 09:00'), report('J2', '2026-12-29 10:00', '2026-12-30 10:00')];
    const r = run(reports, { now });
    expect(r.findings).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/^工作日历未覆盖2027年，纠错留言 J1的办理时限无法计算/)]);
    expect(r.m).toMatchObject({ total: 2, onTime: 1, notMeasured: 1, notMeasuredReports: [{ reportId: 'J1', reason: '日期超出工作日历覆盖范围' }] });

    const covered = run(reports, { now, calendar: { holidays: ['2027-01-01'], workdays: [] } });
    expect(covered.warnings).toBeUndefined();
    expect(codes(covered)).toEqual(['error-report.overdue J1']);
    expect(covered.findings[0].evidence.deadline).toBe('2027-01-05T23:59:59.999+08:00');
  });

  it('is not measured when every report falls outside the calendar', () => {
    const r = run([report('K1', '2027-03-01 09:00', null)], { now: new Date('2027-03-10T10:00:00+08:00') });
    expect(r.status).toBe('not-measured');
    expect(r.warnings?.[0]).toMatch(/2027/);
  });

  it('leaves out reports older than the window and those without any time', () => {
    const r = run([report('L1', '2025-10-10 09:00', null), report('L2', null, null, { submittedAt: null })]);
    expect(r.findings).toEqual([]);
    expect(r.m).toMatchObject({ total: 1, excluded: 1, notMeasured: 1, notMeasuredReports: [{ reportId: 'L2', reason: '缺少转办时间和留言时间' }] });
  });

  it('is not measured without any export configured or imported, and passes with an export that has none for the site', () => {
    expect(run([], { sources: [] }).status).toBe('not-measured');
    const r = run([]);
    expect(r.status).toBe('passed');
    expect(r.m).toMatchObject({ total: 0, timelinessRate: null });
  });
});

describe('personal data in reports', () => {
  it('masks ID and mobile numbers of the description in evidence and never shows them in clear', () => {
    const id17 = '35050219800101123';
    const id = id17 + residentIdCheckChar(id17);
    const r = run([report('M1', '2026-11-16 09:00', null, { description: `页面公示名单泄露了身份证${id}，联系人手机13912345678` })]);
    const json = JSON.stringify(r.findings);
    expect(json).not.toContain(id);
    expect(json).not.toContain('13912345678');
    expect(r.findings[0].evidence.description).toBe(`页面公示名单泄露了身份证350502********${id.slice(-4)}，联系人手机139****5678`);
  });
});
