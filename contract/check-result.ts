// What running one check gave (checks/runner.ts): its status, findings and metrics, as the scorecard, the store and
// the reports read it.
import type { Finding } from './finding.ts';

export type CheckStatus = 'passed' | 'failed' | 'not-measured' | 'error';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  reason?: string;
  findings: Finding[];
  metrics?: Record<string, unknown>;
  warnings?: string[];
}
