// The scorecard JSON contract (DESIGN.md "Scorecard JSON") and its builder. The zod schema is exported for others.
import { z } from 'zod';
import { findingSchema } from '../contract/finding.ts';

export const scorecardSchemaVersion = 1;

export const scorecardFindingSchema = findingSchema.extend({
  identity: z.string(),
  firstSeen: z.string(),
  state: z.enum(['new', 'persisting']),
  /** Set when the center waived it (shown, not scored). */
  waived: z.object({ reason: z.string(), by: z.string().optional(), until: z.string().optional() }).optional(),
  /** Set when the center confirmed a finding marked for review (then it is scored). */
  confirmed: z.object({ by: z.string(), note: z.string().optional() }).optional(),
  /** Set when the center dismissed it as a false finding (shown, never scored nor raised again while its evidence is unchanged). */
  dismissed: z.object({ by: z.string(), reason: z.string() }).optional(),
  /** Indicator ids the finding feeds. */
  indicators: z.array(z.string()).default([]),
  /** Awaiting review, and confirming it would fire a single-veto indicator (the site would become 不合格). */
  pendingVeto: z.boolean().optional(),
  /** Problem screenshot, relative to the scorecards folder (`<siteId>/<identity>.png`), personal data masked. */
  screenshot: z.string().optional(),
});

export const scorecardSchema = z.object({
  schemaVersion: z.literal(scorecardSchemaVersion),
  runId: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  unit: z.string(),
  homepage: z.string(),
  /** Screenshot of the homepage, relative to the scorecards folder (`<siteId>/homepage.png`). */
  homepageScreenshot: z.string().optional(),
  auditedAt: z.string(),
  score: z.number().min(0).max(100),
  verdict: z.enum(['合格', '不合格']),
  vetoes: z.array(z.string()),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['veto', 'deduction', 'bonus']),
      points: z.number(),
      deduction: z.number().min(0),
      findings: z.number().int().min(0),
      vetoed: z.boolean().optional(),
      /** No check that measures it ran: neither passes nor deducts. */
      notMeasured: z.boolean().optional(),
      /** Vetoes not fired: findings awaiting review that would fire it once confirmed. */
      pending: z.number().int().min(0).optional(),
    }),
  ),
  checks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.enum(['passed', 'failed', 'not-measured', 'error']),
      reason: z.string().optional(),
      findings: z.number().int().min(0),
      /** What the check should judge and what it could (contract/check-result.ts Coverage). */
      coverage: z.object({ candidates: z.number().int().min(0), judged: z.number().int().min(0), reason: z.string().optional() }).optional(),
    }),
  ),
  metrics: z.record(z.string(), z.unknown()),
  warnings: z.array(z.string()).default([]),
  findings: z.array(scorecardFindingSchema),
  fixed: z.array(findingSchema.extend({ identity: z.string(), firstSeen: z.string() })),
});

export type Scorecard = z.infer<typeof scorecardSchema>;
export type ScorecardFinding = z.infer<typeof scorecardFindingSchema>;
