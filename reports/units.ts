// Per-unit figures across the unit's sites (a unit — 责任单位 — may run several sites): average score, sites
// passed, findings; and the ranking of units the bulletin and the dashboard show.
import { isScored } from './rescore.ts';
import type { Scorecard } from './scorecard.ts';

export interface UnitSummary {
  unit: string;
  /** The unit's sites' scorecards, by site id. */
  cards: Scorecard[];
  averageScore: number;
  passed: number;
  failed: number;
  /** Sites vetoed. */
  vetoed: number;
  /** Findings that count (not waived, not awaiting review). */
  findings: number;
  newFindings: number;
  /** 1 = best; units with the same average share a rank. */
  rank: number;
}

/** Units ranked by average score (then fewer findings, then name), each with its sites' figures. */
export function rankUnits(cards: Scorecard[]): UnitSummary[] {
  const byUnit = new Map<string, Scorecard[]>();
  for (const c of cards) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c]);
  const units = [...byUnit].map(([unit, list]) => {
    const counted = list.flatMap((c) => c.findings.filter(isScored));
    return {
      unit,
      cards: [...list].sort((a, b) => a.siteId.localeCompare(b.siteId)),
      averageScore: round1(list.reduce((s, c) => s + c.score, 0) / list.length),
      passed: list.filter((c) => c.verdict === '合格').length,
      failed: list.filter((c) => c.verdict !== '合格').length,
      vetoed: list.filter((c) => c.vetoes.length > 0).length,
      findings: counted.length,
      newFindings: counted.filter((f) => f.state === 'new').length,
      rank: 0,
    };
  });
  units.sort((a, b) => b.averageScore - a.averageScore || a.findings - b.findings || a.unit.localeCompare(b.unit, 'zh-CN'));
  units.forEach((u, i) => {
    u.rank = i > 0 && units[i - 1].averageScore === u.averageScore ? units[i - 1].rank : i + 1;
  });
  return units;
}

/** Findings that count, of one card. */
export function countedFindings(card: Scorecard): Scorecard['findings'] {
  return card.findings.filter(isScored);
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
