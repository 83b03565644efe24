// Crawls one site: robots.txt, the homepage, the site's not-found answer, sitemap seeds, then breadth-first by
// depth (each level in URL order, fully fetched before the next, so what is crawled never depends on timing),
// then checks the resources and external links found. One failing site ends with `crawl.fatal`; it never throws.
import type { CrawlSummary, LinkRef, LinkTag, LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { forEachConcurrent } from './concurrent.ts';
import { emit, type CrawlEvent } from './events.ts';
import type { FetchResult, Fetcher } from './fetcher.ts';
import { parseHtml } from './html.ts';
import { createLinkIndex, type TargetEntry, type TargetKind, type TargetOutcome } from './linkindex.ts';
import { buildPage, isHtmlAnswer } from './page.ts';
import { pageKey } from '../util/site-pages.ts';
import { loadRobots, type RobotsRules } from './robots.ts';
import { collectSitemaps } from './sitemap.ts';
import { normaliseForCompare, notFoundProbeUrl, soft404Reason, type NotFoundProfile } from './soft404.ts';
import { checkTarget, createExternalLinkCache, type CheckedTarget, type ExternalLinkCache } from './targets.ts';
import { createTrapGuard } from './traps.ts';
import { hostOf, IGNORED_SCHEMES, isHttpUrl, looksLikeFile, normalizeUrl, originOf, schemeOf } from './url.ts';

export { createExternalLinkCache, type ExternalLinkCache } from './targets.ts';

export interface CrawlOptions {
  site: SiteConfig;
  config: DistrictConfig;
  fetcher: Fetcher;
  /** Keep each page's visible text / decoded HTML (only when a check needs them: they are large). */
  keep?: { text?: boolean; html?: boolean };
  /** A cap on top of the site's (or district's) maxPages, e.g. from `--max-pages`. */
  maxPages?: number;
  /** Shared across the sites of a run so each external URL is checked once. */
  externalCache?: ExternalLinkCache;
  /**
   * Streaming mode: each finished page goes to this sink instead of into the result (whose `pages` is then empty),
   * and the crawl keeps only its compact link index — for very large sites when no check needs the pages. The link
   * targets then list the pages they were found on only for the links that failed (all the links check reports).
   */
  onPage?: (page: PageArtifact) => void | Promise<void>;
  onEvent?: (e: CrawlEvent) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface CrawlResult {
  pages: PageArtifact[];
  linkTargets: LinkTarget[];
  crawl: CrawlSummary;
}

/** A page whose redirect stopped before a page the crawl fetches anyway; settled at the end of its level. */
interface RedirectStub {
  url: string;
  depth: number;
  hop: FetchResult;
  to: string;
}

/** References that lead to another page of the site (crawled); everything else is a resource (checked). */
const PAGE_TAGS = new Set<LinkTag>(['a', 'area', 'iframe', 'frame', 'meta-refresh']);
/** Hosts whose resources and links are checked at the same time. */
const HOSTS_AT_ONCE = 8;
/** Entries listed at most in robotsDisallowed / trapsSkipped. */
const MAX_LISTED = 5_000;

function compareUrls(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Crawls one site and checks the links it finds. Never throws for network or content trouble. */
export async function crawlSite(opts: CrawlOptions): Promise<CrawlResult> {
  const { site, config, fetcher, signal } = opts;
  const cfg = config.crawl;
  const now = opts.now ?? (() => new Date());
  const keep = opts.keep ?? {};
  const siteMax = site.maxPages ?? config.maxPages;
  const maxPages = opts.maxPages !== undefined ? Math.max(1, Math.min(opts.maxPages, siteMax)) : siteMax;
  const homepage = normalizeUrl(site.homepage) ?? site.homepage;
  const scope = new Set([hostOf(homepage) ?? '', ...site.scope.map((h) => h.toLowerCase().replace(/^\[|\]$/g, ''))]);
  const inScope = (url: string) => isHttpUrl(url) && scope.has(hostOf(url) ?? '');
  const columnKeys = new Set(site.columns.map((c) => pageKey(c.url)));
  const index = createLinkIndex();
  const pages: PageArtifact[] = [];
  const streaming = opts.onPage !== undefined;
  let pageCount = 0;
  /** Pages held (not streaming) by URL and by final URL: what a redirect to an already crawled page copies. */
  const pageAt = new Map<string, PageArtifact>();
  const seen = new Set<string>();
  /**
   * Pages whose answer the crawl has or will have by the end of the current level: those admitted so far and the
   * ends of earlier redirect chains. Redirects to them are not followed again (no request twice); it changes only
   * between levels, so which redirects stop never depends on timing.
   */
  const fetchable = new Set<string>();
  const robots = new Map<string, RobotsRules>();
  const guard = createTrapGuard({ maxQueryVariantsPerPath: cfg.maxQueryVariantsPerPath });
  /** Final URL of a redirected page → the page that reached it, and its outcome (reused instead of refetching). */
  const finalOf = new Map<string, { from: string; outcome: TargetOutcome }>();
  const startedAt = now().toISOString();
  const summary: CrawlSummary = {
    homepage,
    pagesCrawled: 0,
    truncated: false,
    maxPages,
    maxDepth: cfg.maxDepth,
    robotsRespected: site.respectRobots,
    robotsDisallowed: [],
    trapsSkipped: [],
    requests: 0,
    startedAt,
    finishedAt: startedAt,
  };
  let requests = 0;
  let homeFinal = homepage;
  let profile: NotFoundProfile | null = null;
  /**
   * Identical references (a site's navigation repeats on every page) share one LinkRef object, so a large crawl
   * holds each distinct link once. Artifacts are plain data that nobody mutates, so sharing is safe.
   */
  const refsByUrl = new Map<string, LinkRef[]>();
  const internRef = (ref: LinkRef): LinkRef => {
    const url = index.get(ref.url)?.url ?? ref.url;
    let list = refsByUrl.get(url);
    if (!list) {
      list = [];
      refsByUrl.set(url, list);
    }
    const known = list.find((k) => k.tag === ref.tag && k.text === ref.text && k.hidden === ref.hidden && k.rel === ref.rel);
    if (known) return known;
    const shared = { ...ref, url };
    if (list.length < 64) list.push(shared);
    return shared;
  };
  const event = (e: CrawlEvent) => emit(opts.onEvent, e);
  const warn = (message: string, url?: string) => event({ type: 'warning', siteId: site.id, url, message });
  const aborted = () => signal?.aborted === true;

  const finish = (fatal?: string): CrawlResult => {
    for (const e of index.entries()) {
      if (!e.outcome) e.outcome = skippedOutcome(e, fatal ? `not crawled: ${fatal}` : 'not reached');
    }
    pages.sort((a, b) => a.depth - b.depth || compareUrls(a.url, b.url));
    summary.pagesCrawled = pageCount;
    summary.requests = requests;
    summary.finishedAt = now().toISOString();
    summary.robotsDisallowed.sort(compareUrls);
    summary.trapsSkipped.sort((a, b) => compareUrls(a.url, b.url));
    if (fatal) summary.fatal = fatal;
    const linkTargets = index.toTargets(streaming ? { foundOnWhen: failed } : {});
    event({ type: 'site-done', siteId: site.id, pages: pageCount, linkTargets: linkTargets.length, requests, fatal });
    return { pages, linkTargets, crawl: summary };
  };

  async function robotsFor(url: string): Promise<RobotsRules | null> {
    const origin = originOf(url);
    if (!origin) return null;
    let rules = robots.get(origin);
    if (!rules) {
      rules = await loadRobots(fetcher, origin, signal);
      requests += rules.requests;
      if (rules.problem) warn(rules.problem, rules.url);
      if (site.respectRobots && rules.crawlDelayMs && rules.crawlDelayMs > cfg.delayMs) {
        warn(`robots.txt asks for a Crawl-delay of ${rules.crawlDelayMs / 1000} s; the crawl keeps crawl.delayMs (${cfg.delayMs} ms) and crawl.concurrencyPerHost (${cfg.concurrencyPerHost})`, rules.url);
      }
      robots.set(origin, rules);
    }
    return rules;
  }

  function disallowed(url: string): boolean {
    if (!site.respectRobots) return false;
    const rules = robots.get(originOf(url) ?? '');
    if (!rules || rules.isAllowed(url)) return false;
    if (summary.robotsDisallowed.length < MAX_LISTED) summary.robotsDisallowed.push(url);
    return true;
  }

  function register(ref: LinkRef, from: string, onHomepage: boolean, next: Set<string>): void {
    const url = ref.url;
    if (!isHttpUrl(url)) {
      const scheme = schemeOf(url);
      if (!scheme || IGNORED_SCHEMES.has(scheme)) return;
      index.add(url, 'other', false, { tag: ref.tag, from, onHomepage });
      return;
    }
    const internal = inScope(url);
    const kind: TargetKind = !internal ? 'external' : PAGE_TAGS.has(ref.tag) && !looksLikeFile(url) ? 'page' : 'resource';
    const entry = index.add(url, kind, internal, { tag: ref.tag, from, onHomepage });
    if (kind === 'page' && !seen.has(url)) next.add(entry.url);
  }

  /** Records a fetched page: artifact, its own target, soft-404 verdict, and the links it contributes. */
  function takePage(url: string, depth: number, r: FetchResult, next: Set<string>): PageArtifact {
    requests += r.requests ?? 0;
    if (depth === 0) {
      homeFinal = r.finalUrl;
      const finalHost = hostOf(r.finalUrl);
      if (finalHost && r.status !== null && r.status < 400) scope.add(finalHost);
    }
    // A configured column's page is a list whatever its count: one dated item is a list.
    const listMin = columnKeys.has(pageKey(url)) || columnKeys.has(pageKey(r.finalUrl)) ? 1 : undefined;
    const built = buildPage(r, { depth, fetchedAt: now().toISOString(), parse: inScope(r.finalUrl), keep, listMin });
    const { page } = built;
    if (r.finalUrl !== url) page.links.unshift({ url: r.finalUrl, tag: 'redirect' });
    const entry = index.add(url, 'page', true, {});
    const outcome: TargetOutcome = { method: 'CRAWL', status: r.status, finalUrl: r.finalUrl, redirects: r.redirects.length };
    if (r.error) outcome.error = r.error;
    if (r.errorMessage) outcome.errorMessage = r.errorMessage;
    const soft = built.parsed
      ? soft404Reason({ url, finalUrl: r.finalUrl, status: r.status, title: page.title, text: built.parsed.text }, profile, { url: homepage, finalUrl: homeFinal })
      : null;
    if (soft) {
      outcome.soft404 = true;
      outcome.soft404Reason = soft;
    }
    entry.outcome = outcome;
    if (r.finalUrl !== url && inScope(r.finalUrl)) {
      const prior = finalOf.get(r.finalUrl);
      if (!prior || compareUrls(url, prior.from) < 0) finalOf.set(r.finalUrl, { from: url, outcome: { ...outcome, redirects: 0 } });
    }
    event({ type: 'page', siteId: site.id, url, depth, status: r.status, error: r.error, timeMs: r.timeMs });
    if (built.parsed && !soft) for (const ref of page.links) if (ref.tag !== 'redirect') register(ref, url, depth === 0, next);
    if (!streaming) page.links = page.links.map(internRef);
    if (page.listItems) for (const item of page.listItems) if (item.url) item.url = index.get(item.url)?.url ?? item.url;
    return page;
  }

  /** Hands a finished page to the sink (streaming) or keeps it for the result. */
  async function keepPage(page: PageArtifact): Promise<void> {
    pageCount++;
    if (opts.onPage) return void (await opts.onPage(page));
    pages.push(page);
    pageAt.set(page.url, page);
    if (!pageAt.has(page.finalUrl)) pageAt.set(page.finalUrl, page);
  }

  /** The page a redirect stopped before (because the crawl fetches that page anyway), when `r` is such an answer. */
  function stoppedAt(r: FetchResult): string | null {
    if (r.status === null || r.status < 300 || r.status > 399 || !r.headers.location) return null;
    const to = normalizeUrl(r.headers.location, r.finalUrl);
    return to && fetchable.has(to) ? to : null;
  }

  /** At the end of a level: each stopped redirect takes the outcome of its page (stubs leading to stubs in order). */
  async function settleStubs(stubs: RedirectStub[]): Promise<void> {
    let open = [...stubs].sort((a, b) => compareUrls(a.url, b.url));
    while (open.length) {
      const waiting = new Set(open.map((s) => s.url));
      const ready = open.filter((s) => !waiting.has(s.to));
      // stubs that only lead to each other are a redirect loop
      for (const s of ready.length ? ready : open) {
        const page = takeStub(s, ready.length ? index.get(s.to)?.outcome ?? finalOf.get(s.to)?.outcome : 'loop');
        if (page) await keepPage(page);
      }
      open = ready.length ? open.filter((s) => !ready.includes(s)) : [];
    }
  }

  /** The page artifact and outcome of a redirect to a page crawled on its own: its answer, not a second request. */
  function takeStub(s: RedirectStub, target: TargetOutcome | 'loop' | undefined): PageArtifact | null {
    const { url, hop } = s;
    requests += hop.requests ?? 0;
    if (target === undefined) return null;
    const redirects = hop.redirects.length + 1;
    const outcome: TargetOutcome =
      target === 'loop'
        ? { method: 'CRAWL', status: null, error: 'redirect-loop', errorMessage: `redirect loop: ${url} → ${s.to}`, finalUrl: s.to, redirects }
        : { ...target, method: 'CRAWL', finalUrl: target.finalUrl ?? s.to, redirects: redirects + target.redirects };
    if (!outcome.soft404) {
      const soft = soft404Reason({ url, finalUrl: outcome.finalUrl!, status: outcome.status, title: null, text: '' }, profile, { url: homepage, finalUrl: homeFinal });
      if (soft) Object.assign(outcome, { soft404: true, soft404Reason: soft });
    }
    index.add(url, 'page', true, {}).outcome = outcome;
    const copy = pageAt.get(s.to);
    const page: PageArtifact = {
      ...(copy ?? { contentType: null, charset: null, bytes: 0, isHtml: false, title: null, meta: {}, links: [] }),
      url,
      finalUrl: outcome.finalUrl!,
      depth: s.depth,
      status: outcome.status,
      redirects: [...hop.redirects, hop.finalUrl, ...(copy?.url === s.to ? copy.redirects : [])],
      fetchedAt: now().toISOString(),
      timeMs: hop.timeMs,
      links: [{ url: s.to, tag: 'redirect' }, ...(copy?.links.filter((l) => l.tag !== 'redirect') ?? [])],
    };
    delete page.error;
    delete page.errorMessage;
    if (outcome.error) page.error = outcome.error;
    if (outcome.errorMessage) page.errorMessage = outcome.errorMessage;
    event({ type: 'page', siteId: site.id, url, depth: s.depth, status: outcome.status, error: outcome.error, timeMs: hop.timeMs });
    return page;
  }

  event({ type: 'site-start', siteId: site.id, homepage });
  const pagesAtOnce = Math.min(64, cfg.concurrencyPerHost * Math.max(1, scope.size + 1));
  try {
    // 1. robots.txt and the homepage
    const homeRobots = await robotsFor(homepage);
    if (aborted()) return finish('aborted');
    seen.add(homepage);
    if (disallowed(homepage)) {
      index.add(homepage, 'page', true, {}).outcome = { method: 'CRAWL', status: null, error: 'robots', redirects: 0, skipped: 'robots' };
      return finish('robots.txt disallows the homepage');
    }
    const next = new Set<string>();
    const home = takePage(homepage, 0, await fetcher.fetch(homepage, { signal, htmlOnly: true }), next);
    await keepPage(home);
    fetchable.add(homepage);
    for (const url of finalOf.keys()) fetchable.add(url);
    if (aborted()) return finish('aborted');
    if (home.status === null) return finish(`homepage unreachable: ${home.error ?? 'network'}${home.errorMessage ? ` (${home.errorMessage})` : ''}`);
    if (home.status >= 400) return finish(`homepage answered HTTP ${home.status}`);

    // 2. the site's answer for a page that does not exist
    // (a redirect to the homepage, a common answer for a missing page, stops there: its answer is known)
    const probe = await fetcher.fetch(notFoundProbeUrl(homepage, site.id), { signal, htmlOnly: true, stopBefore: (to) => fetchable.has(to) });
    requests += probe.requests ?? 0;
    const probeHtml = probe.status === 200 && probe.text !== undefined && isHtmlAnswer(probe.headers['content-type'] ?? null, probe.text);
    const probeLanding = stoppedAt(probe);
    profile = {
      status: probeLanding ? (index.get(probeLanding)?.outcome?.status ?? finalOf.get(probeLanding)?.outcome.status ?? null) : probe.status,
      finalUrl: probeLanding ? (index.get(probeLanding)?.outcome?.finalUrl ?? probeLanding) : probe.finalUrl,
      text: probeHtml ? normaliseForCompare(parseHtml(probe.text!, probe.finalUrl, { text: true }).text ?? '') : null,
    };

    // 3. sitemap seeds: URLs no link may lead to, crawled at depth 1 after the link-led crawl, budget permitting
    const sitemapPages: string[] = [];
    if (cfg.maxSitemaps > 0 && !aborted()) {
      const seeds = await collectSitemaps({
        fetcher: { ...fetcher, fetch: (url, o) => fetcher.fetch(url, { ...o, stopBefore: (to) => fetchable.has(to) }) },
        start: [...(homeRobots?.sitemaps ?? []), `${originOf(homepage)}/sitemap.xml`],
        maxFiles: cfg.maxSitemaps,
        maxUrls: Math.min(100_000, maxPages * 4),
        maxBytes: cfg.maxBodyBytes,
        accept: inScope,
        signal,
      });
      requests += seeds.requests;
      for (const w of seeds.warnings) warn(w);
      for (const [url, file] of seeds.urls) {
        const kind: TargetKind = looksLikeFile(url) ? 'resource' : 'page';
        index.add(url, kind, true, { from: file });
        if (kind === 'page') sitemapPages.push(url);
      }
    }

    // 4. breadth-first from the homepage's links, then from the sitemap URLs not reached that way
    await crawlLevels(next);
    if (!aborted()) await crawlLevels(new Set(sitemapPages.filter((u) => !seen.has(u))));
    if (aborted()) return finish('aborted');

    // 5. resources and external links
    await checkTargets();
    return finish(aborted() ? 'aborted' : undefined);
  } catch (err) {
    // a bug or an unforeseen input must cost this site's crawl, not the run
    return finish(`crawler error: ${(err as Error)?.message ?? String(err)}`);
  }

  /** Crawls level by level from `start` (depth 1), each level in URL order and fully fetched before the next. */
  async function crawlLevels(start: Set<string>): Promise<void> {
    let next = start;
    for (let depth = 1; next.size > 0; depth++) {
      if (aborted()) return;
      const level = [...next].filter((u) => !seen.has(u)).sort(compareUrls);
      next = new Set();
      if (depth > cfg.maxDepth) {
        for (const url of level) {
          const known = finalOf.get(url);
          const entry = index.get(url);
          if (known && entry) entry.outcome = { ...known.outcome };
          else {
            skip(entry, 'max-depth');
            summary.truncated = true;
          }
        }
        return;
      }
      if (site.respectRobots) for (const origin of [...new Set(level.map((u) => originOf(u) ?? ''))].sort()) if (origin) await robotsFor(`${origin}/`);
      const admitted: string[] = [];
      for (const url of level) {
        seen.add(url);
        const entry = index.get(url);
        if (disallowed(url)) {
          skip(entry, 'robots', 'robots');
          continue;
        }
        const trap = guard.admit(url);
        if (trap) {
          if (summary.trapsSkipped.length < MAX_LISTED) summary.trapsSkipped.push({ url, guard: trap });
          skip(entry, `trap: ${trap}`);
          continue;
        }
        const known = finalOf.get(url);
        if (known && entry) {
          entry.outcome = { ...known.outcome };
          continue;
        }
        if (pageCount + admitted.length >= maxPages) {
          summary.truncated = true;
          skip(entry, 'max-pages');
          continue;
        }
        admitted.push(url);
      }
      const levelNext = next;
      const stubs: RedirectStub[] = [];
      for (const url of admitted) fetchable.add(url);
      await forEachConcurrent(admitted, pagesAtOnce, async (url) => {
        if (aborted()) return;
        const r = await fetcher.fetch(url, { signal, htmlOnly: true, stopBefore: (to) => fetchable.has(to) });
        const to = stoppedAt(r);
        if (to) stubs.push({ url, depth, hop: r, to });
        else await keepPage(takePage(url, depth, r, levelNext));
      });
      for (const url of finalOf.keys()) fetchable.add(url);
      await settleStubs(stubs);
    }
  }

  function skip(entry: TargetEntry | undefined, reason: string, error?: 'robots'): void {
    if (!entry || entry.outcome) return;
    entry.outcome = skippedOutcome(entry, reason);
    if (error) entry.outcome.error = error;
  }

  async function checkTargets(): Promise<void> {
    const resources: TargetEntry[] = [];
    const externals: TargetEntry[] = [];
    for (const e of index.entries()) {
      if (e.outcome) continue;
      if (e.kind === 'other') e.outcome = { ...skippedOutcome(e, `${schemeOf(e.url) ?? 'this'} links are not checked`), error: 'unsupported-scheme' };
      else if (e.kind === 'resource') resources.push(e);
      else if (e.kind === 'external') externals.push(e);
    }
    resources.sort((a, b) => compareUrls(a.url, b.url));
    externals.sort((a, b) => compareUrls(a.url, b.url));
    if (site.respectRobots) for (const origin of [...new Set(resources.map((e) => originOf(e.url) ?? ''))].sort()) if (origin) await robotsFor(`${origin}/`);
    const toCheck: { entry: TargetEntry; external: boolean }[] = [];
    for (const e of resources) {
      if (disallowed(e.url)) skip(e, 'robots', 'robots');
      else toCheck.push({ entry: e, external: false });
    }
    externals.forEach((e, i) => {
      if (!cfg.checkExternal) skip(e, 'external links are not checked (crawl.checkExternal is false)');
      else if (i >= cfg.maxExternalLinks) skip(e, `over the limit of ${cfg.maxExternalLinks} external links per site (crawl.maxExternalLinks)`);
      else toCheck.push({ entry: e, external: true });
    });
    const cache = opts.externalCache ?? createExternalLinkCache();
    const check = async ({ entry, external }: (typeof toCheck)[number]) => {
      if (aborted()) return;
      let result: CheckedTarget;
      let cached = false;
      if (external) ({ result, cached } = await cache.get(entry.url, () => checkTarget(fetcher, entry.url, signal)));
      else result = await checkTarget(fetcher, entry.url, signal);
      requests += result.requests;
      const outcome: TargetOutcome = { method: result.method, status: result.status, finalUrl: result.finalUrl, redirects: result.redirects };
      if (result.error) outcome.error = result.error;
      if (result.errorMessage) outcome.errorMessage = result.errorMessage;
      entry.outcome = outcome;
      event({ type: 'link', siteId: site.id, url: entry.url, internal: entry.internal, method: result.method, status: result.status, error: result.error, cached: cached || undefined });
    };
    // each host its own workers (as many as it may serve at once), several hosts at a time: the site's own
    // resources and the external links progress together instead of the externals waiting at the end of one queue
    const byHost = new Map<string, (typeof toCheck)[number][]>();
    for (const item of toCheck) {
      const host = hostOf(item.entry.url) ?? '';
      let list = byHost.get(host);
      if (!list) byHost.set(host, (list = []));
      list.push(item);
    }
    await forEachConcurrent([...byHost.values()], HOSTS_AT_ONCE, (list) => forEachConcurrent(list, cfg.concurrencyPerHost, check));
  }
}

/** An outcome the links check reports (status 400 or more, no answer, a soft 404): its pages are listed even when streaming. */
function failed(o: TargetOutcome): boolean {
  return !o.skipped && (o.status === null || o.status >= 400 || o.error !== undefined || o.soft404 === true);
}

function skippedOutcome(e: TargetEntry, reason: string): TargetOutcome {
  return { method: e.kind === 'page' ? 'CRAWL' : 'HEAD', status: null, redirects: 0, skipped: reason };
}
