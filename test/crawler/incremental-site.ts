// Test helpers for incremental crawls: a loopback site whose pages can change between nights, that honours ETag /
// Last-Modified like a real server (304 on a matching If-None-Match, or If-Modified-Since when no If-None-Match was
// sent) and counts requests and body bytes; and one night's crawl of it with a real SQLite store as the cache.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DistrictConfig } from '../../config/schema.ts';
import type { LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { openIncrementalCache, type IncrementalStats, type PageCacheBackend } from '../../crawler/incremental.ts';
import { page, startServer, testConfig, type TestServer } from './server.ts';

export interface Doc {
  body: string | Buffer;
  type?: string;
  status?: number;
  /** Send a strong ETag (hash of the body); default true. */
  etag?: boolean;
  /** Send this Last-Modified. */
  lastModified?: string;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  /** The request carried If-None-Match or If-Modified-Since. */
  conditional: 'etag' | 'date' | null;
  bytes: number;
}

export interface IncrementalSite {
  server: TestServer;
  origin: string;
  docs: Map<string, Doc>;
  /** Every exchange since the last `reset()`. */
  exchanges: Exchange[];
  reset(): void;
  close(): Promise<void>;
}

export const HTML = 'text/html; charset=utf-8';

const etagOf = (body: string | Buffer) => `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;

/** Starts the site as www.test.gov.cn on loopback; change `docs` between nights. */
export async function startIncrementalSite(docs: Record<string, Doc>): Promise<IncrementalSite> {
  const map = new Map(Object.entries(docs));
  let exchanges: Exchange[] = [];
  const server = await startServer((req: IncomingMessage, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const doc = map.get(path) ?? { status: 404, body: page('页面不存在', '<p>404</p>'), etag: false };
    const body = typeof doc.body === 'string' ? Buffer.from(doc.body) : doc.body;
    const headers: Record<string, string> = { 'content-type': doc.type ?? HTML };
    const status = doc.status ?? 200;
    if (status === 200 && doc.etag !== false) headers.etag = etagOf(body);
    if (status === 200 && doc.lastModified) headers['last-modified'] = doc.lastModified;
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const conditional = inm ? 'etag' : ims ? 'date' : null;
    const notModified =
      status === 200 && (inm !== undefined ? headers.etag !== undefined && inm === headers.etag : ims !== undefined && doc.lastModified !== undefined && Date.parse(ims) >= Date.parse(doc.lastModified));
    if (notModified) {
      const h304: Record<string, string> = {};
      if (headers.etag) h304.etag = headers.etag;
      exchanges.push({ method: req.method ?? 'GET', path, status: 304, conditional, bytes: 0 });
      res.writeHead(304, h304);
      return res.end();
    }
    headers['content-length'] = String(body.length);
    res.writeHead(status, headers);
    const sent = req.method === 'HEAD' ? 0 : body.length;
    exchanges.push({ method: req.method ?? 'GET', path, status, conditional, bytes: sent });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return {
    server,
    origin: `http://www.test.gov.cn:${server.port}`,
    docs: map,
    get exchanges() {
      return exchanges;
    },
    reset() {
      exchanges = [];
    },
    close: () => server.close(),
  };
}

/** The district config of the site (loopback resolve, no external links checked unless asked). */
export function siteConfig(site: IncrementalSite, crawl: Record<string, unknown> = {}): DistrictConfig {
  return testConfig({
    resolve: { 'www.test.gov.cn': ['127.0.0.1'] },
    crawl: { maxSitemaps: 0, ...crawl } as never,
    sites: [{ id: 'test', name: '测试网站', unit: '测试单位', homepage: `${site.origin}/` }],
  });
}

export interface Night {
  pages: PageArtifact[];
  linkTargets: LinkTarget[];
  stats: IncrementalStats;
  exchanges: Exchange[];
}

/** One night's crawl of the site with `backend` as the cache. */
export async function crawlNight(site: IncrementalSite, backend: PageCacheBackend, o: { now: string; full?: boolean; keep?: { text?: boolean; html?: boolean }; crawl?: Record<string, unknown> }): Promise<Night> {
  const config = siteConfig(site, o.crawl);
  const fetcher = createFetcher({ config, sleep: async () => {} });
  const now = new Date(o.now);
  site.reset();
  try {
    const cache = await openIncrementalCache({ backend, siteId: 'test', config: config.crawl.incremental, full: o.full, maxBodyBytes: config.crawl.maxBodyBytes, now: () => now });
    const r = await crawlSite({ site: config.sites[0], config, fetcher, keep: o.keep, incremental: cache, now: () => now });
    await cache.flush({ prune: r.crawl.fatal === undefined && !r.crawl.truncated });
    return { pages: r.pages, linkTargets: r.linkTargets, stats: { ...cache.stats }, exchanges: [...site.exchanges] };
  } finally {
    await fetcher.close();
  }
}

/** A page without what differs between two fetches of the same answer (when and how fast). */
export function comparable(p: PageArtifact): Omit<PageArtifact, 'fetchedAt' | 'timeMs'> {
  const { fetchedAt: _f, timeMs: _t, ...rest } = p;
  return rest;
}

/** `METHOD path` of the exchanges matching `pred`, sorted. */
export function requests(night: Night, pred: (e: Exchange) => boolean = () => true): string[] {
  return night.exchanges
    .filter(pred)
    .map((e) => `${e.method} ${e.path}`)
    .sort();
}
