// sitemap.xml seeding: <loc> entries of sitemaps and sitemap indexes, read breadth-first with bounds on the
// number of files, their nesting and the entries kept, and a guard against a sitemap listing itself.
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import type { Fetcher } from './fetcher.ts';
import { normalizeUrl } from './url.ts';

/** Entries read from one sitemap file at most (the protocol's own limit). */
export const MAX_SITEMAP_ENTRIES = 50_000;
const MAX_DEPTH = 3;

export interface SitemapContent {
  urls: string[];
  /** Nested sitemaps (when the file is a sitemap index). */
  sitemaps: string[];
}

/** The `<loc>` entries of a sitemap or sitemap index (pure; tolerant of namespaces and malformed XML). */
export function parseSitemap(xml: string, maxEntries = MAX_SITEMAP_ENTRIES): SitemapContent {
  const out: SitemapContent = { urls: [], sitemaps: [] };
  const open: string[] = [];
  let loc: string | null = null;
  const local = (name: string) => name.toLowerCase().replace(/^.*:/, '');
  const parser = new Parser(
    {
      onopentag(name) {
        open.push(local(name));
        if (local(name) === 'loc') loc = '';
      },
      ontext(text) {
        if (loc !== null) loc += text;
      },
      onclosetag(name) {
        const tag = local(name);
        if (tag === 'loc' && loc !== null) {
          const parent = open[open.length - 2];
          const value = loc.trim();
          if (value && out.urls.length + out.sitemaps.length < maxEntries) {
            if (parent === 'sitemap') out.sitemaps.push(value);
            else if (parent === 'url') out.urls.push(value);
          }
          loc = null;
        }
        const i = open.lastIndexOf(tag);
        if (i >= 0) open.length = i;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return out;
}

export interface SitemapSeeds {
  /** URL → the sitemap that listed it first. */
  urls: Map<string, string>;
  filesRead: string[];
  warnings: string[];
  requests: number;
}

/**
 * Reads sitemaps breadth-first from `start`, at most `maxFiles` files, nesting at most 3 deep, keeping URLs
 * that `accept` (scope) and at most `maxUrls` of them. Files are read in sorted order, so the result is stable.
 */
export async function collectSitemaps(opts: {
  fetcher: Fetcher;
  start: string[];
  maxFiles: number;
  maxUrls: number;
  maxBytes: number;
  accept: (url: string) => boolean;
  signal?: AbortSignal;
}): Promise<SitemapSeeds> {
  const seeds: SitemapSeeds = { urls: new Map(), filesRead: [], warnings: [], requests: 0 };
  const seen = new Set<string>();
  let level = [...new Set(opts.start.map((u) => normalizeUrl(u)).filter((u): u is string => !!u && opts.accept(u)))].sort();
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: string[] = [];
    for (const file of level) {
      if (seen.has(file)) continue;
      seen.add(file);
      if (seeds.filesRead.length >= opts.maxFiles || opts.signal?.aborted) return seeds;
      const res = await opts.fetcher.fetch(file, { maxBytes: opts.maxBytes, signal: opts.signal, decode: false });
      seeds.requests += res.requests ?? 0;
      if (res.status !== 200 || !res.body) continue;
      seeds.filesRead.push(file);
      let buf = res.body;
      if (buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
        try {
          buf = gunzipSync(buf, { maxOutputLength: opts.maxBytes });
        } catch {
          seeds.warnings.push(`sitemap ${file} could not be decompressed within ${opts.maxBytes} bytes`);
          continue;
        }
      }
      if (res.truncated) seeds.warnings.push(`sitemap ${file} is larger than ${opts.maxBytes} bytes: read in part`);
      const content = parseSitemap(buf.toString('utf8'));
      for (const raw of content.urls) {
        const url = normalizeUrl(raw, file);
        if (!url || !opts.accept(url) || seeds.urls.has(url)) continue;
        if (seeds.urls.size >= opts.maxUrls) {
          seeds.warnings.push(`sitemaps list more than ${opts.maxUrls} URLs: the rest are not seeded`);
          return seeds;
        }
        seeds.urls.set(url, file);
      }
      for (const raw of content.sitemaps) {
        const url = normalizeUrl(raw, file);
        if (url && !seen.has(url) && opts.accept(url)) next.push(url);
      }
    }
    level = [...new Set(next)].sort();
  }
  return seeds;
}
