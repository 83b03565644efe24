// Looking pages up in a site's crawl: one key per page whatever its spelling (index.htm or the folder, final URL
// after redirects), which pages are healthy HTML, and the homepage.
import type { CrawlSummary, PageArtifact } from '../contract/artifacts/crawl.ts';

const INDEX_FILE = /\/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$/i;

/**
 * A comparison key for a page URL: no fragment, no default port, lower-case host, and a folder's index file
 * (`/zwgk/index.htm`) the same as the folder (`/zwgk/`). Returns the input when it does not parse.
 */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    u.pathname = u.pathname.replace(INDEX_FILE, '/');
    return u.href;
  } catch {
    return url;
  }
}

/** The folder a URL lies in (`/zwgk/zcwj/` for `/zwgk/zcwj/` and `/zwgk/zcwj/index.htm`), as a key prefix. */
export function folderKey(url: string): string {
  const key = pageKey(url);
  const q = key.search(/[?#]/);
  const path = q < 0 ? key : key.slice(0, q);
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** A 2xx HTML answer that was parsed. */
export function isHealthyHtml(page: PageArtifact): boolean {
  return page.isHtml && page.status !== null && page.status >= 200 && page.status < 300 && !page.error;
}

/** Pages by key of both their requested and final URL (the first one crawled wins). */
export function indexPages(pages: readonly PageArtifact[]): Map<string, PageArtifact> {
  const map = new Map<string, PageArtifact>();
  for (const p of pages) {
    for (const u of [p.url, p.finalUrl]) {
      const k = pageKey(u);
      if (!map.has(k)) map.set(k, p);
    }
  }
  return map;
}

/** The homepage's artifact: the crawl's homepage URL, else the page at depth 0. */
export function findHomepage(pages: readonly PageArtifact[], crawl: CrawlSummary | undefined, index = indexPages(pages)): PageArtifact | null {
  if (crawl) {
    const p = index.get(pageKey(crawl.homepage));
    if (p) return p;
  }
  return pages.find((p) => p.depth === 0) ?? null;
}
