// Per-unit figures across the unit's sites (a unit — 责任单位 — may run several sites): average score, sites
// passed, findings; and the ranking of units the bulletin and the dashboard show.
import { isCounted } from './counts.ts';
import { pendingVetoFindings } from './rescore.ts';
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
  /** 不合格 when any of its sites is. */
  verdict: '合格' | '不合格';
  /** Findings awaiting review that would make a site of the unit 不合格 once confirmed. */
  pendingVetoes: number;
  /** Findings that count (not waived, not awaiting review). */
  findings: number;
  newFindings: number;
  /** 1 = best; units with the same average share a rank. */
  rank: number;
}

/**
 * Units ranked by verdict first — a unit with a 不合格 (e.g. vetoed) site ranks below every unit whose sites all
 * passed — then by average score (then fewer findings, then name), each with its sites' figures.
 */
export function rankUnits(cards: Scorecard[]): UnitSummary[] {
  const byUnit = new Map<string, Scorecard[]>();
  for (const c of cards) byUnit.set(c.unit, [...(byUnit.get(c.unit) ?? []), c]);
  const units = [...byUnit].map(([unit, list]) => {
    const counted = list.flatMap((c) => c.findings.filter(isCounted));
    const failed = list.filter((c) => c.verdict !== '合格').length;
    return {
      unit,
      cards: [...list].sort((a, b) => a.siteId.localeCompare(b.siteId)),
      averageScore: round1(list.reduce((s, c) => s + c.score, 0) / list.length),
      passed: list.filter((c) => c.verdict === '合格').length,
      failed,
      vetoed: list.filter((c) => c.vetoes.length > 0).length,
      verdict: (failed ? '不合格' : '合格') as UnitSummary['verdict'],
      pendingVetoes: list.reduce((n, c) => n + pendingVetoFindings(c).length, 0),
      findings: counted.length,
      newFindings: counted.filter((f) => f.state === 'new').length,
      rank: 0,
    };
  });
  const group = (u: { verdict: string }) => (u.verdict === '合格' ? 0 : 1);
  units.sort((a, b) => group(a) - group(b) || b.averageScore - a.averageScore || a.findings - b.findings || a.unit.localeCompare(b.unit, 'zh-CN'));
  units.forEach((u, i) => {
    const prev = units[i - 1];
    u.rank = i > 0 && prev.verdict === u.verdict && prev.averageScore === u.averageScore ? prev.rank : i + 1;
  });
  return units;
}

/** Sites by verdict (合格 first), then by score (highest first), then id: the order of rankings and annexes. */
export function rankSites<T extends Pick<Scorecard, 'verdict' | 'score' | 'siteId'>>(cards: T[]): T[] {
  return [...cards].sort((a, b) => (a.verdict === '合格' ? 0 : 1) - (b.verdict === '合格' ? 0 : 1) || b.score - a.score || a.siteId.localeCompare(b.siteId));
}

/** Findings that count, of one card. */
export function countedFindings(card: Scorecard): Scorecard['findings'] {
  return card.findings.filter(isCounted);
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
