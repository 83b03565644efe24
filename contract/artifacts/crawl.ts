// The crawl's artifacts (`pages`, `linkTargets`, `crawl`; gathered by crawler/gather-crawl.ts): every fetched page
// with its links, the outcome of checking each link target, and the crawl's summary. Plain data, facts only.
import type { FetchErrorCode } from '../fetch-error.ts';
import type { LinkLocation } from '../link-location.ts';

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
  /** Body was cut: at the size cap (see `capped`) or by a failure while reading it (see `error`). */
  truncated?: boolean;
  /** The body passed the size cap (crawl.maxBodyBytes) and was read only in part: how much, the cap and why. */
  capped?: BodyCap;
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
  /** What the answer has of a "not found" page (a 200 page only); the links check judges whether it is a soft 404. */
  soft404Signals?: Soft404Signals;
  /** The server asked us to come back later (429, or 503 with Retry-After) and the wait was not spent: why. */
  rateLimited?: RateLimit;
  /** Pages (normalised URLs) that link to it, sorted. */
  foundOn: string[];
  onHomepage: boolean;
  /** Kinds of reference seen (a, img, script, …). */
  tags: LinkTag[];
  /** Not checked: why (robots, a non-http scheme, out of the link budget). */
  skipped?: string;
  /** For a link that failed to load: where it sits on the first pages that carry it (crawler/link-locations.ts). */
  locations?: LinkLocation[];
}

/**
 * Facts about a 200 page that bear on "is it really a not-found page?" (a soft 404), recorded by the crawler; the
 * rule that weighs them is util/soft404.ts, applied by the links check.
 */
export interface Soft404Signals {
  /** The page ends on the homepage, as the site's answer for a missing page does, and its path is no homepage alias (`/`, `/index.html`). */
  landsOnHomepageLikeMissing?: true;
  /** The title (at most 200 characters), when it contains not-found phrases; `phrases` in list order (crawler/soft404.ts). */
  title?: { text: string; phrases: string[] };
  /** The first not-found phrase found in the visible text, and how many other characters the text has (normalised). */
  text?: { phrase: string; otherChars: number };
  /**
   * Compared with the site's own answer for a missing page (a 200 HTML page not on the homepage): their length ratio,
   * and the likeness of their texts (0–1, bigram Dice) when the lengths are within a factor 2.
   */
  likeMissingPage?: { lengthRatio: number; similarity?: number };
}

/** A 429, or a 503 with Retry-After, whose wait the run did not spend. */
export interface RateLimit {
  status: number;
  /** What Retry-After asked for, in ms (null: no or unreadable Retry-After). */
  retryAfterMs: number | null;
  /** Why no (further) retry: the asked wait is above `crawl.maxRetryWaitMs`, the run's wait budget (`crawl.retryWaitBudgetMs`) is spent, or `crawl.retries` are used up. */
  why: 'wait-over-cap' | 'budget-spent' | 'retries-spent';
}

/** How a body was cut at a size cap (the fetch's facts; the setting is named by who set the cap). */
export type BodyCap = Omit<CappedBody, 'url' | 'setting' | 'foundOn'>;

/** A page or file whose body was cut at a size cap: read in part, so not fully checked. */
export interface CappedBody {
  url: string;
  /** Decompressed bytes read before the cap. */
  bytesRead: number;
  /** The cap in bytes, and the setting that sets it (`crawl.maxBodyBytes`, `attachments.maxBytes`). */
  cap: number;
  setting: string;
  /** `too-large`: the body is larger than the cap; `compression-bomb`: a compressed body that inflated past the cap at more than 100 to 1. */
  why: 'too-large' | 'compression-bomb';
  /** Bytes received on the wire (compressed) when the body was compressed. */
  compressedBytes?: number;
  /** Content-Encoding of the body, when compressed. */
  encoding?: string;
  /** Pages that link to it (for a page reached by links; at most 20). */
  foundOn?: string[];
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
  /** Pages and files read only in part because their body passed a size cap (in URL order). */
  capped?: CappedBody[];
}
