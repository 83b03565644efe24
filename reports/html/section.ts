// The scorecard-section contract: one check's section of the HTML scorecard. Section modules import their type from
// here, never from the registry (sections.ts), so the registry and its members form no circle.
import type { Scorecard } from '../scorecard.ts';

export interface ScorecardSection {
  /** The check id whose `metrics` it shows. */
  check: string;
  /** Section HTML (without the heading); '' to show nothing. */
  render(metrics: unknown, card: Scorecard): string;
}
