// What the two deadline checks share (error reports within 2 working days, disclosure requests within 20/40): the
// outcome counts and on-time rate of a set of judged records, one loud warning per calendar year the records need
// and the calendar lacks, the check's ending (not measured when nothing could be judged), and local times in messages.
import { toLocal } from '../../calendar/timezone.ts';
import type { CheckOutput } from '../types.ts';
import type { Finding } from '../../contract/finding.ts';

/** Where a record stands as of the audit (both checks use the same outcomes). */
export type DeadlineOutcome = 'on-time' | 'overdue' | 'unanswered' | 'due-soon' | 'not-yet-due' | 'not-measured' | 'excluded';

export interface JudgedRecord {
  outcome: DeadlineOutcome;
  /** The date (and its year) the calendar does not cover, when that is what stopped the count. */
  notCovered?: { date: string; year: number };
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

export function countOutcomes(judged: readonly JudgedRecord[]): OutcomeCounts {
  const count = (o: DeadlineOutcome) => judged.filter((j) => j.outcome === o).length;
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

/** One warning per calendar year the records need and the calendar lacks, naming the records. */
export function calendarWarnings<J extends JudgedRecord>(judged: readonly J[], idOf: (j: J) => string, say: (year: number, ids: string[]) => string): string[] {
  const byYear = new Map<number, string[]>();
  for (const j of judged) {
    if (!j.notCovered) continue;
    const ids = byYear.get(j.notCovered.year) ?? [];
    ids.push(idOf(j));
    byYear.set(j.notCovered.year, ids);
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([year, ids]) => say(year, ids));
}

/**
 * The check's result: its findings and metrics, the calendar warnings and a count of records the import refused;
 * "not measured" when there was no source at all, or when no record in the period could be judged.
 */
export function deadlineResult(opts: {
  findings: Finding[];
  metrics: OutcomeCounts;
  warnings: string[];
  invalid: number;
  noSource: boolean;
  say: { invalidRecords(n: number): string; noSource: string; allNotMeasured(n: number): string };
}): CheckOutput {
  const { metrics, say } = opts;
  const warnings = [...opts.warnings, ...(opts.invalid ? [say.invalidRecords(opts.invalid)] : [])];
  const out = { findings: opts.findings, metrics: metrics as unknown as Record<string, unknown>, warnings: warnings.length ? warnings : undefined };
  if (opts.noSource) return { ...out, notMeasured: say.noSource };
  if (metrics.total > 0 && metrics.notMeasured === metrics.total) return { ...out, notMeasured: say.allNotMeasured(metrics.total) };
  return out;
}

/** `YYYY-MM-DD HH:MM` local time of an ISO instant. */
export function localMinute(iso: string, timezone: string): string {
  const l = toLocal(new Date(iso), timezone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}`;
}
