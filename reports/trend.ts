// A site's trend over its stored runs: one point per run (score, verdict, open findings, new and fixed ones),
// oldest first, for the scorecard's chart and the dashboard.
import { isScored } from './rescore.ts';
import type { Scorecard } from './scorecard.ts';

export interface TrendPoint {
  runId: string;
  /** The run's audit clock (ISO). */
  at: string;
  score: number;
  verdict: string;
  /** Findings that count (neither waived nor awaiting review). */
  findings: number;
  /** Findings first seen in this run. */
  newFindings: number;
  /** Findings of the previous run gone in this one. */
  fixed: number;
}

/** One point from one scorecard. */
export function trendPoint(card: Scorecard): TrendPoint {
  const open = card.findings.filter(isScored);
  return {
    runId: card.runId,
    at: card.auditedAt,
    score: card.score,
    verdict: card.verdict,
    findings: open.length,
    newFindings: open.filter((f) => f.state === 'new').length,
    fixed: card.fixed.length,
  };
}

/**
 * Points from scorecards in any order (e.g. `store.siteHistory`, newest first, plus the card being written):
 * one per run id, oldest first, at most `limit` (the newest kept).
 */
export function trendFrom(cards: (Scorecard | null | undefined)[], limit = 30): TrendPoint[] {
  const byRun = new Map<string, TrendPoint>();
  for (const c of cards) if (c) byRun.set(c.runId, trendPoint(c));
  return [...byRun.values()].sort((a, b) => a.at.localeCompare(b.at) || a.runId.localeCompare(b.runId)).slice(-limit);
}
