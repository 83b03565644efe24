// Counts a reader sees, agreeing with the score: a "计分问题" is a finding that counts (not waived, not awaiting
// review) and feeds an indicator; a check whose findings deduct nothing reads 提示, not 未通过.
import { isAwaitingReview, isScored } from './rescore.ts';
import type { Scorecard, ScorecardFinding } from './scorecard.ts';

/** Counts towards the score: scored and fed to at least one indicator of the catalogue. */
export function isCounted(f: ScorecardFinding): boolean {
  return isScored(f) && f.indicators.length > 0;
}

/** Shown for information only: scored but feeding no indicator (e.g. an outbound host without IPv6). */
export function isHint(f: ScorecardFinding): boolean {
  return isScored(f) && f.indicators.length === 0;
}

export interface FindingCounts {
  /** 计分问题 */
  counted: number;
  /** of which first seen in this run */
  fresh: number;
  awaitingReview: number;
  /** of which would fire a veto once confirmed */
  pendingVetoes: number;
  waived: number;
  hints: number;
  fixed: number;
}

export function findingCounts(card: Pick<Scorecard, 'findings' | 'fixed'>): FindingCounts {
  const counted = card.findings.filter(isCounted);
  return {
    counted: counted.length,
    fresh: counted.filter((f) => f.state === 'new').length,
    awaitingReview: card.findings.filter(isAwaitingReview).length,
    pendingVetoes: card.findings.filter((f) => f.pendingVeto && isAwaitingReview(f)).length,
    waived: card.findings.filter((f) => f.waived).length,
    hints: card.findings.filter(isHint).length,
    fixed: card.fixed.length,
  };
}

/** A check's result as people read it. */
export type CheckOutcome = '通过' | '未通过' | '提示' | '待复核' | '未检测' | '检测出错';

export function checkOutcome(check: Scorecard['checks'][number], card: Pick<Scorecard, 'findings'>): CheckOutcome {
  if (check.status === 'not-measured') return '未检测';
  if (check.status === 'error') return '检测出错';
  const mine = card.findings.filter((f) => f.check === check.id);
  if (mine.some(isCounted)) return '未通过';
  if (mine.some(isAwaitingReview)) return '待复核';
  if (mine.some(isHint)) return '提示';
  return '通过';
}
