// The center's review decisions kept in the store (made in the dashboard's review queue, or imported from the
// config's YAML/JSON lists), and re-scoring a stored site run when a decision changes: the site's latest run is
// scored again once, with the same function as the run (reports/rescore.ts → reports/score.ts), and stored, so every
// view reads the same score and verdict.
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { catalogueFor } from '../config/reports/catalogue.ts';
import type { DistrictConfig } from '../config/schema.ts';
import type { ReviewDecisionRecord, Store } from '../store/types.ts';
import { rescoreScorecard } from './rescore.ts';
import { type FileDecision, ReviewImportError } from './review-file.ts';
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

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Sites whose latest run was re-scored. */
  rescored: string[];
}

/**
 * Loads decisions read from a review file (reports/review-file.ts) into the store, all or none, and records the import
 * in the audit log (by `actor`) in the same transaction; then re-scores the latest run of each site a decision
 * changed. An entry without `siteId` (the config's old shape) is matched to the one site whose latest run has its
 * finding; an entry without `at` is dated `now`. Throws ReviewImportError (naming the entry's line) before writing.
 */
export async function importReviewFile(
  store: Store,
  config: DistrictConfig,
  entries: FileDecision[],
  opts: { actor: string; now: Date; source: string },
): Promise<ImportResult> {
  const sites = new Set(config.sites.map((s) => s.id));
  let owners: Map<string, string[]> | null = null;
  const before = new Map((await store.listReviewDecisions()).map((d) => [`${d.siteId}\0${d.identity}`, d]));
  const records: ReviewDecisionRecord[] = [];
  for (const e of entries) {
    const where = e.where ?? `${opts.source}:${e.line}`;
    let siteId = e.siteId;
    if (siteId === null) {
      owners ??= await latestOwners(store, config);
      const found = owners.get(e.identity) ?? [];
      if (found.length !== 1)
        throw new ReviewImportError(`${where}: ${e.identity}: no siteId, and ${found.length ? `the finding is on several sites (${found.join(', ')})` : "no site's latest run has this finding"}; add siteId`);
      siteId = found[0];
    }
    if (!sites.has(siteId)) throw new ReviewImportError(`${where}: siteId "${siteId}" is not a site of ${config.district}`);
    const record: ReviewDecisionRecord = { siteId, identity: e.identity, kind: e.kind, by: e.by, at: e.at ? new Date(e.at).toISOString() : opts.now.toISOString(), reason: e.reason, until: e.until, evidenceHash: e.evidenceHash };
    // An undated entry that says what the store already says keeps the stored date (so a second import changes nothing).
    const stored = before.get(`${siteId}\0${e.identity}`);
    if (!e.at && stored && isDeepStrictEqual({ ...stored, at: record.at }, record)) record.at = stored.at;
    records.push(record);
  }
  const counts = await store.importReviewDecisions(records, (n) => ({
    id: `${opts.now.toISOString()}-import-${randomBytes(6).toString('hex')}`,
    at: opts.now.toISOString(),
    actor: opts.actor,
    action: 'review.import',
    siteId: null,
    target: opts.source,
    detail: { ...n, message: `导入 ${records.length} 条：新增 ${n.inserted}，更新 ${n.updated}，未变 ${n.unchanged}` },
  }));
  const changed = [...new Set(records.filter((r) => !isDeepStrictEqual(before.get(`${r.siteId}\0${r.identity}`), r)).map((r) => r.siteId))].sort();
  const rescored: string[] = [];
  for (const siteId of changed) if (await rescoreStoredSite(store, config, siteId, opts.now)) rescored.push(siteId);
  return { ...counts, rescored };
}

/** Which sites' latest stored runs hold each finding identity. */
async function latestOwners(store: Store, config: DistrictConfig): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const site of config.sites) {
    const [latest] = await store.siteHistory(site.id, 1);
    if (!latest) continue;
    for (const f of await store.listFindings(latest.runId, site.id)) out.set(f.identity, [...new Set([...(out.get(f.identity) ?? []), site.id])]);
  }
  return out;
}
