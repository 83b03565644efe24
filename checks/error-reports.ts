// Error reports (我为政府网站找错): each report forwarded to the unit must be handled and answered within N working
// days (泉鲤政办〔2018〕77号 item 21: 2, 100% on time). The one record check (records/check.ts) over the error-report
// kind: findings for answers after the deadline and deadlines passed without an answer; reports still open and due
// today or the next working day listed in the metrics ("due soon"), not as findings.
import { errorReportKind } from '../contract/records/error-reports.ts';
import { maskPersonalData } from '../util/pii.ts';
import { notMeasured, type OutcomeCounts, recordCheck } from './records/check.ts';
import { strings } from './error-reports.strings.ts';

const DESCRIPTION_CHARS = 80;

/** A report still open whose deadline is today or the next working day (metrics). */
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

const masked = (text: string | null) => (text === null ? null : maskPersonalData(text));
const clip = (text: string) => (text.length > DESCRIPTION_CHARS ? `${text.slice(0, DESCRIPTION_CHARS)}…` : text);

export const errorReports = recordCheck({
  kind: errorReportKind,
  strings,
  // No extension, no suspended days; "due soon" is today or the next working day.
  rules: (config) => ({ ...config.errorReportRules, extensionWorkdays: 0, dueSoonWorkdays: 1 }),
  finding(j, rules, local) {
    const r = j.record;
    const fact = { id: r.id, type: masked(r.type), from: j.startField, start: local(j.start!), deadline: local(j.deadline!), taken: j.workdaysTaken, limit: rules.deadlineWorkdays };
    return {
      message: j.outcome === 'overdue' ? strings.overdue({ ...fact, answered: local(j.answeredAt!) }) : strings.unanswered(fact),
      evidence: {
        reportId: r.id, type: fact.type, forwarded: j.start, startedFrom: j.startField, deadline: j.deadline, answered: j.answeredAt,
        workdaysTaken: j.workdaysTaken, deadlineWorkdays: rules.deadlineWorkdays, status: masked(r.status),
        description: r.description === null ? null : clip(maskPersonalData(r.description)),
      },
    };
  },
  metrics: (judged) => ({
    target: 1,
    dueSoonReports: judged
      .filter((j) => j.outcome === 'due-soon')
      .map((j): DueSoonReport => ({ reportId: j.record.id, type: masked(j.record.type), start: j.start!, deadline: j.deadline!, dueToday: j.workdaysLeft === 0 })),
    notMeasuredReports: notMeasured(judged, strings).map(({ id, reason }) => ({ reportId: id, reason })),
  }),
});
