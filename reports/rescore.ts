// Applies the center's review decisions to a site's findings and scores them: waived findings are marked and not
// scored, confirmed review findings are scored, the rest of the review findings are shown only. Used when a
// scorecard is built and again when a stored one is shown or put in a bulletin (waivers may have changed or lapsed).
import type { Finding } from '../contract/finding.ts';
import type { Indicator } from '../config/reports/indicators.ts';
import { activeWaiverFor, confirmationFor, dismissalFor, type ReviewDecisions } from './review.ts';
import { findingsFor, indicatorTakes, score, type ScoreResult } from './score.ts';
import type { Scorecard, ScorecardFinding } from './scorecard.ts';

export interface ReviewContext {
  catalogue: Indicator[];
  decisions: ReviewDecisions;
  now: Date;
  timezone: string;
}

/** Indicator ids a finding feeds. */
export function indicatorsOf(f: Pick<Finding, 'code' | 'severity' | 'evidence'>, catalogue: Indicator[]): string[] {
  return catalogue.filter((i) => indicatorTakes(i, f)).map((i) => i.id);
}

/** Does this finding count towards the score (not waived, and not awaiting review)? */
export function isScored(f: ScorecardFinding): boolean {
  return !f.waived && !f.dismissed && (!f.review || Boolean(f.confirmed));
}

/** Marks waivers and confirmations on the findings and scores those that count. */
export function reviewAndScore(
  findings: ScorecardFinding[],
  checks: { id: string; status: string }[],
  ctx: ReviewContext,
): { findings: ScorecardFinding[]; result: ScoreResult } {
  const marked = findings.map((f) => {
    const { waived: _w, confirmed: _c, pendingVeto: _p, dismissed: _d, ...rest } = f;
    const w = activeWaiverFor(f, ctx.decisions, ctx.now, ctx.timezone);
    const d = w ? undefined : dismissalFor(f, ctx.decisions);
    const c = f.review && !d ? confirmationFor(f, ctx.decisions) : undefined;
    return {
      ...rest,
      indicators: indicatorsOf(f, ctx.catalogue),
      ...(w ? { waived: { reason: w.reason, by: w.by, until: w.until } } : {}),
      ...(d ? { dismissed: { by: d.by, reason: d.reason } } : {}),
      ...(c ? { confirmed: { by: c.by, ...(c.note ? { note: c.note } : {}) } } : {}),
    } as ScorecardFinding;
  });
  const scored: Finding[] = marked.filter(isScored).map(({ review: _r, ...f }) => f);
  const measured = new Set(checks.filter((c) => c.status === 'passed' || c.status === 'failed').map((c) => c.id));
  const opts = { measured: (id: string) => measured.has(id) };
  const result = score(scored, ctx.catalogue, opts);
  // Pending vetoes: findings awaiting review that would make a veto fire if a reviewer confirmed them, and those of a
  // veto that has already fired (the site is 不合格 either way, but an issued bulletin must not leave them unreviewed).
  const awaiting = marked.filter(isAwaitingReview);
  if (awaiting.length) {
    const ifConfirmed = score([...scored, ...awaiting.map(({ review: _r, ...f }) => f as Finding)], ctx.catalogue, opts);
    for (const ind of result.indicators) {
      if (ind.kind !== 'veto' || !(ind.vetoed || ifConfirmed.vetoes.includes(ind.id))) continue;
      const def = ctx.catalogue.find((c) => c.id === ind.id)!;
      const mine = awaiting.filter((f) => findingsFor(def, [{ ...f, review: undefined }]).length > 0);
      ind.pending = mine.length;
      for (const f of mine) f.pendingVeto = true;
    }
  }
  return { findings: marked, result };
}

/** A finding marked for review that no one has confirmed and that is not waived. */
export function isAwaitingReview(f: ScorecardFinding): boolean {
  return Boolean(f.review) && !f.confirmed && !f.waived && !f.dismissed;
}

/**
 * Veto-level findings awaiting review: those that would make the site 不合格 once confirmed, and those of a veto that
 * has already fired. `verdictText` counts them only on a passing site; the bulletin's `--final` refuses while any remain.
 */
export function pendingVetoFindings(card: Pick<Scorecard, 'findings'>): ScorecardFinding[] {
  return card.findings.filter((f) => f.pendingVeto && isAwaitingReview(f));
}

/**
 * The verdict as people read it: 合格, 不合格, or — for a passing site with unconfirmed veto-level findings —
 * 合格（待复核：N 项疑似单项否决，确认即不合格）.
 */
export function verdictText(card: Pick<Scorecard, 'verdict' | 'findings'>): string {
  const n = card.verdict === '合格' ? pendingVetoFindings(card).length : 0;
  return n ? `合格（待复核：${n} 项疑似单项否决，确认即不合格）` : card.verdict;
}

/** A stored scorecard with today's decisions and catalogue applied (score, verdict, vetoes, indicators). */
export function rescoreScorecard(card: Scorecard, ctx: ReviewContext): Scorecard {
  const { findings, result } = reviewAndScore(card.findings, card.checks, ctx);
  return { ...card, findings, score: result.score, verdict: result.verdict, vetoes: result.vetoes, indicators: result.indicators };
}
