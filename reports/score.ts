// Findings → indicator deductions, vetoes, score and verdict (any veto, or a score below 60, is 不合格).
// Review-marked and waived findings are shown but never scored; an indicator no check measured is "not measured".
import type { Finding } from '../contract/finding.ts';
import type { Indicator } from '../config/reports/indicators.ts';

export interface IndicatorResult {
  id: string;
  name: string;
  kind: Indicator['kind'];
  points: number;
  deduction: number;
  findings: number;
  vetoed?: boolean;
  /** No check that measures it ran to completion: neither passes nor deducts. */
  notMeasured?: boolean;
  /** Vetoes not fired: findings awaiting review that would fire it once confirmed. */
  pending?: number;
}

export interface ScoreOptions {
  /** Did this check measure (status passed or failed)? Omitted: every indicator counts as measured. */
  measured?: (checkId: string) => boolean;
}

export interface ScoreResult {
  score: number;
  verdict: '合格' | '不合格';
  vetoes: string[];
  indicators: IndicatorResult[];
}

export const passMark = 60;

/** Does a finding code match one of the patterns (`a11y.*` matches every a11y code)? */
export function codeMatches(code: string, patterns: string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? code.startsWith(p.slice(0, -1)) : code === p));
}

/** Does an indicator take this finding: its code, severity (gravity) and evidence (e.g. onHomepage) match? */
export function indicatorTakes(ind: Indicator, f: Pick<Finding, 'code' | 'severity' | 'evidence'>): boolean {
  return (
    codeMatches(f.code, ind.codes) &&
    (!ind.severities || ind.severities.includes(f.severity)) &&
    (!ind.evidence || ind.evidence.values.some((v) => Object.is(v, f.evidence[ind.evidence!.key])))
  );
}

/** Findings of `all` an indicator counts. */
export function findingsFor(ind: Indicator, all: Finding[]): Finding[] {
  return all.filter((f) => !f.review && indicatorTakes(ind, f));
}

/** Scores one site's scored findings (pass only those not under review and not waived). */
export function score(findings: Finding[], catalogue: Indicator[], opts: ScoreOptions = {}): ScoreResult {
  const indicators: IndicatorResult[] = [];
  const vetoes: string[] = [];
  let total = 100;
  for (const ind of catalogue) {
    const mine = findingsFor(ind, findings);
    if (opts.measured && mine.length === 0 && !(ind.checks ?? []).some((c) => opts.measured!(c))) {
      indicators.push({ id: ind.id, name: ind.name, kind: ind.kind, points: ind.kind === 'veto' ? 0 : ind.points, deduction: 0, findings: 0, ...(ind.kind === 'veto' ? { vetoed: false } : {}), notMeasured: true });
      continue;
    }
    if (ind.kind === 'veto') {
      const fired = ind.triggers
        ? ind.triggers.some((t) => {
            const n = mine.filter((f) => codeMatches(f.code, t.codes) && (!t.evidence || t.evidence.values.includes(f.evidence[t.evidence.key]))).length;
            return n >= t.atLeast;
          })
        : mine.length > 0;
      if (fired) vetoes.push(ind.id);
      indicators.push({ id: ind.id, name: ind.name, kind: ind.kind, points: 0, deduction: 0, findings: mine.length, vetoed: fired });
      continue;
    }
    const units = countUnits(ind, mine);
    const raw = units * (ind.perFinding ?? 1);
    const deduction = ind.kind === 'deduction' ? round1(Math.min(ind.points, raw)) : 0;
    total -= deduction;
    indicators.push({ id: ind.id, name: ind.name, kind: ind.kind, points: ind.points, deduction, findings: mine.length });
  }
  const s = Math.max(0, round1(total));
  return { score: s, verdict: vetoes.length || s < passMark ? '不合格' : '合格', vetoes, indicators };
}

function countUnits(ind: Indicator, findings: Finding[]): number {
  switch (ind.countBy ?? 'finding') {
    case 'code':
      return new Set(findings.map((f) => f.code)).size;
    case 'url':
      return new Set(findings.map((f) => f.url ?? '')).size;
    case 'kind':
      return findings.length ? 1 : 0;
    default:
      return findings.length;
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
