// The frontier: which URLs the crawl fetches next. Breadth-first by depth; each level in URL order and admitted
// as a whole before any of it is fetched, so what is crawled never depends on timing. A URL is admitted once;
// robots.txt, the trap guards, the page budget and the depth limit turn the others away, each with its reason.
import { createTrapGuard } from '../traps.ts';
import { compareUrls } from './summary.ts';

/** What becomes of one URL of a level. */
export type Admission =
  /** Fetch it. */
  | { url: string; verdict: 'fetch' }
  /** A redirect already reached it: its outcome is copied, no request. */
  | { url: string; verdict: 'known' }
  /** Not fetched: why; `truncates` when the crawl stopped short of it (page budget, depth). */
  | { url: string; verdict: 'skip'; reason: string; robots?: true; trap?: string; truncates?: true };

export interface FrontierOptions {
  maxPages: number;
  maxDepth: number;
  maxQueryVariantsPerPath: number;
}

/** What the frontier asks of the crawl while admitting a level. */
export interface AdmitContext {
  /** robots.txt refuses the URL (the caller lists it). */
  disallowed(url: string): boolean;
  /** A redirect of an earlier page already ended at the URL. */
  known(url: string): boolean;
  /** Pages kept so far (the budget left is maxPages minus this). */
  pagesKept: number;
}

export interface Frontier {
  /** URLs given a verdict (admitted or refused): never considered again. */
  readonly seen: Set<string>;
  /**
   * Pages whose answer the crawl has or will have by the end of the current level: those admitted so far and the
   * ends of earlier redirect chains. Redirects to them are not followed again (no request twice); it changes only
   * between levels, so which redirects stop never depends on timing.
   */
  readonly fetchable: Set<string>;
  /** The URLs of the next level: those of `next` not seen yet, in URL order. */
  level(next: Iterable<string>): string[];
  /** The verdict on each URL of a level at `depth` (1-based), in order; admitted URLs become fetchable. */
  admit(level: readonly string[], depth: number, ctx: AdmitContext): Admission[];
}

export function createFrontier(opts: FrontierOptions): Frontier {
  const seen = new Set<string>();
  const fetchable = new Set<string>();
  const guard = createTrapGuard({ maxQueryVariantsPerPath: opts.maxQueryVariantsPerPath });
  return {
    seen,
    fetchable,
    level: (next) => [...next].filter((u) => !seen.has(u)).sort(compareUrls),
    admit(level, depth, ctx) {
      if (depth > opts.maxDepth) {
        // beyond the depth limit nothing is fetched: pages a redirect reached keep that answer, the rest are cut off
        return level.map((url) => (ctx.known(url) ? { url, verdict: 'known' } : { url, verdict: 'skip', reason: 'max-depth', truncates: true }));
      }
      const out: Admission[] = [];
      let admitted = 0;
      for (const url of level) {
        seen.add(url);
        if (ctx.disallowed(url)) {
          out.push({ url, verdict: 'skip', reason: 'robots', robots: true });
          continue;
        }
        const trap = guard.admit(url);
        if (trap) {
          out.push({ url, verdict: 'skip', reason: `trap: ${trap}`, trap });
          continue;
        }
        if (ctx.known(url)) {
          out.push({ url, verdict: 'known' });
          continue;
        }
        if (ctx.pagesKept + admitted >= opts.maxPages) {
          out.push({ url, verdict: 'skip', reason: 'max-pages', truncates: true });
          continue;
        }
        admitted++;
        fetchable.add(url);
        out.push({ url, verdict: 'fetch' });
      }
      return out;
    },
  };
}
