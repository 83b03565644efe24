// The site-search gatherer (runs after the crawl): finds the search form on the homepage (or on a search page the
// homepage links to), picks the newest dated article of the crawl's list pages (not after the audit's day), submits
// its title and records whether the result page links to the article. One GET, the same fetcher as the crawl.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import { localDate } from '../calendar/timezone.ts';
import type { Fetcher } from './fetcher.ts';
import type { Gatherer } from './gatherer.ts';
import { parseHtml } from './html.ts';
import { isHtmlAnswer } from './page.ts';
import type { SearchArtifact, SearchAttempt, SearchTarget } from '../contract/artifacts/search.ts';
import { findSearchForm, type FoundSearchForm } from './search-form.ts';
import { hostOf, normalizeUrl } from './url.ts';

const SEARCH_LINK = /搜索|检索/;
const MAX_QUERY = 50;
const MAX_RESULT_LINKS = 200;
const INDEX_FILE = /\/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$/i;

/** Why no search was tried (zh-CN, shown on the scorecard). */
export const searchSkipReasons = {
  post: '搜索表单以POST方式提交',
  scripted: '搜索框由脚本提交，没有可直接提交的表单',
  noArticle: '抓取结果中没有带日期的文章可供搜索',
  noCrawl: (why: string) => `未抓取网站（${why}）`,
};

export const searchGatherer: Gatherer = {
  id: 'search',
  produces: ['search'],
  after: ['crawl'],
  async gather(ctx, artifacts) {
    const homepage = normalizeUrl(ctx.site.homepage) ?? ctx.site.homepage;
    const pages = artifacts.pages;
    const result: SearchArtifact = { homepage, lookedAt: [], form: null, target: null, attempt: null };
    artifacts.search = result;
    if (!pages) {
      result.skipped = searchSkipReasons.noCrawl(artifacts.unavailable.pages ?? 'the crawl did not run');
      return;
    }
    const home = pages.find((p) => p.url === homepage) ?? pages.find((p) => p.depth === 0);
    const form = await locateForm(ctx.fetcher, home, pages, homepage, result.lookedAt, ctx.signal);
    if (!form) return;
    const { scripted: _s, ...plain } = form;
    result.form = plain;
    result.target = recentArticle(pages, homepage, localDate(ctx.now, ctx.config.timezone));
    if (form.scripted) result.skipped = searchSkipReasons.scripted;
    else if (form.method === 'post') result.skipped = searchSkipReasons.post;
    else if (!result.target) result.skipped = searchSkipReasons.noArticle;
    else result.attempt = await runSearch(ctx.fetcher, form, result.target, ctx.signal);
  },
};

async function locateForm(fetcher: Fetcher, home: PageArtifact | undefined, pages: PageArtifact[], homepage: string, lookedAt: string[], signal?: AbortSignal): Promise<FoundSearchForm | null> {
  const url = home?.finalUrl ?? homepage;
  const html = home?.html ?? (await htmlOf(fetcher, url, signal));
  lookedAt.push(url);
  const onHome = html ? findSearchForm(html, url) : null;
  if (onHome) return onHome;
  const host = hostOf(url);
  const searchPages = [...new Set((home?.links ?? []).filter((l) => l.tag === 'a' && hostOf(l.url) === host && SEARCH_LINK.test(l.text ?? '')).map((l) => l.url))].slice(0, 2);
  for (const p of searchPages) {
    const crawled = pages.find((x) => x.url === p);
    const body = crawled?.html ?? (await htmlOf(fetcher, p, signal));
    lookedAt.push(p);
    const found = body ? findSearchForm(body, crawled?.finalUrl ?? p) : null;
    if (found) return found;
  }
  return null;
}

async function htmlOf(fetcher: Fetcher, url: string, signal?: AbortSignal): Promise<string | null> {
  const r = await fetcher.fetch(url, { htmlOnly: true, signal });
  return r.status !== null && r.status < 300 && r.text !== undefined && isHtmlAnswer(r.headers['content-type'] ?? null, r.text) ? r.text : null;
}

/** The newest dated list item of the site (not after `today`), crawled if possible; its ArticleTitle when the page has one. */
export function recentArticle(pages: PageArtifact[], homepage: string, today: string): SearchTarget | null {
  const host = hostOf(homepage);
  const byKey = new Map<string, PageArtifact>();
  for (const p of pages) for (const u of [p.url, p.finalUrl]) if (!byKey.has(keyOf(u))) byKey.set(keyOf(u), p);
  const items = pages
    .flatMap((p) => p.listItems ?? [])
    .filter((i) => i.url && i.date && i.date <= today && hostOf(i.url) === host && keyOf(i.url) !== keyOf(homepage))
    .sort((a, b) => b.date!.localeCompare(a.date!) || a.url!.localeCompare(b.url!));
  const ok = (p: PageArtifact | undefined) => p?.isHtml && p.status !== null && p.status >= 200 && p.status < 300;
  const item = items.find((i) => ok(byKey.get(keyOf(i.url!)))) ?? items[0];
  if (!item) return null;
  const page = byKey.get(keyOf(item.url!));
  const meta = page?.meta.articletitle?.trim();
  return { title: (meta || item.title.replace(/(?:\.{3}|…+)$/, '').trim()).slice(0, MAX_QUERY), url: item.url!, date: item.date, source: meta ? 'meta' : 'list' };
}

async function runSearch(fetcher: Fetcher, form: FoundSearchForm, target: SearchTarget, signal?: AbortSignal): Promise<SearchAttempt> {
  const u = new URL(form.action);
  for (const [k, v] of Object.entries(form.fixed)) u.searchParams.set(k, v);
  u.searchParams.set(form.field, target.title);
  const requestUrl = u.href;
  const r = await fetcher.fetch(requestUrl, { htmlOnly: true, signal });
  const attempt: SearchAttempt = { query: target.title, requestUrl, status: r.status, finalUrl: r.status === null ? null : r.finalUrl, resultLinks: [], linksToTarget: false };
  if (r.error) attempt.error = r.errorMessage ? `${r.error}: ${r.errorMessage}` : r.error;
  if (r.status === null || r.text === undefined || !isHtmlAnswer(r.headers['content-type'] ?? null, r.text)) return attempt;
  const links = [...new Set(parseHtml(r.text, r.finalUrl).links.filter((l) => l.tag === 'a' && /^https?:/.test(l.url)).map((l) => l.url))];
  const want = keyOf(target.url);
  attempt.resultLinks = links.slice(0, MAX_RESULT_LINKS);
  attempt.linksToTarget = links.some((l) => keyOf(l) === want);
  return attempt;
}

/** One spelling per page: normalised, an index file the same as its folder. */
function keyOf(url: string): string {
  return (normalizeUrl(url) ?? url).replace(INDEX_FILE, '/');
}
