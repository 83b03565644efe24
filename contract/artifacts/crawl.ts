// The crawl's artifacts (`pages`, `linkTargets`, `crawl`; gathered by crawler/gather-crawl.ts): every fetched page
// with its links, the outcome of checking each link target, and the crawl's summary. Plain data, facts only.
import type { FetchErrorCode } from '../fetch-error.ts';

/** Where a reference to another URL was found in a page. */
export type LinkTag =
  | 'a' | 'area' | 'img' | 'script' | 'link' | 'iframe' | 'frame' | 'source' | 'embed' | 'object'
  | 'meta-refresh' | 'redirect' | 'form';

export interface LinkRef {
  /** Absolute, normalised URL (see crawler/url.ts). Non-http schemes are kept as written. */
  url: string;
  tag: LinkTag;
  /** Anchor text, or an image's alt, whitespace-collapsed, at most 200 chars. */
  text?: string;
  /** Inside an element hidden by markup or inline CSS in the raw HTML (display:none, visibility:hidden, off-screen, zero size or font, hidden attribute). */
  hidden?: boolean;
  rel?: string;
}

/** An item of a list page (a column's list): title, link and the date printed beside it. */
export interface ListItem {
  title: string;
  url: string | null;
  /** `YYYY-MM-DD` when a date was found next to the item. */
  date: string | null;
}

/** One fetched page of a site (HTML or not). */
export interface PageArtifact {
  /** Normalised URL that was requested. */
  url: string;
  /** URL after redirects. */
  finalUrl: string;
  /** Link hops from the homepage (homepage = 0). */
  depth: number;
  /** HTTP status of the final answer; null when no answer (see `error`). */
  status: number | null;
  /** Network-level failure code when no usable answer: see FetchErrorCode. */
  error?: FetchErrorCode;
  errorMessage?: string;
  /** Redirect chain (URLs visited before finalUrl). */
  redirects: string[];
  contentType: string | null;
  /** Charset the body was decoded with (`utf-8`, `gbk`, `gb18030`, …), how it was decided. */
  charset: string | null;
  charsetSource?: 'header' | 'bom' | 'meta' | 'sniff' | 'default';
  /** Bytes of the (decompressed) body read, capped. */
  bytes: number;
  /** Body was cut at the size cap. */
  truncated?: boolean;
  fetchedAt: string;
  timeMs: number;
  isHtml: boolean;
  title: string | null;
  /** Government meta tags and a few standard ones, keys lower-cased: articletitle, pubdate, columnname, columntype, sitename, sitedomain, siteidcode, contentsource, description, keywords. */
  meta: Record<string, string>;
  lang?: string | null;
  links: LinkRef[];
  /** Visible text (scripts, styles and hidden elements removed), whitespace-collapsed; present when a check requires `text`. */
  text?: string;
  /** Decoded HTML, capped; present when a check requires `html`. */
  html?: string;
  /** Dated items when the page looks like a list page. */
  listItems?: ListItem[];
}

/** The outcome of checking one link target (internal or external). */
export interface LinkTarget {
  url: string;
  /** Same site (in scope) or not. */
  internal: boolean;
  method: 'HEAD' | 'GET' | 'CRAWL';
  status: number | null;
  error?: FetchErrorCode;
  errorMessage?: string;
  finalUrl?: string;
  redirects: number;
  /** The answer is a 200 page that says "not found". */
  soft404?: boolean;
  soft404Reason?: string;
  /** Pages (normalised URLs) that link to it, sorted. */
  foundOn: string[];
  onHomepage: boolean;
  /** Kinds of reference seen (a, img, script, …). */
  tags: LinkTag[];
  /** Not checked: why (robots, a non-http scheme, out of the link budget). */
  skipped?: string;
}

export interface CrawlSummary {
  homepage: string;
  pagesCrawled: number;
  /** The crawl stopped at maxPages with URLs left in the frontier. */
  truncated: boolean;
  maxPages: number;
  maxDepth: number;
  robotsRespected: boolean;
  robotsDisallowed: string[];
  /** URLs refused by trap guards, with the guard's name. */
  trapsSkipped: { url: string; guard: string }[];
  requests: number;
  startedAt: string;
  finishedAt: string;
  /** The whole site failed (homepage unreachable): the reason. */
  fatal?: string;
}
