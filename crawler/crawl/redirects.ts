// Redirect handling of the crawl. A page is asked for once: a redirect that would lead to a page the crawl fetches
// anyway stops there (a stub), and takes that page's answer at the end of the level; a redirect that ended at a
// page remembers the outcome, so a later link to that page reuses it instead of asking again.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { FetchResult } from '../fetcher.ts';
import type { TargetOutcome } from '../linkindex.ts';
import { normalizeUrl } from '../url.ts';
import { compareUrls } from './summary.ts';

/** A page whose redirect stopped before a page the crawl fetches anyway; settled at the end of its level. */
export interface RedirectStub {
  url: string;
  depth: number;
  /** The redirect answer (and any hops before it). */
  hop: FetchResult;
  /** Where the redirect leads. */
  to: string;
}

/** The page a redirect stopped before (because the crawl fetches that page anyway), when `r` is such an answer. */
export function stoppedAt(r: FetchResult, fetchable: ReadonlySet<string>): string | null {
  if (r.status === null || r.status < 300 || r.status > 399 || !r.headers.location) return null;
  const to = normalizeUrl(r.headers.location, r.finalUrl);
  return to && fetchable.has(to) ? to : null;
}

/**
 * Settles stubs in order: in rounds, those leading to a page that is not itself a waiting stub, in URL order (so a
 * stub leading to a stub settles after it); stubs that only lead to each other are a redirect loop. `take` is
 * awaited one stub at a time, so each sees the outcomes of those settled before it.
 */
export async function settleStubs(stubs: readonly RedirectStub[], take: (s: RedirectStub, loop: boolean) => Promise<void>): Promise<void> {
  let open = [...stubs].sort((a, b) => compareUrls(a.url, b.url));
  while (open.length) {
    const waiting = new Set(open.map((s) => s.url));
    const ready = open.filter((s) => !waiting.has(s.to));
    for (const s of ready.length ? ready : open) await take(s, ready.length === 0);
    open = ready.length ? open.filter((s) => !ready.includes(s)) : [];
  }
}

/** The outcome of a stub: its target's outcome reached over one more redirect, or a redirect loop. */
export function stubOutcome(s: RedirectStub, target: TargetOutcome | 'loop'): TargetOutcome {
  const redirects = s.hop.redirects.length + 1;
  if (target === 'loop') return { method: 'CRAWL', status: null, error: 'redirect-loop', errorMessage: `redirect loop: ${s.url} → ${s.to}`, finalUrl: s.to, redirects };
  return { ...target, method: 'CRAWL', finalUrl: target.finalUrl ?? s.to, redirects: redirects + target.redirects };
}

/** The page artifact of a stub: the page it leads to (when held) under the stub's own URL, depth and redirect chain. */
export function stubPage(s: RedirectStub, outcome: TargetOutcome, landing: PageArtifact | undefined, fetchedAt: string): PageArtifact {
  const page: PageArtifact = {
    ...(landing ?? { contentType: null, charset: null, bytes: 0, isHtml: false, title: null, meta: {}, links: [] }),
    url: s.url,
    finalUrl: outcome.finalUrl!,
    depth: s.depth,
    status: outcome.status,
    redirects: [...s.hop.redirects, s.hop.finalUrl, ...(landing?.url === s.to ? landing.redirects : [])],
    fetchedAt,
    timeMs: s.hop.timeMs,
    links: [{ url: s.to, tag: 'redirect' }, ...(landing?.links.filter((l) => l.tag !== 'redirect') ?? [])],
  };
  delete page.error;
  delete page.errorMessage;
  if (outcome.error) page.error = outcome.error;
  if (outcome.errorMessage) page.errorMessage = outcome.errorMessage;
  return page;
}

/** Where redirected pages ended: final URL → the page that reached it (the first in URL order) and its outcome. */
export interface RedirectEnds {
  /** Records that `from` was redirected to `finalUrl` with `outcome` (kept when `from` sorts first). */
  remember(from: string, finalUrl: string, outcome: TargetOutcome): void;
  /** The outcome reached at `url` by an earlier redirect (its own redirects not counted). */
  outcomeAt(url: string): TargetOutcome | undefined;
  ends(): Iterable<string>;
}

export function createRedirectEnds(): RedirectEnds {
  const finalOf = new Map<string, { from: string; outcome: TargetOutcome }>();
  return {
    remember(from, finalUrl, outcome) {
      const prior = finalOf.get(finalUrl);
      if (!prior || compareUrls(from, prior.from) < 0) finalOf.set(finalUrl, { from, outcome: { ...outcome, redirects: 0 } });
    },
    outcomeAt: (url) => finalOf.get(url)?.outcome,
    ends: () => finalOf.keys(),
  };
}
