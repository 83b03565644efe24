// Link levels of the national IPv6 monitoring, from the crawl's pages: second level = same-site pages linked from
// the homepage, third level = same-site pages linked from those. The first `max` of each (sorted) that worked in
// the crawl are fetched again over IPv6 only.
import pLimit from 'p-limit';
import type { LinkTag, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Ipv6Level, Ipv6LinkProbe } from '../contract/artifacts/ipv6.ts';
import type { Fetcher } from './fetcher.ts';

/** References that lead to another page (as the crawler follows them). */
const PAGE_TAGS = new Set<LinkTag>(['a', 'area', 'iframe', 'frame', 'meta-refresh']);
/** Bytes read of a probed page: only whether it answers matters. */
const PROBE_BYTES = 64 * 1024;

export interface LevelCandidates {
  /** Crawled pages linked from the homepage, that worked in the crawl, sorted by URL. */
  second: PageArtifact[];
  third: PageArtifact[];
}

/** Splits the crawled pages into the second and third link levels. */
export function levelCandidates(pages: PageArtifact[]): LevelCandidates {
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const home = pages.find((p) => p.depth === 0);
  if (!home) return { second: [], third: [] };
  const excluded = new Set([home.url, home.finalUrl]);
  const linked = (p: PageArtifact) => p.links.filter((l) => PAGE_TAGS.has(l.tag) && byUrl.has(l.url) && !excluded.has(l.url)).map((l) => l.url);
  const second = new Set(linked(home));
  const third = new Set<string>();
  for (const url of second) for (const next of linked(byUrl.get(url)!)) if (!second.has(next)) third.add(next);
  const worked = (urls: Set<string>) =>
    [...urls]
      .map((u) => byUrl.get(u)!)
      .filter((p) => !p.error && p.status !== null && p.status < 400)
      .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { second: worked(second), third: worked(third) };
}

/** Fetches the first `max` pages of a level over IPv6. */
export async function probeLevel(fetcher: Fetcher, level: 2 | 3, candidates: PageArtifact[], max: number, signal?: AbortSignal): Promise<Ipv6Level> {
  const limit = pLimit(8);
  const probed = await Promise.all(
    candidates.slice(0, max).map((page) =>
      limit(async (): Promise<Ipv6LinkProbe> => {
        const r = await fetcher.fetch(page.url, { family: 6, htmlOnly: true, decode: false, maxBytes: PROBE_BYTES, signal });
        return {
          url: page.url,
          crawlStatus: page.status,
          status: r.status,
          ...(r.error ? { error: r.error } : {}),
          ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}),
          finalUrl: r.finalUrl,
          timeMs: r.timeMs,
        };
      }),
    ),
  );
  return { level, candidates: candidates.length, probed };
}
