// Error reports (我为政府网站找错): each report forwarded to the unit must be handled and answered within N working
// days (泉鲤政办〔2018〕77号 item 21: 2, 100% on time). Findings for answers after the deadline and for deadlines
// passed without an answer; reports still open and due today or the next working day are listed in the metrics
// ("due soon"), not as findings. A date beyond the official calendar is a loud warning and "not measured".
import type { Finding } from './finding.ts';
import type { Check } from './types.ts';
import { toLocal } from '../calendar/timezone.ts';
import { maskPersonalData } from './lib/pii.ts';
import { judgeReport, windowStartDate, type JudgedReport } from './error-reports/judge.ts';
import { strings } from './error-reports.strings.ts';

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

/** The check's metrics on the scorecard. */
export interface ErrorReportMetrics {
  deadlineWorkdays: number;
  /** First local date of the judged period. */
  windowFrom: string;
  /** Reports in the period (every outcome but `excluded`). */
  total: number;
  onTime: number;
  overdue: number;
  unanswered: number;
  dueSoon: number;
  notYetDue: number;
  notMeasured: number;
  /** Reports outside the period or started after the audit's clock. */
  excluded: number;
  /** onTime / (onTime + overdue + unanswered), 4 decimals; null when none was due. The notice's target is 1. */
  timelinessRate: number | null;
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
    const count = (o: JudgedReport['outcome']) => judged.filter((j) => j.outcome === o).length;
    const onTime = count('on-time');
    const due = onTime + count('overdue') + count('unanswered');
    const metrics: ErrorReportMetrics = {
      deadlineWorkdays: rules.deadlineWorkdays,
      windowFrom: opts.windowStart,
      total: judged.filter((j) => j.outcome !== 'excluded').length,
      onTime,
      overdue: count('overdue'),
      unanswered: count('unanswered'),
      dueSoon: count('due-soon'),
      notYetDue: count('not-yet-due'),
      notMeasured: count('not-measured'),
      excluded: count('excluded'),
      timelinessRate: due ? Math.round((onTime / due) * 10_000) / 10_000 : null,
      target: 1,
      dueSoonReports: judged
        .filter((j) => j.outcome === 'due-soon')
        .map((j) => ({ reportId: j.report.id, type: masked(j.report.type), start: j.start!, deadline: j.deadline!, dueToday: j.dueToday === true })),
      notMeasuredReports: judged
        .filter((j) => j.outcome === 'not-measured')
        .map((j) => ({ reportId: j.report.id, reason: strings.reasons[j.reason ?? ''] ?? String(j.reason) })),
    };

    const findings = judged.flatMap((j) => finding(j, artifacts.site.id, rules.deadlineWorkdays, ctx.timezone));
    const warnings = calendarWarnings(judged);
    if (a.invalid.length) warnings.push(strings.invalidRecords(a.invalid.length));
    const out = { findings, metrics: metrics as unknown as Record<string, unknown>, warnings: warnings.length ? warnings : undefined };
    if (a.reports.length === 0 && a.sources.length === 0) return { ...out, notMeasured: strings.noSource };
    if (metrics.total > 0 && metrics.notMeasured === metrics.total) return { ...out, notMeasured: strings.allNotMeasured(metrics.total) };
    return out;
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

/** One loud warning per calendar year the reports need and the calendar lacks. */
function calendarWarnings(judged: JudgedReport[]): string[] {
  const byYear = new Map<number, string[]>();
  for (const j of judged) {
    if (!j.notCovered) continue;
    const ids = byYear.get(j.notCovered.year) ?? [];
    ids.push(j.report.id);
    byYear.set(j.notCovered.year, ids);
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([year, ids]) => strings.notCovered(year, ids));
}

function masked(text: string | null): string | null {
  return text === null ? null : maskPersonalData(text);
}

function clip(text: string): string {
  return text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS)}…` : text;
}

/** `YYYY-MM-DD HH:MM` local time of an ISO instant. */
function local(iso: string, timezone: string): string {
  const l = toLocal(new Date(iso), timezone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}`;
}
