// Crawls one site: robots.txt, the homepage, the site's not-found answer, sitemap seeds, then breadth-first by
// depth (each level in URL order, fully fetched before the next, so what is crawled never depends on timing),
// then checks the resources and external links found. One failing site ends with `crawl.fatal`; it never throws.
// The parts live in crawl/: the frontier (what is fetched next), redirect handling, the robots gate, the target
// checker and the summary; this file runs them in order and turns each answer into a page and a target outcome.
import type { CappedBody, CrawlSummary, LinkRef, LinkTag, LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { forEachConcurrent } from './concurrent.ts';
import { createFrontier } from './crawl/frontier.ts';
import { createRedirectEnds, settleStubs, stoppedAt, stubOutcome, stubPage, type RedirectStub } from './crawl/redirects.ts';
import { createRefInterner } from './crawl/refs.ts';
import { createRobotsGate } from './crawl/robots-gate.ts';
import { closeSummary, compareUrls, settleUnreached, skip, startSummary, noteTrap } from './crawl/summary.ts';
import { checkOpenTargets } from './crawl/target-checker.ts';
import { emit, type CrawlEvent } from './events.ts';
import type { FetchOptions, FetchResult, Fetcher } from './fetcher.ts';
import { parseHtml } from './html.ts';
import { createLinkIndex, type TargetKind, type TargetOutcome } from './linkindex.ts';
import { buildPage, isHtmlAnswer } from './page.ts';
import { pageKey } from '../util/site-pages.ts';
import { collectSitemaps } from './sitemap.ts';
import { normaliseForCompare, notFoundProbeUrl, soft404Signals, type NotFoundProfile } from './soft404.ts';
import type { ExternalLinkCache } from './targets.ts';
import type { IncrementalCache } from './incremental.ts';
import { soft404Verdict } from '../util/soft404.ts';
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
   * This site's answers of earlier nights (crawler/incremental.ts): pages are asked for conditionally and a 304 is
   * rebuilt from the stored answer; healthy link targets checked recently are not checked again. The caller flushes it.
   */
  incremental?: IncrementalCache;
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

/** References that lead to another page of the site (crawled); everything else is a resource (checked). */
const PAGE_TAGS = new Set<LinkTag>(['a', 'area', 'iframe', 'frame', 'meta-refresh']);

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
  const frontier = createFrontier({ maxPages, maxDepth: cfg.maxDepth, maxQueryVariantsPerPath: cfg.maxQueryVariantsPerPath });
  const { seen, fetchable } = frontier;
  /** Final URL of a redirected page → the page that reached it, and its outcome (reused instead of refetching). */
  const redirectEnds = createRedirectEnds();
  const summary = startSummary({ homepage, maxPages, maxDepth: cfg.maxDepth, robotsRespected: site.respectRobots, startedAt: now().toISOString() });
  let requests = 0;
  /** Pages whose body passed crawl.maxBodyBytes: read in part. */
  const capped: CappedBody[] = [];
  let homeFinal = homepage;
  let profile: NotFoundProfile | null = null;
  const internRef = createRefInterner(index);
  const event = (e: CrawlEvent) => emit(opts.onEvent, e);
  const warn = (message: string, url?: string) => event({ type: 'warning', siteId: site.id, url, message });
  const aborted = () => signal?.aborted === true;
  /** A page of the site: conditionally when an earlier night's answer is kept (the same FetchResult either way). */
  const fetchPage = (url: string, fo: FetchOptions): Promise<FetchResult> => (opts.incremental ? opts.incremental.fetchPage(fetcher, url, fo) : fetcher.fetch(url, fo));
  const robots = createRobotsGate({
    fetcher,
    respect: site.respectRobots,
    summary,
    delayMs: cfg.delayMs,
    concurrencyPerHost: cfg.concurrencyPerHost,
    signal,
    spent: (n) => {
      requests += n;
    },
    warn,
  });

  const finish = (fatal?: string): CrawlResult => {
    settleUnreached(index, fatal);
    pages.sort((a, b) => a.depth - b.depth || compareUrls(a.url, b.url));
    closeSummary(summary, { pagesCrawled: pageCount, requests, finishedAt: now().toISOString(), fatal });
    const linkTargets = index.toTargets(streaming ? { foundOnWhen: notPlainAnswer } : {});
    if (capped.length) summary.capped = listCapped(capped, linkTargets);
    event({ type: 'site-done', siteId: site.id, pages: pageCount, linkTargets: linkTargets.length, requests, fatal });
    return { pages, linkTargets, crawl: summary };
  };

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

  /** Records a fetched page: artifact, its own target (with its soft-404 signals), and the links it contributes. */
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
    if (page.capped) capped.push({ url, ...page.capped, setting: 'crawl.maxBodyBytes' });
    if (r.finalUrl !== url) page.links.unshift({ url: r.finalUrl, tag: 'redirect' });
    const entry = index.add(url, 'page', true, {});
    const outcome: TargetOutcome = { method: 'CRAWL', status: r.status, finalUrl: r.finalUrl, redirects: r.redirects.length };
    if (r.error) outcome.error = r.error;
    if (r.errorMessage) outcome.errorMessage = r.errorMessage;
    if (r.rateLimited) outcome.rateLimited = r.rateLimited;
    const signals = built.parsed
      ? soft404Signals({ url, finalUrl: r.finalUrl, status: r.status, title: page.title, text: built.parsed.text }, profile, { url: homepage, finalUrl: homeFinal })
      : undefined;
    if (signals) outcome.soft404Signals = signals;
    entry.outcome = outcome;
    if (r.finalUrl !== url && inScope(r.finalUrl)) redirectEnds.remember(url, r.finalUrl, outcome);
    event({ type: 'page', siteId: site.id, url, depth, status: r.status, error: r.error, timeMs: r.timeMs });
    // a page that looks like the site's not-found page is not a page of the site: its links are not followed
    if (built.parsed && !soft404Verdict(signals)) for (const ref of page.links) if (ref.tag !== 'redirect') register(ref, url, depth === 0, next);
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

  /** The page artifact and outcome of a redirect to a page crawled on its own: its answer, not a second request. */
  async function takeStub(s: RedirectStub, loop: boolean): Promise<void> {
    requests += s.hop.requests ?? 0;
    const target = loop ? 'loop' : (index.get(s.to)?.outcome ?? redirectEnds.outcomeAt(s.to));
    if (target === undefined) return;
    const outcome = stubOutcome(s, target);
    if (!outcome.soft404Signals) {
      const signals = soft404Signals({ url: s.url, finalUrl: outcome.finalUrl!, status: outcome.status, title: null, text: '' }, profile, { url: homepage, finalUrl: homeFinal });
      if (signals) outcome.soft404Signals = signals;
    }
    index.add(s.url, 'page', true, {}).outcome = outcome;
    const page = stubPage(s, outcome, pageAt.get(s.to), now().toISOString());
    event({ type: 'page', siteId: site.id, url: s.url, depth: s.depth, status: outcome.status, error: outcome.error, timeMs: s.hop.timeMs });
    await keepPage(page);
  }

  event({ type: 'site-start', siteId: site.id, homepage });
  const pagesAtOnce = Math.min(64, cfg.concurrencyPerHost * Math.max(1, scope.size + 1));
  try {
    // 1. robots.txt and the homepage
    const homeRobots = await robots.rulesFor(homepage);
    if (aborted()) return finish('aborted');
    seen.add(homepage);
    if (robots.disallowed(homepage)) {
      index.add(homepage, 'page', true, {}).outcome = { method: 'CRAWL', status: null, error: 'robots', redirects: 0, skipped: 'robots' };
      return finish('robots.txt disallows the homepage');
    }
    const next = new Set<string>();
    const home = takePage(homepage, 0, await fetchPage(homepage, { signal, htmlOnly: true }), next);
    await keepPage(home);
    fetchable.add(homepage);
    for (const url of redirectEnds.ends()) fetchable.add(url);
    if (aborted()) return finish('aborted');
    if (home.status === null) return finish(`homepage unreachable: ${home.error ?? 'network'}${home.errorMessage ? ` (${home.errorMessage})` : ''}`);
    if (home.status >= 400) return finish(`homepage answered HTTP ${home.status}`);

    // 2. the site's answer for a page that does not exist
    // (a redirect to the homepage, a common answer for a missing page, stops there: its answer is known)
    const probe = await fetcher.fetch(notFoundProbeUrl(homepage, site.id), { signal, htmlOnly: true, stopBefore: (to) => fetchable.has(to) });
    requests += probe.requests ?? 0;
    const probeHtml = probe.status === 200 && probe.text !== undefined && isHtmlAnswer(probe.headers['content-type'] ?? null, probe.text);
    const probeLanding = stoppedAt(probe, fetchable);
    profile = {
      status: probeLanding ? (index.get(probeLanding)?.outcome?.status ?? redirectEnds.outcomeAt(probeLanding)?.status ?? null) : probe.status,
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
    await checkOpenTargets({
      index,
      fetcher,
      cfg,
      robots,
      cache: opts.externalCache,
      reuse: opts.incremental,
      signal,
      onChecked(entry, result, cached) {
        requests += result.requests;
        event({ type: 'link', siteId: site.id, url: entry.url, internal: entry.internal, method: result.method, status: result.status, error: result.error, cached: cached || undefined });
      },
    });
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
      const level = frontier.level(next);
      next = new Set();
      if (depth <= cfg.maxDepth) await robots.loadFor(level);
      const admitted: string[] = [];
      for (const a of frontier.admit(level, depth, { disallowed: robots.disallowed, known: (url) => !!redirectEnds.outcomeAt(url) && !!index.get(url), pagesKept: pageCount })) {
        const entry = index.get(a.url);
        if (a.verdict === 'fetch') admitted.push(a.url);
        else if (a.verdict === 'known') {
          if (entry) entry.outcome = { ...redirectEnds.outcomeAt(a.url)! };
        } else {
          if (a.truncates) summary.truncated = true;
          if (a.trap) noteTrap(summary, a.url, a.trap);
          skip(entry, a.reason, a.robots ? 'robots' : undefined);
        }
      }
      if (depth > cfg.maxDepth) return;
      const levelNext = next;
      const stubs: RedirectStub[] = [];
      await forEachConcurrent(admitted, pagesAtOnce, async (url) => {
        if (aborted()) return;
        const r = await fetchPage(url, { signal, htmlOnly: true, stopBefore: (to) => fetchable.has(to) });
        const to = stoppedAt(r, fetchable);
        if (to) stubs.push({ url, depth, hop: r, to });
        else await keepPage(takePage(url, depth, r, levelNext));
      });
      for (const url of redirectEnds.ends()) fetchable.add(url);
      await settleStubs(stubs, takeStub);
    }
  }
}

/** Pages found on per capped body, at most. */
const MAX_FOUND_ON = 20;

/** The capped bodies in URL order, each with the pages that link to it (when the crawl kept them). */
function listCapped(capped: CappedBody[], targets: readonly LinkTarget[]): CappedBody[] {
  const byUrl = new Map(targets.map((t) => [t.url, t]));
  return [...capped]
    .sort((a, b) => compareUrls(a.url, b.url))
    .map((c) => {
      const on = byUrl.get(c.url)?.foundOn ?? [];
      return on.length ? { ...c, foundOn: on.slice(0, MAX_FOUND_ON) } : c;
    });
}

/**
 * Anything but a plain answer (status 400 or more, no answer, an error, a rate limit, soft-404 signals): every
 * target the links check may report is among these, so their pages are listed even when streaming. A fact of the
 * fetch, not a verdict.
 */
function notPlainAnswer(o: TargetOutcome): boolean {
  return !o.skipped && (o.status === null || o.status >= 400 || o.error !== undefined || o.soft404Signals !== undefined || o.rateLimited !== undefined);
}
