// Which pages the browser checks on a site: the homepage, each configured column's list page, then a deterministic
// sample of the crawled pages spread over the columns (round-robin, each column's pages in an order seeded by their path).
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { SiteConfig } from '../../config/schema.ts';
import { fnv1a } from '../hash.ts';
import { normalizeUrl } from '../url.ts';
import type { A11yPageKind } from '../../contract/artifacts/accessibility.ts';

export interface PlannedPage {
  url: string;
  kind: A11yPageKind;
  column?: string;
}

/**
 * Plans at most `maxPages` pages. Crawled pages (when the crawl ran) count as candidates when they are HTML and
 * answered 2xx; a page belongs to the column whose list page links to it, else to the column whose folder holds
 * it, else to "other", taken last. The order within a column is by a hash of the URL: stable across runs.
 */
export function selectPages(site: SiteConfig, pages: PageArtifact[] | undefined, maxPages: number): PlannedPage[] {
  const plan: PlannedPage[] = [];
  const taken = new Set<string>();
  const add = (p: PlannedPage) => {
    const key = normalizeUrl(p.url) ?? p.url;
    if (taken.has(key) || plan.length >= maxPages) return;
    taken.add(key);
    plan.push({ ...p, url: key });
  };
  add({ url: site.homepage, kind: 'homepage' });
  for (const c of site.columns) add({ url: c.url, kind: 'column', column: c.name });
  if (!pages?.length) return plan;

  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const buckets = new Map<string, string[]>(site.columns.map((c) => [c.name, []]));
  const other: string[] = [];
  for (const p of pages) {
    if (!p.isHtml || p.error || p.status === null || p.status < 200 || p.status >= 300 || taken.has(p.url)) continue;
    const column = columnOf(site, p.url, byUrl);
    (column === null ? other : buckets.get(column)!).push(p.url);
  }
  const queues = [...buckets.entries()].map(([name, urls]) => ({ name, urls: seeded(urls) }));
  while (plan.length < maxPages && queues.some((q) => q.urls.length)) {
    for (const q of queues) {
      const url = q.urls.shift();
      if (url) add({ url, kind: 'article', column: q.name });
    }
  }
  for (const url of seeded(other)) add({ url, kind: 'article' });
  return plan;
}

function columnOf(site: SiteConfig, url: string, byUrl: Map<string, PageArtifact>): string | null {
  for (const c of site.columns) {
    const list = byUrl.get(normalizeUrl(c.url) ?? c.url);
    if (list?.links.some((l) => l.tag === 'a' && l.url === url)) return c.name;
  }
  let best: { name: string; length: number } | null = null;
  for (const c of site.columns) {
    const folder = folderOf(c.url);
    if (folder && url.startsWith(folder) && (!best || folder.length > best.length)) best = { name: c.name, length: folder.length };
  }
  return best?.name ?? null;
}

function folderOf(url: string): string | null {
  const n = normalizeUrl(url);
  return n ? n.slice(0, n.lastIndexOf('/') + 1) : null;
}

/** Seeded order: by a hash of the path and query (not the port, so a fixture site samples alike on any port). */
function seeded(urls: string[]): string[] {
  const key = (u: string) => {
    const parsed = new URL(u);
    return fnv1a(`${parsed.pathname}${parsed.search}`);
  };
  return [...new Set(urls)].sort((a, b) => key(a) - key(b) || a.localeCompare(b));
}
