// Error reports (我为政府网站找错): each report forwarded to the unit must be handled and answered within N working
// days (泉鲤政办〔2018〕77号 item 21: 2, 100% on time). Findings for answers after the deadline and for deadlines
// passed without an answer; reports still open and due today or the next working day are listed in the metrics
// ("due soon"), not as findings. A date beyond the official calendar is a loud warning and "not measured".
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import { maskPersonalData } from '../util/pii.ts';
import { judgeReport, windowStartDate, type JudgedReport } from './error-reports/judge.ts';
import { strings } from './error-reports.strings.ts';
import { calendarWarnings, countOutcomes, deadlineResult, localMinute as local, type OutcomeCounts } from './lib/timeliness.ts';

const DESCRIPTION_CHARS = 80;

/** A report still open whose deadline is today or the next working day (metrics and the run summary). */
export interface DueSoonReport {
  reportId: string;
  type: string | null;
  /** When the clock started (ISO with offset). */
  start: string;
  deadline: string;
  dueToday: boolean;
}

/** The check's metrics on the scorecard (counts over the reports of the period; the notice's target rate is 1). */
export interface ErrorReportMetrics extends OutcomeCounts {
  deadlineWorkdays: number;
  /** First local date of the judged period. */
  windowFrom: string;
  target: 1;
  dueSoonReports: DueSoonReport[];
  notMeasuredReports: { reportId: string; reason: string }[];
}

export const errorReports: Check = {
  id: 'error-reports',
  title: strings.title,
  requires: ['errorReports'],
  run(artifacts, ctx) {
    const a = artifacts.errorReports!;
    const rules = ctx.config.errorReportRules;
    const opts = { now: ctx.now, timezone: ctx.timezone, calendar: ctx.calendar, deadlineWorkdays: rules.deadlineWorkdays, windowStart: windowStartDate(ctx.now, ctx.timezone, rules.windowDays) };
    const judged = [...a.reports].sort((x, y) => x.id.localeCompare(y.id)).map((r) => judgeReport(r, opts));
    const metrics: ErrorReportMetrics = {
      deadlineWorkdays: rules.deadlineWorkdays,
      windowFrom: opts.windowStart,
      ...countOutcomes(judged),
      target: 1,
      dueSoonReports: judged
        .filter((j) => j.outcome === 'due-soon')
        .map((j) => ({ reportId: j.report.id, type: masked(j.report.type), start: j.start!, deadline: j.deadline!, dueToday: j.dueToday === true })),
      notMeasuredReports: judged
        .filter((j) => j.outcome === 'not-measured')
        .map((j) => ({ reportId: j.report.id, reason: strings.reasons[j.reason ?? ''] ?? String(j.reason) })),
    };
    return deadlineResult({
      findings: judged.flatMap((j) => finding(j, artifacts.site.id, rules.deadlineWorkdays, ctx.timezone)),
      metrics,
      warnings: calendarWarnings(judged, (j) => j.report.id, strings.notCovered),
      invalid: a.invalid.length,
      noSource: a.reports.length === 0 && a.sources.length === 0,
      say: strings,
    });
  },
};

function finding(j: JudgedReport, siteId: string, limit: number, timezone: string): Finding[] {
  if (j.outcome !== 'overdue' && j.outcome !== 'unanswered') return [];
  const r = j.report;
  const type = masked(r.type);
  const evidence = {
    reportId: r.id,
    type,
    forwarded: j.start,
    startedFrom: j.startField,
    deadline: j.deadline,
    answered: j.answeredAt,
    workdaysTaken: j.workdaysTaken,
    deadlineWorkdays: limit,
    status: masked(r.status),
    description: r.description === null ? null : clip(maskPersonalData(r.description)),
  };
  const start = local(j.start!, timezone);
  const deadline = local(j.deadline!, timezone);
  const message =
    j.outcome === 'overdue'
      ? strings.overdue(r.id, type, j.startField, start, deadline, local(j.answeredAt!, timezone), j.workdaysTaken, limit)
      : strings.unanswered(r.id, type, j.startField, start, deadline, j.workdaysTaken, limit);
  return [{ check: 'error-reports', code: `error-report.${j.outcome}`, severity: 'major', siteId, url: null, message, evidence }];
}

function masked(text: string | null): string | null {
  return text === null ? null : maskPersonalData(text);
}

function clip(text: string): string {
  return text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS)}…` : text;
}
