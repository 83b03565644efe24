// Turns one fetch of a site page into its PageArtifact (and the parsed HTML the crawl needs next).
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { FetchResult } from './fetcher.ts';
import { parseHtml, type ParsedHtml } from './html.ts';

const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\b/i;
const HTML_START = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b/i;

/** The answer is an HTML page: by Content-Type, or (without one) by how the body starts. */
export function isHtmlAnswer(contentType: string | null, text: string | undefined): boolean {
  if (contentType) return HTML_TYPE.test(contentType);
  return text !== undefined && HTML_START.test(text.slice(0, 2048));
}

export interface BuiltPage {
  page: PageArtifact;
  /** Present when the answer was a successful HTML page of the site that was parsed. */
  parsed?: ParsedHtml & { text: string };
}

/**
 * Builds the artifact of a fetched page. HTML of 2xx answers is parsed when `parse` is true (the final URL is in
 * scope); text and HTML are kept only when asked.
 */
export function buildPage(r: FetchResult, opts: { depth: number; fetchedAt: string; parse: boolean; keep: { text?: boolean; html?: boolean }; listMin?: number }): BuiltPage {
  const contentType = r.headers['content-type'] ?? null;
  const isHtml = r.status !== null && isHtmlAnswer(contentType, r.text);
  const page: PageArtifact = {
    url: r.url,
    finalUrl: r.finalUrl,
    depth: opts.depth,
    status: r.status,
    redirects: r.redirects,
    contentType,
    charset: r.charset ?? null,
    bytes: r.bytes,
    fetchedAt: opts.fetchedAt,
    timeMs: r.timeMs,
    isHtml,
    title: null,
    meta: {},
    links: [],
  };
  if (r.error) page.error = r.error;
  if (r.errorMessage) page.errorMessage = r.errorMessage;
  if (r.charsetSource) page.charsetSource = r.charsetSource;
  if (r.truncated) page.truncated = true;
  if (r.capped && !r.error) page.capped = r.capped;
  if (!isHtml || r.text === undefined) return { page };
  const okStatus = r.status !== null && r.status >= 200 && r.status < 300;
  const parsed = parseHtml(r.text, r.finalUrl, { text: true, listMin: opts.listMin });
  page.title = parsed.title;
  page.meta = parsed.meta;
  page.lang = parsed.lang;
  if (opts.keep.text) page.text = parsed.text;
  if (opts.keep.html) page.html = r.text;
  if (!okStatus || !opts.parse) return { page };
  page.links = parsed.links;
  if (parsed.listItems) page.listItems = parsed.listItems;
  return { page, parsed: { ...parsed, text: parsed.text ?? '' } };
}
