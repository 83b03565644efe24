// Checking a link target that is not crawled (an internal resource or an external link): HEAD, then GET when
// HEAD is refused or fails; and the run-wide cache that checks each external URL once across all sites.
import type { RateLimit } from '../contract/artifacts/crawl.ts';
import type { FetchErrorCode } from '../contract/fetch-error.ts';
import type { Fetcher } from './fetcher.ts';

/** The outcome of checking one URL, independent of where it was found. */
export interface CheckedTarget {
  method: 'HEAD' | 'GET';
  status: number | null;
  error?: FetchErrorCode;
  errorMessage?: string;
  finalUrl: string;
  redirects: number;
  /** HTTP requests spent (0 when answered from the cache). */
  requests: number;
  /** The server asked to come back later and the wait was not spent. */
  rateLimited?: RateLimit;
}

/** Failures a GET would not cure: no point in asking twice. */
const FINAL_ERRORS = new Set<FetchErrorCode>(['dns', 'blocked-address', 'unsupported-scheme', 'timeout', 'robots', 'redirect-loop', 'too-many-redirects']);
/** Bytes read of a GET made only to learn the status. */
const PROBE_BYTES = 16 * 1024;

/**
 * HEAD, then GET when HEAD gives 405/501/403, another error status, or a network error a GET could cure (not DNS,
 * timeout, a redirect loop). A HEAD the server asked to repeat later (rate limited) is not followed by a GET either.
 */
export async function checkTarget(fetcher: Fetcher, url: string, signal?: AbortSignal): Promise<CheckedTarget> {
  const head = await fetcher.fetch(url, { method: 'HEAD', decode: false, signal });
  const ok = head.status !== null && head.status < 400 && !head.error;
  const requests = head.requests ?? 0;
  if (ok || (head.error && FINAL_ERRORS.has(head.error)) || head.rateLimited || signal?.aborted) return toChecked('HEAD', head, requests);
  const get = await fetcher.fetch(url, { method: 'GET', decode: false, maxBytes: PROBE_BYTES, signal });
  return toChecked('GET', get, requests + (get.requests ?? 0));
}

function toChecked(method: 'HEAD' | 'GET', r: Awaited<ReturnType<Fetcher['fetch']>>, requests: number): CheckedTarget {
  const out: CheckedTarget = { method, status: r.status, finalUrl: r.finalUrl, redirects: r.redirects.length, requests };
  if (r.error) out.error = r.error;
  if (r.rateLimited) out.rateLimited = r.rateLimited;
  if (r.errorMessage && !(r.truncated && !r.error)) out.errorMessage = r.errorMessage;
  return out;
}

/** Run-wide memory of external link checks: one request per URL per run, shared by all sites. */
export interface ExternalLinkCache {
  /** The cached outcome for `url`, or the outcome of `run()` (shared by concurrent callers). */
  get(url: string, run: () => Promise<CheckedTarget>): Promise<{ result: CheckedTarget; cached: boolean }>;
  readonly size: number;
}

/** A fresh cache; pass the same one to every crawlSite of a run. Aborted checks are not kept. */
export function createExternalLinkCache(): ExternalLinkCache {
  const entries = new Map<string, Promise<CheckedTarget>>();
  return {
    async get(url, run) {
      const hit = entries.get(url);
      if (hit) return { result: { ...(await hit), requests: 0 }, cached: true };
      const pending = run();
      entries.set(url, pending);
      const result = await pending;
      if (result.errorMessage === 'aborted') entries.delete(url);
      return { result, cached: false };
    },
    get size() {
      return entries.size;
    },
  };
}
