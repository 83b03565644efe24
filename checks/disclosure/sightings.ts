// Where a catalogue item shows up in a crawl: a healthy page whose title matches, or a link whose anchor text matches
// and whose target answered (an annual report is often a PDF linked from a list). Each sighting carries the best date
// known: the page's own date, else the date printed beside the link in its list.
import type { LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import { documentDateOf, type MetaIndex } from '../../util/document-meta.ts';
import { tidyTitle } from '../../util/docno.ts';
import { folderKey, indexPages, isHealthyHtml, pageKey } from '../../util/site-pages.ts';
import { soft404Verdict } from '../../util/soft404.ts';

/** One place an item was seen. */
export interface Sighting {
  /** The page or document. */
  url: string;
  /** The matching title (page title or anchor text), tidied and masked. */
  title: string;
  /** `YYYY-MM-DD`, or null when no date is known. */
  date: string | null;
  via: 'page' | 'link';
  /** For a link: the page it was found on. */
  foundOn?: string;
}

/** A link whose anchor matched but whose target does not answer. */
export interface BrokenSighting {
  url: string;
  title: string;
  foundOn: string;
  status: number | null;
  error?: string;
}

/** A crawl prepared for title lookups. */
export interface SiteTitles {
  pages: { page: PageArtifact; key: string; titles: string[]; date: string | null }[];
  links: { from: PageArtifact; fromKey: string; target: string; targetKey: string; text: string; listDate: string | null }[];
  pageByKey: Map<string, PageArtifact>;
  targetByKey: Map<string, LinkTarget>;
  metas?: MetaIndex;
}

/** Indexes the healthy pages' titles and dates and the anchor texts of their links. */
export function indexTitles(pages: readonly PageArtifact[], linkTargets: readonly LinkTarget[], metas?: MetaIndex): SiteTitles {
  const healthy = pages.filter(isHealthyHtml);
  const titles: SiteTitles['pages'] = healthy.map((page) => ({
    page,
    key: pageKey(page.finalUrl || page.url),
    titles: [...new Set([page.meta.articletitle, page.title].filter((t): t is string => typeof t === 'string' && t.trim() !== '').map(tidyTitle))],
    date: documentDateOf(page, metas)?.date ?? null,
  }));
  const links: SiteTitles['links'] = [];
  for (const from of healthy) {
    const dates = new Map((from.listItems ?? []).filter((i) => i.url && i.date).map((i) => [pageKey(i.url!), i.date!]));
    for (const l of from.links) {
      if (l.tag !== 'a' || !l.text || l.hidden) continue;
      const targetKey = pageKey(l.url);
      links.push({ from, fromKey: pageKey(from.finalUrl || from.url), target: l.url, targetKey, text: tidyTitle(l.text), listDate: dates.get(targetKey) ?? null });
    }
  }
  return {
    pages: titles,
    links,
    pageByKey: indexPages(pages),
    targetByKey: new Map(linkTargets.map((t) => [pageKey(t.url), t])),
    metas,
  };
}

/**
 * Every sighting of titles matching `pattern`, restricted to the folder of `where` when given (a page under it,
 * or a link on a page under it), plus matching links whose target is broken. Sorted by URL.
 */
export function findSightings(index: SiteTitles, pattern: RegExp, where?: string): { sightings: Sighting[]; broken: BrokenSighting[] } {
  const folder = where ? folderKey(where) : null;
  const inFolder = (key: string) => folder === null || key.startsWith(folder);
  const found = new Map<string, Sighting>();
  const broken: BrokenSighting[] = [];

  for (const p of index.pages) {
    if (!inFolder(p.key)) continue;
    const title = p.titles.find((t) => pattern.test(t));
    if (title) found.set(p.key, { url: p.page.finalUrl || p.page.url, title, date: p.date, via: 'page' });
  }
  for (const l of index.links) {
    if (!(inFolder(l.fromKey) || inFolder(l.targetKey)) || !pattern.test(l.text)) continue;
    const answer = targetAnswer(index, l.targetKey);
    if (answer === 'unknown') continue;
    if (answer !== 'ok') {
      broken.push({ url: l.target, title: l.text, foundOn: l.from.url, status: answer.status, ...(answer.error ? { error: answer.error } : {}) });
      continue;
    }
    const seen = found.get(l.targetKey);
    if (seen) {
      seen.date ??= l.listDate;
      continue;
    }
    const page = index.pageByKey.get(l.targetKey);
    const date = (page && isHealthyHtml(page) ? documentDateOf(page, index.metas)?.date : undefined) ?? l.listDate;
    found.set(l.targetKey, { url: l.target, title: l.text, date, via: 'link', foundOn: l.from.url });
  }
  const byUrl = (a: { url: string }, b: { url: string }) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);
  const uniqueBroken = [...new Map(broken.map((b) => [b.url, b])).values()];
  return { sightings: [...found.values()].sort(byUrl), broken: uniqueBroken.sort(byUrl) };
}

type Answer = 'ok' | 'unknown' | { status: number | null; error?: string };

/** Whether a link's target answered: from the crawl's page, else the link check's result. */
function targetAnswer(index: SiteTitles, key: string): Answer {
  const target = index.targetByKey.get(key);
  const checked = target && !target.skipped ? target : undefined;
  const page = index.pageByKey.get(key);
  const answer = checked ?? page;
  if (!answer) return 'unknown';
  const ok = !answer.error && !soft404Verdict(checked?.soft404Signals) && answer.status !== null && answer.status >= 200 && answer.status < 300;
  return ok ? 'ok' : { status: answer.status, ...(answer.error ? { error: answer.error } : {}) };
}
