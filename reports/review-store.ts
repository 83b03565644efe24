// The center's review decisions kept in the store (made in the dashboard's review queue, or imported from the
// config's YAML/JSON lists), and re-scoring a stored site run when a decision changes: the site's latest run is
// scored again once, with the same function as the run (reports/rescore.ts → reports/score.ts), and stored, so every
// view reads the same score and verdict.
import { catalogueFor } from '../config/reports/catalogue.ts';
import type { DistrictConfig } from '../config/schema.ts';
import type { ReviewDecisionRecord, Store } from '../store/types.ts';
import { rescoreScorecard } from './rescore.ts';
import { loadReviewDecisions, mergeDecisions, noDecisions, type ReviewDecisions } from './review.ts';
import { scorecardSchema, type Scorecard } from './scorecard.ts';

/** The store's decisions in the shape scoring uses. */
export function asDecisions(records: ReviewDecisionRecord[]): ReviewDecisions {
  return {
    confirmations: records.filter((r) => r.kind === 'confirm').map((r) => ({ identity: r.identity, siteId: r.siteId, by: r.by, ...(r.reason ? { note: r.reason } : {}) })),
    waivers: records.filter((r) => r.kind === 'waive').map((r) => ({ identity: r.identity, siteId: r.siteId, by: r.by, reason: r.reason ?? '', until: r.until ?? '1970-01-01' })),
    dismissals: records.filter((r) => r.kind === 'dismiss').map((r) => ({ identity: r.identity, siteId: r.siteId, by: r.by, reason: r.reason ?? '', evidence: r.evidenceHash ?? '' })),
  };
}

/** The decisions in force: the store's, then the config's lists (a broken file is reported through `onWarning`). */
export async function decisionsFor(config: DistrictConfig, store: Store, onWarning?: (message: string) => void): Promise<ReviewDecisions> {
  const fromConfig = await loadReviewDecisions(config).catch((e: Error) => {
    onWarning?.(e.message);
    return noDecisions;
  });
  return mergeDecisions(asDecisions(await store.listReviewDecisions()), fromConfig);
}

/**
 * Re-scores a site's latest stored run with the decisions in force and stores the result (score, verdict, scorecard
 * and findings, in one transaction). Returns the new scorecard, or null when the site has no stored run.
 */
export async function rescoreStoredSite(store: Store, config: DistrictConfig, siteId: string, now: Date): Promise<Scorecard | null> {
  const [latest] = await store.siteHistory(siteId, 1);
  if (!latest) return null;
  const parsed = scorecardSchema.safeParse(latest.scorecard);
  if (!parsed.success) return null;
  const decisions = await decisionsFor(config, store);
  const card = rescoreScorecard(parsed.data, { catalogue: catalogueFor(config), decisions, now, timezone: config.timezone });
  const findings = card.findings.map(({ pendingVeto: _p, screenshot: _s, dismissed: _d, ...f }) => f);
  await store.saveSiteResult({ runId: latest.runId, siteId, state: latest.state, finishedAt: latest.finishedAt, score: card.score, verdict: card.verdict, scorecard: card, error: latest.error }, findings);
  return card;
}
