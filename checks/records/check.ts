// The check of records with a statutory deadline, made once and given per kind (checks/error-reports.ts,
// checks/disclosure-requests.ts are thin entries over it): judge every record of the site's set (judge.ts), count the
// outcomes and the on-time rate, turn answers after the deadline and deadlines passed without an answer into findings
// (codes from the kind), list the open records to chase (`followUp`: overdue, due today or the next working day),
// warn loudly once per calendar year the records need and the calendar lacks, and say "not measured" when there was
// no source at all or no record in the period could be judged.
import { toLocal } from '../../calendar/timezone.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Finding } from '../../contract/finding.ts';
import type { Fields, FollowUp, RecordKind, RecordOf, RecordSet } from '../../contract/records/kind.ts';
import type { Check, CheckOutput } from '../types.ts';
import { type DeadlineRules, judgeRecord, type JudgedRecord, type RecordOutcome, windowStartDate } from './judge.ts';

/** The config's numbers for a kind: its deadline rule and the period judged. */
export interface RecordRules extends DeadlineRules {
  /** Records whose clock started more than this many days before the audit are no longer judged. */
  windowDays: number;
}

export interface OutcomeCounts {
  /** Records in the period (every outcome but `excluded`). */
  total: number;
  onTime: number;
  overdue: number;
  unanswered: number;
  dueSoon: number;
  notYetDue: number;
  notMeasured: number;
  excluded: number;
  /** onTime / (onTime + overdue + unanswered), 4 decimals; null when none was due. */
  timelinessRate: number | null;
}

/** A kind's user-facing strings (zh-CN), beside its check. */
export interface RecordStrings {
  title: string;
  notCovered(year: number, ids: string[]): string;
  noSource: string;
  allNotMeasured(n: number): string;
  /** The source exists but holds no record of the period: the duty did not arise (passed, said in the coverage). */
  noneInPeriod?: string;
  someNotMeasured?(n: number): string;
  invalidRecords(n: number): string;
  /** Why a record was not measured, by the judge's reason. */
  reasons: Record<string, string>;
}

/** What a finding about one record says, given by its kind's check. */
export interface RecordFindingText {
  message: string;
  evidence: Record<string, unknown>;
}

/** What a kind's check adds to the one mechanism. */
export interface RecordCheckSpec<F extends Fields> {
  kind: RecordKind<F>;
  strings: RecordStrings;
  /** The kind's numbers, from its config section. */
  rules(config: DistrictConfig): RecordRules;
  /** The message and evidence of an `overdue` or `unanswered` finding (`local` formats an ISO time for the message). */
  finding(j: JudgedRecord<RecordOf<F>>, rules: RecordRules, local: (iso: string) => string): RecordFindingText;
  /** The kind's own metrics beside the shared ones (counts, rate, deadline, period, follow-up list). */
  metrics(judged: JudgedRecord<RecordOf<F>>[], rules: RecordRules): Record<string, unknown>;
}

/** The check of one record kind: id = the kind's name, reading the `records` artifact's set for the kind. */
export function recordCheck<F extends Fields>(spec: RecordCheckSpec<F>): Check {
  const { kind, strings } = spec;
  return {
    id: kind.name,
    title: strings.title,
    requires: ['records'],
    run(artifacts, ctx) {
      const set = (artifacts.records?.[kind.id] ?? { records: [], invalid: [], sources: [] }) as RecordSet<RecordOf<F>>;
      const rules = spec.rules(ctx.config);
      const opts = { now: ctx.now, timezone: ctx.timezone, calendar: ctx.calendar, rules, windowStart: windowStartDate(ctx.now, ctx.timezone, rules.windowDays) };
      const judged = [...set.records].sort((x, y) => x.id.localeCompare(y.id)).map((r) => judgeRecord(kind, r, opts));
      const local = (iso: string) => localMinute(iso, ctx.timezone);
      const findings = judged.flatMap((j): Finding[] => {
        if (j.outcome !== 'overdue' && j.outcome !== 'unanswered') return [];
        const { message, evidence } = spec.finding(j, rules, local);
        return [{ check: kind.name, code: kind.codes[j.outcome], severity: 'major', siteId: artifacts.site.id, url: null, message, evidence }];
      });
      const counts = countOutcomes(judged);
      const metrics = { deadlineWorkdays: rules.deadlineWorkdays, windowFrom: opts.windowStart, ...counts, ...spec.metrics(judged, rules), followUp: followUp(judged) };
      const warnings = calendarWarnings(judged, strings.notCovered);
      if (set.invalid.length) warnings.push(strings.invalidRecords(set.invalid.length));
      const judgedCount = counts.total - counts.notMeasured;
      const coverage = { candidates: counts.total, judged: judgedCount, ...(counts.total === 0 ? (set.records.length || set.sources.length ? { reason: strings.noneInPeriod ?? '本期没有需要办理的记录' } : {}) : counts.notMeasured ? { reason: strings.someNotMeasured?.(counts.notMeasured) ?? `${counts.notMeasured}条记录无法计算办理时限` } : {}) };
      const out: CheckOutput = { findings, metrics, warnings: warnings.length ? warnings : undefined, coverage };
      if (set.records.length === 0 && set.sources.length === 0) return { ...out, notMeasured: strings.noSource };
      if (counts.total > 0 && counts.notMeasured === counts.total) return { ...out, notMeasured: strings.allNotMeasured(counts.total) };
      return out;
    },
  };
}

export function countOutcomes(judged: readonly { outcome: RecordOutcome }[]): OutcomeCounts {
  const count = (o: RecordOutcome) => judged.filter((j) => j.outcome === o).length;
  const onTime = count('on-time');
  const due = onTime + count('overdue') + count('unanswered');
  return {
    total: judged.length - count('excluded'),
    onTime,
    overdue: count('overdue'),
    unanswered: count('unanswered'),
    dueSoon: count('due-soon'),
    notYetDue: count('not-yet-due'),
    notMeasured: count('not-measured'),
    excluded: count('excluded'),
    timelinessRate: due ? Math.round((onTime / due) * 10_000) / 10_000 : null,
  };
}

/** Open records to chase, whatever the kind's own "due soon" horizon: passed without an answer, due today or the next working day. */
function followUp(judged: readonly JudgedRecord[]): FollowUp[] {
  return judged.flatMap((j): FollowUp[] => {
    const state = j.outcome === 'unanswered' ? 'overdue' : j.workdaysLeft === 0 ? 'due-today' : j.workdaysLeft === 1 ? 'due-next-workday' : null;
    return state && j.start && j.deadline ? [{ recordId: j.record.id, start: j.start, deadline: j.deadline, state }] : [];
  });
}

/** One warning per calendar year the records need and the calendar lacks, naming the records. */
function calendarWarnings(judged: readonly JudgedRecord[], say: (year: number, ids: string[]) => string): string[] {
  const byYear = new Map<number, string[]>();
  for (const j of judged) {
    if (!j.notCovered) continue;
    const ids = byYear.get(j.notCovered.year) ?? [];
    ids.push(j.record.id);
    byYear.set(j.notCovered.year, ids);
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([year, ids]) => say(year, ids));
}

/** The records the judge could not measure, with the kind's reason (metrics). */
export function notMeasured(judged: readonly JudgedRecord[], strings: Pick<RecordStrings, 'reasons'>): { id: string; reason: string }[] {
  return judged.filter((j) => j.outcome === 'not-measured').map((j) => ({ id: j.record.id, reason: strings.reasons[j.reason ?? ''] ?? String(j.reason) }));
}

/** `YYYY-MM-DD HH:MM` local time of an ISO instant. */
export function localMinute(iso: string, timezone: string): string {
  const l = toLocal(new Date(iso), timezone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}`;
}
