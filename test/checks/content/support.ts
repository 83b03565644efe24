// Test support for the content checks: hand-made pages and artifacts of one site (www.x.gov.cn), a real
// calendar, the demo's clock. No network.
import type { SiteArtifacts, CheckContext, CheckOutput } from '../../../checks/types.ts';
import type { CrawlSummary, LinkRef, LinkTarget, ListItem, PageArtifact } from '../../../contract/artifacts/crawl.ts';
import type { AttachmentText } from '../../../contract/artifacts/attachments.ts';
import type { RenderedListsArtifact } from '../../../contract/artifacts/rendered-lists.ts';
import type { DistrictConfigInput } from '../../../config/schema.ts';
import { parseConfig } from '../../../config/load.ts';
import { createCalendar } from '../../../calendar/workdays.ts';

export const HOME = 'http://www.x.gov.cn/';
export const NOW = new Date('2026-11-20T10:00:00+08:00');

export function u(path: string): string {
  return new URL(path, HOME).href;
}

/** A healthy HTML page; `links` given as `[path, text]` pairs or full LinkRefs. */
export function page(path: string, extra: Partial<Omit<PageArtifact, 'links'>> & { links?: (LinkRef | [string, string?])[] } = {}): PageArtifact {
  const { links = [], ...rest } = extra;
  return {
    url: u(path),
    finalUrl: u(path),
    depth: path === '/' ? 0 : 1,
    status: 200,
    redirects: [],
    contentType: 'text/html',
    charset: 'utf-8',
    bytes: 1000,
    fetchedAt: NOW.toISOString(),
    timeMs: 5,
    isHtml: true,
    title: null,
    meta: {},
    text: '',
    ...rest,
    links: links.map((l) => (Array.isArray(l) ? { url: u(l[0]), tag: 'a' as const, ...(l[1] ? { text: l[1] } : {}) } : l)),
  };
}

export function items(...rows: [string, string, string | null][]): ListItem[] {
  return rows.map(([title, path, date]) => ({ title, url: u(path), date }));
}

export function crawl(extra: Partial<CrawlSummary> = {}): CrawlSummary {
  return { homepage: HOME, pagesCrawled: 1, truncated: false, maxPages: 100, maxDepth: 10, robotsRespected: true, robotsDisallowed: [], trapsSkipped: [], requests: 1, startedAt: '', finishedAt: '', ...extra };
}

type SiteInput = DistrictConfigInput['sites'][number];

/** Config, context and artifacts for one site; `site` and `district` override the defaults. */
export function setup(opts: { site?: Partial<SiteInput>; district?: Partial<DistrictConfigInput> } = {}) {
  const config = parseConfig({ district: '测试区', ...opts.district, sites: [{ id: 's', name: '测试网站', unit: '测试单位', homepage: HOME, ...opts.site }] }, '/d.json');
  const site = config.sites[0];
  const ctx: CheckContext = { now: NOW, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() };
  const artifacts = (pages: PageArtifact[], more: { crawl?: Partial<CrawlSummary>; attachments?: AttachmentText[]; linkTargets?: LinkTarget[]; renderedLists?: RenderedListsArtifact } = {}): SiteArtifacts => ({
    site,
    unavailable: {},
    pages,
    crawl: crawl({ pagesCrawled: pages.length, ...more.crawl }),
    linkTargets: more.linkTargets ?? [],
    attachments: more.attachments ?? [],
    renderedLists: more.renderedLists ?? { browser: 'not-needed', pages: [] },
  });
  return { config, site, ctx, artifacts };
}

export function findingsOf(out: CheckOutput) {
  return Array.isArray(out) ? out : out.findings;
}

export function metricsOf(out: CheckOutput): Record<string, unknown> {
  return Array.isArray(out) ? {} : (out.metrics ?? {});
}
