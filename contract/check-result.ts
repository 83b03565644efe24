// What running one check gave (checks/runner.ts): its status, findings and metrics, as the scorecard, the store and
// the reports read it.
import type { Finding } from './finding.ts';

export type CheckStatus = 'passed' | 'failed' | 'not-measured' | 'error';

/**
 * What a check saw and what it could judge: `candidates` things it should judge (policy documents, columns, …),
 * `judged` of them it could (a 文号 or a date was read), and — when some could not — why, in plain Chinese.
 * checks/runner.ts turns "saw candidates, judged none" into not-measured: a check passes only on what it judged.
 */
export interface Coverage {
  candidates: number;
  judged: number;
  reason?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  reason?: string;
  findings: Finding[];
  metrics?: Record<string, unknown>;
  warnings?: string[];
  /** Present when the check counts candidates (see Coverage). */
  coverage?: Coverage;
}
