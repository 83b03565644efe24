// Applies the center's review decisions to a site's findings and scores them: waived findings are marked and not
// scored, confirmed review findings are scored, the rest of the review findings are shown only. Used when a
// scorecard is built and again when a stored one is shown or put in a bulletin (waivers may have changed or lapsed).
import type { Finding } from '../contract/finding.ts';
import type { Indicator } from '../config/reports/indicators.ts';
import { activeWaiverFor, confirmationFor, type ReviewDecisions } from './review.ts';
import { codeMatches, score, type ScoreResult } from './score.ts';
import type { Scorecard, ScorecardFinding } from './scorecard.ts';

export interface ReviewContext {
  catalogue: Indicator[];
  decisions: ReviewDecisions;
  now: Date;
  timezone: string;
}

/** Indicator ids a finding feeds. */
export function indicatorsOf(f: Pick<Finding, 'code' | 'severity'>, catalogue: Indicator[]): string[] {
  return catalogue.filter((i) => codeMatches(f.code, i.codes) && (!i.severities || i.severities.includes(f.severity))).map((i) => i.id);
}

/** Does this finding count towards the score (not waived, and not awaiting review)? */
export function isScored(f: ScorecardFinding): boolean {
  return !f.waived && (!f.review || Boolean(f.confirmed));
}

/** Marks waivers and confirmations on the findings and scores those that count. */
export function reviewAndScore(
  findings: ScorecardFinding[],
  checks: { id: string; status: string }[],
  ctx: ReviewContext,
): { findings: ScorecardFinding[]; result: ScoreResult } {
  const marked = findings.map((f) => {
    const { waived: _w, confirmed: _c, ...rest } = f;
    const w = activeWaiverFor(f, ctx.decisions, ctx.now, ctx.timezone);
    const c = f.review ? confirmationFor(f, ctx.decisions) : undefined;
    return {
      ...rest,
      indicators: indicatorsOf(f, ctx.catalogue),
      ...(w ? { waived: { reason: w.reason, by: w.by, until: w.until } } : {}),
      ...(c ? { confirmed: { by: c.by, ...(c.note ? { note: c.note } : {}) } } : {}),
    } as ScorecardFinding;
  });
  const scored: Finding[] = marked.filter(isScored).map(({ review: _r, ...f }) => f);
  const measured = new Set(checks.filter((c) => c.status === 'passed' || c.status === 'failed').map((c) => c.id));
  return { findings: marked, result: score(scored, ctx.catalogue, { measured: (id) => measured.has(id) }) };
}

/** A stored scorecard with today's decisions and catalogue applied (score, verdict, vetoes, indicators). */
export function rescoreScorecard(card: Scorecard, ctx: ReviewContext): Scorecard {
  const { findings, result } = reviewAndScore(card.findings, card.checks, ctx);
  return { ...card, findings, score: result.score, verdict: result.verdict, vetoes: result.vetoes, indicators: result.indicators };
}
