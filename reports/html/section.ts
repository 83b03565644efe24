// The scorecard-section contract: one check's section of the HTML scorecard. Section modules import their type from
// here, never from the registry (sections.tsx), so the registry and its members form no circle.
import type { Child } from 'hono/jsx';
import type { Scorecard } from '../scorecard.ts';

export interface ScorecardSection {
  /** The check id whose `metrics` it shows. */
  check: string;
  /** Show the check's plain metrics (numbers, yes/no) as a labelled list before the section's own content. */
  withPlainMetrics?: boolean;
  /** The section's content (without the heading); null to show nothing. */
  render(metrics: unknown, card: Scorecard, ctx: { timezone: string }): Child;
}
