// The attachments gatherer: finds the PDF/DOCX/XLSX/DOC (and legacy .xls) files the crawled pages of a site link
// to, downloads the first `attachments.maxFiles` in URL order with the crawler's fetcher (size-capped), and keeps
// their text for the privacy check. Files it does not read are listed with the reason; it never throws per file.
import pLimit from 'p-limit';
import type { CappedBody, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { AttachmentText } from '../contract/artifacts/attachments.ts';
import { extractText, formatOfUrl } from './attachments/extract.ts';
import type { Gatherer } from './gatherer.ts';

const LINK_TAGS = new Set(['a', 'area', 'embed', 'object', 'iframe']);
const MAX_FOUND_ON = 20;

/** Attachment links of healthy same-site pages: url → pages linking to it. */
export function collectAttachmentLinks(pages: readonly PageArtifact[], hosts: Set<string>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const p of pages) {
    if (!p.isHtml || p.status === null || p.status < 200 || p.status >= 300) continue;
    for (const l of p.links) {
      if (!LINK_TAGS.has(l.tag) || !/^https?:/i.test(l.url) || !formatOfUrl(l.url)) continue;
      let host: string;
      try {
        host = new URL(l.url).hostname.toLowerCase();
      } catch {
        continue;
      }
      if (!hosts.has(host)) continue;
      const on = found.get(l.url) ?? new Set<string>();
      on.add(p.url);
      found.set(l.url, on);
    }
  }
  return found;
}

export const attachmentsGatherer: Gatherer = {
  id: 'attachments',
  produces: ['attachments'],
  after: ['crawl'],
  async gather(ctx, artifacts) {
    if (!artifacts.pages) {
      artifacts.unavailable.attachments = artifacts.unavailable.pages ?? 'pages were not crawled';
      return;
    }
    const cfg = ctx.config.attachments;
    const hosts = new Set([new URL(ctx.site.homepage).hostname.toLowerCase(), ...ctx.site.scope.map((h) => h.toLowerCase())]);
    const links = collectAttachmentLinks(artifacts.pages, hosts);
    const targets = new Map((artifacts.linkTargets ?? []).map((t) => [t.url, t]));
    const urls = [...links.keys()].sort();
    const limit = pLimit(Math.max(1, Math.min(4, ctx.config.crawl.concurrencyPerHost)));
    /** Files larger than attachments.maxBytes: recorded beside the crawl's capped pages, for the links check to report. */
    const capped: CappedBody[] = [];
    const files = await Promise.all(
      urls.map((url, i) =>
        limit(async (): Promise<AttachmentText> => {
          const format = formatOfUrl(url)!;
          const base: AttachmentText = { url, foundOn: [...links.get(url)!].sort().slice(0, MAX_FOUND_ON), format };
          if (i >= cfg.maxFiles) return { ...base, notMeasured: `over the limit of ${cfg.maxFiles} attachments per site (attachments.maxFiles)` };
          if (format === 'xls' || format === 'other') {
            const r = await extractText(format, Buffer.alloc(0), { timeoutMs: cfg.extractTimeoutMs, maxChars: cfg.maxTextChars });
            return { ...base, ...r };
          }
          const known = targets.get(url);
          if (known?.error === 'robots') return { ...base, notMeasured: 'disallowed by robots.txt' };
          if (known && known.status !== null && known.status >= 400) return { ...base, notMeasured: `HTTP ${known.status}` };
          if (ctx.signal?.aborted) return { ...base, notMeasured: 'aborted' };
          const res = await ctx.fetcher.fetch(url, { maxBytes: cfg.maxBytes, decode: false, signal: ctx.signal });
          if (res.error || res.status === null) return { ...base, notMeasured: `download failed (${res.error ?? 'no answer'})` };
          if (res.status < 200 || res.status >= 300) return { ...base, notMeasured: `HTTP ${res.status}` };
          if (res.capped) capped.push({ url, ...res.capped, setting: 'attachments.maxBytes', foundOn: base.foundOn });
          if (res.truncated) return { ...base, notMeasured: `larger than ${cfg.maxBytes} bytes (attachments.maxBytes)` };
          if (!res.body) return { ...base, notMeasured: 'empty answer' };
          const r = await extractText(format, res.body, { timeoutMs: cfg.extractTimeoutMs, maxChars: cfg.maxTextChars, signal: ctx.signal });
          return { ...base, ...r };
        }),
      ),
    );
    artifacts.attachments = files;
    if (capped.length && artifacts.crawl) {
      const all = [...(artifacts.crawl.capped ?? []), ...capped].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
      artifacts.crawl = { ...artifacts.crawl, capped: all };
    }
  },
};
