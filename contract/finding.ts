// The Finding: the one unit every check emits (DESIGN.md "Finding"). Validated at the check boundary.
import { z } from 'zod';

export const severities = ['veto', 'major', 'minor', 'info'] as const;
export type Severity = (typeof severities)[number];

export const findingSchema = z.object({
  /** Check id that produced it, e.g. `links`. */
  check: z.string().min(1),
  /** Stable code, e.g. `link.broken`. */
  code: z.string().regex(/^[a-z0-9-]+(\.[a-zA-Z0-9-]+)+$/),
  severity: z.enum(severities),
  /** A person must confirm it; shown, never scored. */
  review: z.literal(true).optional(),
  siteId: z.string().min(1),
  /** The page the finding is about (for a broken link: its target); null for records with no page. */
  url: z.string().nullable(),
  /** Simplified Chinese, for clerks. Never holds personal data in clear. */
  message: z.string().min(1),
  evidence: z.record(z.string(), z.unknown()),
});

export type Finding = z.infer<typeof findingSchema>;

/** Sorts findings deterministically (code, url, message) so runs compare equal. */
export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      a.siteId.localeCompare(b.siteId) ||
      a.check.localeCompare(b.check) ||
      a.code.localeCompare(b.code) ||
      (a.url ?? '').localeCompare(b.url ?? '') ||
      a.message.localeCompare(b.message),
  );
}
