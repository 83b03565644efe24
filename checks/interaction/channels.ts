// A site's question channels (互动交流, 领导信箱, 在线咨询 …): the configured `interaction` columns plus the homepage
// links whose short text names one, each judged working or broken from the crawl (its page, or the link check's
// answer for a channel on another host, e.g. a district-wide platform).
import type { CrawlSummary, LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { SiteConfig } from '../../config/schema.ts';
import { findHomepage, isHealthyHtml, pageKey } from '../../util/site-pages.ts';
import { soft404Verdict } from '../../util/soft404.ts';

export interface Channel {
  url: string;
  name: string;
  source: 'config' | 'link';
  /** On the audited site (its host or scope). */
  internal: boolean;
  state: 'working' | 'broken' | 'unknown';
  /** HTTP status or network error when broken. */
  detail: string | null;
}

const CHANNEL_TEXT = /互动|留言|信箱|咨询|问政|诉求|建言|征集|民意|信访|政民|来信/;
const NOT_CHANNEL = /找错|纠错/;
/** Longer link texts are article titles that merely mention 咨询 or 征集. */
const MAX_NAME = 12;

/** Channels of a site, configured ones first, each URL once. */
export function findChannels(site: SiteConfig, pages: readonly PageArtifact[], targets: readonly LinkTarget[], crawl: CrawlSummary, index: Map<string, PageArtifact>): Channel[] {
  const hosts = new Set([hostOf(site.homepage), ...site.scope.map((h) => h.toLowerCase())]);
  const byTarget = new Map(targets.map((t) => [pageKey(t.url), t]));
  const seen = new Set<string>();
  const out: Channel[] = [];
  const add = (url: string, name: string, source: Channel['source']) => {
    const key = pageKey(url);
    if (seen.has(key)) return;
    seen.add(key);
    const internal = hosts.has(hostOf(url));
    out.push({ url, name, source, internal, ...stateOf(index.get(key), byTarget.get(key)) });
  };
  for (const c of site.columns) if (c.kind === 'interaction') add(c.url, c.name, 'config');
  const home = findHomepage(pages, crawl, index);
  for (const link of home?.links ?? []) {
    const name = (link.text ?? '').trim();
    if (link.tag !== 'a' || link.hidden || !/^https?:/i.test(link.url)) continue;
    if (name.length === 0 || name.length > MAX_NAME || !CHANNEL_TEXT.test(name) || NOT_CHANNEL.test(name)) continue;
    add(link.url, name, 'link');
  }
  return out;
}

function stateOf(page: PageArtifact | undefined, target: LinkTarget | undefined): Pick<Channel, 'state' | 'detail'> {
  if (page) return isHealthyHtml(page) ? { state: 'working', detail: null } : { state: 'broken', detail: page.error ?? (page.status === null ? 'no answer' : `HTTP ${page.status}`) };
  if (!target || target.skipped) return { state: 'unknown', detail: target?.skipped ?? null };
  if (target.rateLimited) return { state: 'unknown', detail: `rate limited (HTTP ${target.rateLimited.status})` };
  if (target.error) return { state: 'broken', detail: target.error };
  if (target.status === null || target.status >= 400) return { state: 'broken', detail: target.status === null ? 'no answer' : `HTTP ${target.status}` };
  if (soft404Verdict(target.soft404Signals)) return { state: 'broken', detail: 'soft 404' };
  return { state: 'working', detail: null };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
