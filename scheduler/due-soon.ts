// The run summary's "due soon" list: error reports still open whose deadline is today or the next working day,
// gathered from each scorecard's error-report metrics so the center can chase them before they become findings.
import type { DueSoonReport } from '../checks/error-reports.ts';
import type { Scorecard } from '../reports/scorecard.ts';

/** One open report due soon, with its site. */
export interface DueSoonEntry extends DueSoonReport {
  siteId: string;
}

/** Every due-soon report of the run's scorecards, soonest deadline first. */
export function dueSoonReports(scorecards: readonly Scorecard[]): DueSoonEntry[] {
  const out: DueSoonEntry[] = [];
  for (const card of scorecards) {
    const metrics = card.metrics['error-reports'] as { dueSoonReports?: unknown } | undefined;
    if (!Array.isArray(metrics?.dueSoonReports)) continue;
    for (const r of metrics.dueSoonReports as DueSoonReport[]) out.push({ siteId: card.siteId, ...r });
  }
  return out.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.siteId.localeCompare(b.siteId) || a.reportId.localeCompare(b.reportId));
}
