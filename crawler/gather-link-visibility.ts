// The link-visibility gatherer (runs after the crawl): opens the pages whose raw HTML hides links to hosts outside
// the government, or holds a <marquee> (homepage first, then URL order, at most `security.browserPages`), in the
// run's shared browser and records, for every link, whether computed style hides it. It confirms what the raw HTML
// suggests (and sees hiding done by script or external style sheets). No candidate page: no browser is started.
// No browser: the reason, and the raw reading stands alone.
import type { Page } from 'puppeteer-core';
import { z } from 'zod';
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import { chromeCandidates, findChrome } from '../browser/chrome-path.ts';
import type { BrowserPool } from './browser/pool.ts';
import { sharedBrowserPool } from './gather-browser.ts';
import type { GatherContext, Gatherer } from './gatherer.ts';
import type { LinkVisibilityArtifact, RenderedLink, RenderedPage } from '../contract/artifacts/link-visibility.ts';
import { normalizeUrl } from './url.ts';
import { publicHosts } from '../util/public-hosts.ts';
import { governmentHostTest, httpHost } from '../util/hosts.ts';

const BLOCKED_TYPES = new Set(['image', 'media', 'font']);
const MAX_LINKS = 2_000;

export interface LinkVisibilityOptions {
  findChrome?: typeof findChrome;
}

/** The gatherer; `findChrome` is injectable for tests on a machine without a browser. */
export function createLinkVisibilityGatherer(opts: LinkVisibilityOptions = {}): Gatherer {
  const find = opts.findChrome ?? findChrome;
  return {
    id: 'link-visibility',
    produces: ['linkVisibility'],
    after: ['crawl'],
    async gather(ctx, artifacts) {
      const max = ctx.config.security.browserPages;
      const homepage = normalizeUrl(ctx.site.homepage) ?? ctx.site.homepage;
      const isGovernmentHost = governmentHostTest(ctx.site, [...publicHosts, ...ctx.config.security.governmentDomains]);
      const plan = max > 0 && artifacts.pages ? hiddenLinkPages(artifacts.pages, homepage, max, isGovernmentHost) : [];
      const result: LinkVisibilityArtifact = { pages: [] };
      artifacts.linkVisibility = result;
      if (max === 0) return void (result.unavailable = 'security.browserPages is 0');
      if (!plan.length) return;
      const a11y = ctx.config.accessibility;
      const executablePath = find({ configured: a11y.chromePath });
      if (!executablePath) return void (result.unavailable = `no browser (looked for ${chromeCandidates({ configured: a11y.chromePath }).join(', ')})`);
      let pool: BrowserPool;
      try {
        pool = await sharedBrowserPool(ctx, executablePath);
      } catch (e) {
        return void (result.unavailable = `the browser would not start: ${firstLine(e)}`);
      }
      result.pages = await renderPages(ctx, pool, plan);
    },
  };
}

export const linkVisibilityGatherer: Gatherer = createLinkVisibilityGatherer();

/**
 * Healthy HTML pages whose raw HTML hides a link to a host outside the government, or holds a <marquee>: the
 * homepage first, then URL order. (A page hiding only its own navigation needs no browser.)
 */
export function hiddenLinkPages(pages: PageArtifact[], homepage: string, max: number, isGovernmentHost: (host: string) => boolean): string[] {
  const outside = (url: string) => {
    const host = httpHost(url);
    return host !== null && !isGovernmentHost(host);
  };
  const suspicious = pages.filter(
    (p) => p.isHtml && p.status !== null && p.status >= 200 && p.status < 300 && (p.links.some((l) => l.hidden && outside(l.url)) || /<marquee\b/i.test(p.html ?? '')),
  );
  return suspicious
    .map((p) => p.url)
    .sort((a, b) => (a === homepage ? -1 : b === homepage ? 1 : a.localeCompare(b)))
    .slice(0, max);
}

async function renderPages(ctx: GatherContext, pool: BrowserPool, plan: string[]): Promise<RenderedPage[]> {
  const session = pool.session();
  const timeoutMs = ctx.config.accessibility.pageTimeoutMs;
  try {
    return await Promise.all(
      plan.map(async (url): Promise<RenderedPage> => {
        if (ctx.signal?.aborted) return { url, error: 'aborted', links: [] };
        try {
          return { url, links: await session.withPage((page) => linksOn(page, url, timeoutMs), { timeoutMs }) };
        } catch (e) {
          return { url, error: firstLine(e), links: [] };
        }
      }),
    );
  } finally {
    await session.close();
  }
}

async function linksOn(page: Page, url: string, timeoutMs: number): Promise<RenderedLink[]> {
  await page.setRequestInterception(true);
  // priority 0: cooperative interception, so the pool's request guard (if any) still has the last word
  page.on('request', (r) => {
    if (r.isInterceptResolutionHandled()) return;
    void (BLOCKED_TYPES.has(r.resourceType()) ? r.abort('blockedbyclient', 0) : r.continue(r.continueRequestOverrides(), 0)).catch(() => {});
  });
  page.on('dialog', (d) => void d.dismiss().catch(() => {}));
  const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  if (response && response.status() >= 400) throw new Error(`HTTP ${response.status()}`);
  const raw: unknown = await page.evaluate(`(${visibilityScript})(${MAX_LINKS})`);
  const parsed = linksSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the page returned malformed link data: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Runs in the page (plain JavaScript, so no compiler helper leaks in): each http(s) link and what hides it. */
const visibilityScript = `function (max) {
  var doc = document.documentElement;
  var width = Math.max(doc.scrollWidth, innerWidth);
  var height = Math.max(doc.scrollHeight, innerHeight);
  function hiddenBy(a) {
    for (var el = a; el && el !== doc; el = el.parentElement) {
      var cs = getComputedStyle(el);
      if (cs.display === 'none') return 'display';
      if (cs.visibility === 'hidden' || cs.visibility === 'collapse') return 'visibility';
      if (parseFloat(cs.opacity) <= 0.01) return 'opacity';
      if (el !== a && (cs.overflow !== 'visible' || el.tagName === 'MARQUEE')) {
        var box = el.getBoundingClientRect();
        if (box.width < 3 || box.height < 3) return 'clip';
      }
    }
    var w = 0, h = 0, all = [a].concat(Array.prototype.slice.call(a.querySelectorAll('*')));
    for (var i = 0; i < all.length; i++) { var q = all[i].getBoundingClientRect(); w = Math.max(w, q.width); h = Math.max(h, q.height); }
    if (w < 2 || h < 2) return 'size';
    var r = a.getBoundingClientRect();
    var x = r.left + scrollX, y = r.top + scrollY;
    if (x + r.width <= 0 || y + r.height <= 0 || x >= width || y >= height) return 'off-screen';
    if (parseFloat(getComputedStyle(a).fontSize) < 1 && !a.querySelector('img')) return 'font-size';
    return null;
  }
  var out = [];
  var anchors = document.querySelectorAll('a[href]');
  for (var k = 0; k < anchors.length && k < max; k++) {
    var a = anchors[k];
    if (!/^https?:/i.test(a.href)) continue;
    var how = hiddenBy(a);
    out.push(how ? { url: a.href, hidden: true, how: how } : { url: a.href, hidden: false });
  }
  return out;
}`;

const linksSchema = z
  .array(z.object({ url: z.string().max(5_000), hidden: z.boolean(), how: z.string().max(20).optional() }))
  .max(MAX_LINKS);

function firstLine(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).split('\n')[0].slice(0, 300);
}
