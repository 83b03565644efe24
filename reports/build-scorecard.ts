// Check results → a site's scorecard: finding identities, new/persisting/fixed against the previous run,
// indicator scoring over the district's catalogue (review-marked findings shown, not scored, unless confirmed;
// waived findings shown as waived, not scored), metrics per check.
import type { Finding } from '../contract/finding.ts';
import type { CheckResult } from '../contract/check-result.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { findingIdentity } from './identity.ts';
import { catalogueFor } from '../config/reports/catalogue.ts';
import type { Indicator } from '../config/reports/indicators.ts';
import { reviewAndScore } from './rescore.ts';
import { noDecisions, type ReviewDecisions } from './review.ts';
import { scorecardSchema, scorecardSchemaVersion, type Scorecard, type ScorecardFinding } from './scorecard.ts';

export interface BuildScorecardInput {
  runId: string;
  site: SiteConfig;
  config: DistrictConfig;
  now: Date;
  results: CheckResult[];
  findings: Finding[];
  previous: Scorecard | null;
  /** Default: the config's catalogue (defaults with `config.indicators` applied). */
  catalogue?: Indicator[];
  /** The center's waivers and confirmations (reports/review.ts loadReviewDecisions); default none. */
  decisions?: ReviewDecisions;
}

/** Builds and validates one site's scorecard. */
export function buildScorecard(input: BuildScorecardInput): Scorecard {
  const { site, now, results, previous } = input;
  const catalogue = input.catalogue ?? catalogueFor(input.config);
  const prevById = new Map((previous?.findings ?? []).map((f) => [f.identity, f]));
  const seen = new Set<string>();
  const findings: ScorecardFinding[] = [];
  for (const f of input.findings) {
    const identity = findingIdentity(f);
    if (seen.has(identity)) continue;
    seen.add(identity);
    const prev = prevById.get(identity);
    findings.push({
      ...f,
      identity,
      firstSeen: prev?.firstSeen ?? now.toISOString(),
      state: prev ? 'persisting' : 'new',
      indicators: [],
    });
  }
  const reviewed = reviewAndScore(findings, results, { catalogue, decisions: input.decisions ?? noDecisions, now, timezone: input.config.timezone });
  const result = reviewed.result;
  const fixed = (previous?.findings ?? [])
    .filter((f) => !seen.has(f.identity) && results.some((r) => r.id === f.check && (r.status === 'passed' || r.status === 'failed')))
    .map(({ state: _s, waived: _w, confirmed: _c, indicators: _i, pendingVeto: _p, screenshot: _sh, ...f }) => f);
  const metrics: Record<string, unknown> = {};
  for (const r of results) if (r.metrics) metrics[r.id] = r.metrics;
  const card: Scorecard = {
    schemaVersion: scorecardSchemaVersion,
    runId: input.runId,
    siteId: site.id,
    siteName: site.name,
    unit: site.unit,
    homepage: site.homepage,
    auditedAt: now.toISOString(),
    score: result.score,
    verdict: result.verdict,
    vetoes: result.vetoes,
    indicators: result.indicators,
    checks: results.map((r) => ({ id: r.id, title: r.title, status: r.status, ...(r.reason ? { reason: r.reason } : {}), findings: r.findings.length, ...(r.coverage ? { coverage: r.coverage } : {}) })),
    metrics,
    warnings: results.flatMap((r) => r.warnings ?? []),
    findings: reviewed.findings,
    fixed,
  };
  return scorecardSchema.parse(card);
}
