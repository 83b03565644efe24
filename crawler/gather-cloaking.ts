// The cloaking gatherer (runs after the crawl): fetches the homepage and an evenly spread, URL-ordered sample of
// crawled pages again with each configured search-engine crawler's User-Agent (the same fetcher, so the same
// politeness; one request at a time), and keeps what the comparison needs. This is the one place the audit does
// not announce itself: cloaked spam is served only to those crawlers, so only their User-Agent can see it.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { CloakingArtifact, CloakingPage, CrawlerView } from '../contract/artifacts/cloaking.ts';
import type { Fetcher } from './fetcher.ts';
import type { Gatherer } from './gatherer.ts';
import { parseHtml } from './html.ts';
import { isHtmlAnswer } from './page.ts';
import { normalizeUrl } from './url.ts';

const MAX_TEXT = 20_000;
const MAX_LINKS = 500;

export const cloakingGatherer: Gatherer = {
  id: 'cloaking',
  produces: ['cloaking'],
  after: ['crawl'],
  async gather(ctx, artifacts) {
    const { crawlerAgents, cloakingPages } = ctx.config.security;
    const agents = crawlerAgents.map((a) => a.name);
    if (!crawlerAgents.length) {
      artifacts.cloaking = { agents, pages: [], skipped: 'security.crawlerAgents is empty' };
      return;
    }
    if (!artifacts.pages) {
      artifacts.cloaking = { agents, pages: [], skipped: `no crawl (${artifacts.unavailable.pages ?? 'the crawl did not run'})` };
      return;
    }
    const homepage = normalizeUrl(ctx.site.homepage) ?? ctx.site.homepage;
    const sample = cloakingSample(artifacts.pages, homepage, cloakingPages);
    const pages: CloakingPage[] = [];
    for (const url of sample) {
      const views: CrawlerView[] = [];
      for (const a of crawlerAgents) views.push(await viewAs(ctx.fetcher, url, a.name, a.userAgent, ctx.signal));
      pages.push({ url, views });
    }
    const artifact: CloakingArtifact = { agents, pages };
    artifacts.cloaking = artifact;
  },
};

/** The homepage, then `count` healthy HTML pages spread evenly over the crawl's pages in URL order. */
export function cloakingSample(pages: PageArtifact[], homepage: string, count: number): string[] {
  const home = pages.find((p) => p.url === homepage) ?? pages.find((p) => p.depth === 0);
  const inner = pages
    .filter((p) => p !== home && p.isHtml && p.status !== null && p.status >= 200 && p.status < 300 && !p.error)
    .map((p) => p.url)
    .sort();
  const picked = new Set<string>();
  for (let i = 0; i < Math.min(count, inner.length); i++) picked.add(inner[Math.floor((i * inner.length) / Math.min(count, inner.length))]);
  return [...(home ? [home.url] : []), ...[...picked].sort()];
}

async function viewAs(fetcher: Fetcher, url: string, agent: string, userAgent: string, signal?: AbortSignal): Promise<CrawlerView> {
  const r = await fetcher.fetch(url, { headers: { 'user-agent': userAgent }, htmlOnly: true, signal });
  const contentType = r.headers['content-type'] ?? null;
  const isHtml = r.status !== null && r.text !== undefined && isHtmlAnswer(contentType, r.text);
  const view: CrawlerView = { agent, status: r.status, finalUrl: r.finalUrl, isHtml, title: null, meta: {}, text: '', links: [] };
  if (r.error) view.error = r.errorMessage ? `${r.error}: ${r.errorMessage}` : r.error;
  if (!isHtml) return view;
  const parsed = parseHtml(r.text!, r.finalUrl, { text: true });
  return { ...view, title: parsed.title, meta: parsed.meta, text: (parsed.text ?? '').slice(0, MAX_TEXT), links: parsed.links.slice(0, MAX_LINKS) };
}
