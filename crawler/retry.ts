// When to retry a request and how long to wait: exponential backoff with seeded jitter, `Retry-After` honoured
// up to a cap. A wait above the cap is not obeyed; the caller reports it instead.
import { seededUnit } from './hash.ts';

/** Statuses that mean "try again later". */
export const RETRY_STATUSES = new Set([429, 503]);

const BASE_MS = 500;

/**
 * Milliseconds a `Retry-After` value asks for (delta-seconds or an HTTP date), or null when absent or unreadable.
 * A date in the past gives 0.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v), 10 ** 9) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * Backoff before retry number `attempt` (1-based): 500 ms · 2^(attempt-1), plus up to 50% jitter seeded by
 * `seed` (the URL), so runs are reproducible while different URLs spread out.
 */
export function backoffMs(attempt: number, seed: string): number {
  const base = BASE_MS * 2 ** Math.max(0, attempt - 1);
  return Math.round(base * (1 + 0.5 * seededUnit(`${seed}#${attempt}`)));
}
