// Incremental crawls (issue 19 item 2): what a site answered last night is kept per URL — its validators (ETag,
// Last-Modified), a hash of its body and the answer itself — so tonight's crawl asks conditionally
// (If-None-Match / If-Modified-Since) and rebuilds a 304's page from the stored answer: every check sees the same
// PageArtifact as after a full fetch. Link targets found healthy within `crawl.incremental.recheckHealthyAfterDays`
// reuse their last check; broken or failed ones are checked every night.
//
// The stored answer is the body (gzip, base64) with its status and headers, not the parsed page: reparsing gives
// exactly what a full fetch gives whatever the run keeps (text, HTML, list items) and whatever the parser learns
// next release, so a cached entry never depends on the config or the code of the night that wrote it.
//
// The crawler never writes the store itself: it is given a `PageCacheBackend` (the store satisfies it) by the
// scheduler. When in doubt (no stored answer, a 304 after a redirect, an entry older than `refetchAfterDays`, a
// body cap below the stored size), the page is fetched in full.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IncrementalConfig } from '../config/schema.ts';
import { decodeBody } from './charset.ts';
import type { FetchOptions, FetchResult, Fetcher } from './fetcher.ts';
import type { CheckedTarget } from './targets.ts';
import type { LinkCheckRecord, PageCacheRecord } from '../contract/crawl-cache.ts';

/** Where the cache lives between nights: the store (store/types.ts) has these methods. */
export interface PageCacheBackend {
  listPageCache(siteId: string): Promise<Omit<PageCacheRecord, 'payload'>[]>;
  getPageCache(siteId: string, url: string): Promise<PageCacheRecord | null>;
  savePageCache(rows: PageCacheRecord[]): Promise<void>;
  listLinkChecks(siteId: string): Promise<LinkCheckRecord[]>;
  saveLinkChecks(rows: LinkCheckRecord[]): Promise<void>;
  deleteCrawlCache(siteId: string, urls: { pages: string[]; links: string[] }): Promise<void>;
}

/** What one site's crawl did with the cache. */
export interface IncrementalStats {
  /** Pages asked for with If-None-Match / If-Modified-Since. */
  conditional: number;
  /** Pages answered 304 and rebuilt from the stored answer. */
  notModified: number;
  /** Pages answered 200 with the same body as stored. */
  unchanged: number;
  /** Pages stored anew (new, changed, or first seen with validators). */
  stored: number;
  /** Answers 304 that could not be used (no stored answer, a redirect): fetched again in full. */
  refetched: number;
  /** Link targets whose last healthy check was reused. */
  linksReused: number;
}

export interface IncrementalCache {
  /** A full crawl: nothing is reused, everything fetched is stored for the next night. */
  readonly full: boolean;
  readonly stats: IncrementalStats;
  /** Fetches a page of the site, conditionally when its answer is stored; a 304 comes back as the stored 200. */
  fetchPage(fetcher: Fetcher, url: string, fo: FetchOptions): Promise<FetchResult>;
  /** The last check of a link target when it was healthy and recent enough to reuse (requests 0). */
  checkedLink(url: string): CheckedTarget | undefined;
  /** Records a real check of a link target. */
  rememberLink(url: string, result: CheckedTarget): void;
  /**
   * Writes what is still pending to the backend. With `prune` (a crawl that ran to its end), also forgets the pages
   * and link targets kept from earlier nights that this crawl did not ask for: the site no longer links them.
   * Never throws: failures go to `warn`.
   */
  flush(opts?: { prune?: boolean }): Promise<void>;
}

export interface IncrementalOptions {
  backend: PageCacheBackend;
  siteId: string;
  config: IncrementalConfig;
  /** Ignore what is stored (`audit --full`); still store what is fetched. */
  full?: boolean;
  /** The crawl's body cap: an entry stored with more bytes than this is not reused. */
  maxBodyBytes: number;
  now?: () => Date;
  warn?: (message: string) => void;
}

const DAY_MS = 86_400_000;
/** Rows written to the backend at once. */
const WRITE_BATCH = 100;
/** Version of the payload encoding; another version is not reused. */
const PAYLOAD_VERSION = 1;
/** Headers a 304 may update (RFC 9111 §4.3.4: the stored answer takes the 304's fields). */
const UPDATED_BY_304 = ['etag', 'last-modified', 'date', 'expires', 'cache-control', 'vary'];

interface StoredAnswer {
  v: number;
  status: number;
  headers: Record<string, string>;
  bytes: number;
  decoded: boolean;
  errorMessage?: string;
}

/** The hash kept of a body (SHA-256, hex). */
export function contentHash(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Encodes an answer and its body for the store: gzip of a JSON head, a newline, then the body; base64. */
export function encodeAnswer(r: FetchResult): string {
  const head: StoredAnswer = { v: PAYLOAD_VERSION, status: r.status!, headers: r.headers, bytes: r.bytes, decoded: r.text !== undefined };
  if (r.errorMessage) head.errorMessage = r.errorMessage;
  const json = Buffer.from(JSON.stringify(head) + '\n', 'utf8');
  return gzipSync(Buffer.concat([json, r.body ?? Buffer.alloc(0)]), { level: 6 }).toString('base64');
}

/** Decodes a stored answer; undefined when it cannot be read (then the page is fetched in full). */
export function decodeAnswer(payload: string): { head: StoredAnswer; body: Buffer } | undefined {
  try {
    const all = gunzipSync(Buffer.from(payload, 'base64'));
    const nl = all.indexOf(0x0a);
    if (nl < 0) return undefined;
    const head = JSON.parse(all.subarray(0, nl).toString('utf8')) as StoredAnswer;
    if (head?.v !== PAYLOAD_VERSION || typeof head.status !== 'number' || typeof head.headers !== 'object') return undefined;
    return { head, body: all.subarray(nl + 1) };
  } catch {
    return undefined;
  }
}

/** A 2xx answer read whole, without error, to the URL asked (no redirect), with something to ask conditionally by. */
function cacheable(url: string, r: FetchResult): boolean {
  return (
    r.status === 200 &&
    r.finalUrl === url &&
    r.redirects.length === 0 &&
    !r.error &&
    !r.truncated &&
    !r.rateLimited &&
    r.body !== undefined &&
    (r.headers.etag !== undefined || r.headers['last-modified'] !== undefined)
  );
}

/** Healthy: answered below 400, without an error or a rate limit. */
export function healthyCheck(r: Pick<CheckedTarget, 'status' | 'error' | 'rateLimited'>): boolean {
  return r.status !== null && r.status < 400 && !r.error && !r.rateLimited;
}

/** Opens one site's cache: loads its validators and link checks (bodies are read only when a 304 needs one). */
export async function openIncrementalCache(o: IncrementalOptions): Promise<IncrementalCache> {
  const now = o.now ?? (() => new Date());
  const full = o.full === true;
  const warn = o.warn ?? (() => undefined);
  const stats: IncrementalStats = { conditional: 0, notModified: 0, unchanged: 0, stored: 0, refetched: 0, linksReused: 0 };
  const pages = new Map<string, Omit<PageCacheRecord, 'payload'>>();
  const links = new Map<string, LinkCheckRecord>();
  if (!full) {
    try {
      for (const row of await o.backend.listPageCache(o.siteId)) pages.set(row.url, row);
      for (const row of await o.backend.listLinkChecks(o.siteId)) links.set(row.url, row);
    } catch (err) {
      // an unreadable cache costs a full crawl, never the crawl
      pages.clear();
      links.clear();
      warn(`incremental crawl: the cache could not be read, crawling in full (${(err as Error)?.message ?? String(err)})`);
    }
  }
  /** Pages and link targets this crawl asked about (kept or not). */
  const askedPages = new Set<string>();
  const askedLinks = new Set<string>();
  let pendingPages: PageCacheRecord[] = [];
  let pendingLinks: LinkCheckRecord[] = [];
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    const p = pendingPages;
    const l = pendingLinks;
    pendingPages = [];
    pendingLinks = [];
    if (!p.length && !l.length) return writing;
    writing = writing.then(async () => {
      try {
        if (p.length) await o.backend.savePageCache(p);
        if (l.length) await o.backend.saveLinkChecks(l);
      } catch (err) {
        warn(`incremental crawl: the cache could not be written (${(err as Error)?.message ?? String(err)}); the next night fetches these pages in full`);
      }
    });
    return writing;
  };

  const store = (url: string, r: FetchResult): void => {
    if (!cacheable(url, r)) return;
    const hash = contentHash(r.body!);
    const etag = r.headers.etag ?? null;
    const lastModified = r.headers['last-modified'] ?? null;
    const known = pages.get(url);
    if (known && known.contentHash === hash && known.etag === etag && known.lastModified === lastModified && usable(url)) {
      // the same body under the same validators, stored recently enough: nothing to write (the stored answer is this one)
      stats.unchanged++;
      return;
    }
    if (known && known.contentHash === hash) stats.unchanged++;
    else stats.stored++;
    const row: PageCacheRecord = { siteId: o.siteId, url, etag, lastModified, contentHash: hash, fetchedAt: now().toISOString(), payload: encodeAnswer(r) };
    const { payload: _p, ...meta } = row;
    pages.set(url, meta);
    pendingPages.push(row);
    if (pendingPages.length >= WRITE_BATCH) void write();
  };

  /** The stored entry to ask conditionally by, when it may be used tonight. */
  const usable = (url: string): Omit<PageCacheRecord, 'payload'> | undefined => {
    const row = pages.get(url);
    if (!row || (row.etag === null && row.lastModified === null)) return undefined;
    const age = now().getTime() - new Date(row.fetchedAt).getTime();
    if (!(age >= 0 && age < o.config.refetchAfterDays * DAY_MS)) return undefined;
    return row;
  };

  return {
    full,
    stats,
    async fetchPage(fetcher, url, fo) {
      askedPages.add(url);
      const known = fo.method === undefined || fo.method === 'GET' ? usable(url) : undefined;
      if (!known) {
        const r = await fetcher.fetch(url, fo);
        store(url, r);
        return r;
      }
      const conditional: Record<string, string> = { ...(fo.headers ?? {}) };
      if (known.etag !== null) conditional['if-none-match'] = known.etag;
      if (known.lastModified !== null) conditional['if-modified-since'] = known.lastModified;
      stats.conditional++;
      const r = await fetcher.fetch(url, { ...fo, headers: conditional });
      if (r.status !== 304) {
        store(url, r);
        return r;
      }
      const rebuilt = r.finalUrl === url && r.redirects.length === 0 ? await rebuild(url, r, fo) : undefined;
      if (rebuilt) {
        stats.notModified++;
        return rebuilt;
      }
      // a 304 we cannot use: ask again without conditions (the requests of both count)
      stats.refetched++;
      pages.delete(url);
      const again = await fetcher.fetch(url, fo);
      again.requests = (again.requests ?? 0) + (r.requests ?? 0);
      store(url, again);
      return again;
    },
    checkedLink(url) {
      askedLinks.add(url);
      if (full || o.config.recheckHealthyAfterDays <= 0) return undefined;
      const row = links.get(url);
      if (!row?.healthy) return undefined;
      const age = now().getTime() - new Date(row.checkedAt).getTime();
      if (!(age >= 0 && age < o.config.recheckHealthyAfterDays * DAY_MS)) return undefined;
      const out = row.outcome as unknown as CheckedTarget;
      if ((out.method !== 'HEAD' && out.method !== 'GET') || typeof out.finalUrl !== 'string' || !healthyCheck(out)) return undefined;
      stats.linksReused++;
      return { ...out, requests: 0 };
    },
    rememberLink(url, result) {
      askedLinks.add(url);
      if (result.errorMessage === 'aborted') return;
      const { requests: _r, ...outcome } = result;
      const row: LinkCheckRecord = { siteId: o.siteId, url, checkedAt: now().toISOString(), healthy: healthyCheck(result), outcome: outcome as unknown as Record<string, unknown> };
      links.set(url, row);
      pendingLinks.push(row);
      if (pendingLinks.length >= WRITE_BATCH * 10) void write();
    },
    async flush(opts) {
      await write();
      if (!opts?.prune || full) return;
      const pagesGone = [...pages.keys()].filter((u) => !askedPages.has(u));
      const linksGone = [...links.keys()].filter((u) => !askedLinks.has(u));
      if (!pagesGone.length && !linksGone.length) return;
      try {
        await o.backend.deleteCrawlCache(o.siteId, { pages: pagesGone, links: linksGone });
        for (const u of pagesGone) pages.delete(u);
        for (const u of linksGone) links.delete(u);
      } catch (err) {
        warn(`incremental crawl: entries the site no longer links could not be forgotten (${(err as Error)?.message ?? String(err)})`);
      }
    },
  };

  /** The stored 200 in place of a 304: its status, headers (updated by the 304's), body and text; this night's timing. */
  async function rebuild(url: string, r: FetchResult, fo: FetchOptions): Promise<FetchResult | undefined> {
    let row: PageCacheRecord | null;
    try {
      row = await o.backend.getPageCache(o.siteId, url);
    } catch {
      return undefined;
    }
    const answer = row ? decodeAnswer(row.payload) : undefined;
    if (!row || !answer || answer.head.bytes > (fo.maxBytes ?? o.maxBodyBytes)) return undefined;
    if (contentHash(answer.body) !== row.contentHash) return undefined;
    const headers = { ...answer.head.headers };
    for (const name of UPDATED_BY_304) if (r.headers[name] !== undefined) headers[name] = r.headers[name];
    const out: FetchResult = { url, finalUrl: url, status: answer.head.status, headers, redirects: [], body: answer.body, bytes: answer.head.bytes, timeMs: r.timeMs, requests: r.requests };
    if (r.address) out.address = r.address;
    if (answer.head.errorMessage) out.errorMessage = answer.head.errorMessage;
    if (answer.head.decoded && fo.decode !== false) {
      const decoded = decodeBody(answer.body, headers['content-type'] ?? null);
      out.text = decoded.text;
      out.charset = decoded.charset;
      out.charsetSource = decoded.source;
    }
    // a 304 that moved the validators: keep the new ones with the same answer
    if ((headers.etag ?? null) !== row.etag || (headers['last-modified'] ?? null) !== row.lastModified) {
      const moved: PageCacheRecord = { ...row, etag: headers.etag ?? null, lastModified: headers['last-modified'] ?? null, payload: encodeAnswer(out) };
      const { payload: _p, ...meta } = moved;
      pages.set(url, meta);
      pendingPages.push(moved);
    }
    return out;
  }
}
