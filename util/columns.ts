// A configured column as the crawl saw it: its list page and the items listed there, each with the best date
// known (printed beside the item, else the article's own date, else the date in a TRS-style URL).
import type { LinkRef, ListItem, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { RenderedList } from '../contract/artifacts/rendered-lists.ts';
import type { ListPagesArtifact } from '../contract/artifacts/list-pages.ts';
import type { ColumnConfig } from '../contract/column.ts';
import { extractPageDate } from './dates.ts';
import { documentDateOf, type MetaIndex } from './document-meta.ts';
import { tidyTitle } from './docno.ts';
import { folderKey, isHealthyHtml, pageKey } from './site-pages.ts';

/** Where an item's date came from. */
export type ItemDateSource = 'list' | 'page' | 'url';

export interface ColumnItem {
  title: string;
  url: string | null;
  /** `YYYY-MM-DD`, or null when no date is known. */
  date: string | null;
  dateSource: ItemDateSource | null;
}

export interface ColumnView {
  column: ColumnConfig;
  /** The column's list page; null when the crawl did not reach it. */
  page: PageArtifact | null;
  items: ColumnItem[];
  /** No item in the raw HTML but the page runs scripts: the list may be filled in by script. */
  scriptFilled: boolean;
  /** No item in the raw HTML: only the browser's rendering can say the column is empty. */
  emptyRaw: boolean;
  /** The items come from the page as rendered in the browser. */
  rendered: boolean;
}

/** What a list is read from: the crawled page, or the same page rendered in the browser. */
type ListSource = { finalUrl: string; listItems?: ListItem[]; links: LinkRef[] };

const PAGINATION = /\/index_\d+\.s?html?$/i;
const MAX_ITEMS = 500;

/**
 * Reads one column from the crawled pages (`index` from indexPages), with the items of its further list pages
 * (`further`, TRS script pagination) after the first page's. When the raw list is empty and `rendered` (the page as
 * the browser rendered it) is given without error, the items come from it.
 * Pure; never throws on odd pages.
 */
export function readColumn(column: ColumnConfig, index: Map<string, PageArtifact>, rendered?: RenderedList, metas?: MetaIndex, further?: ListPagesArtifact): ColumnView {
  const page = index.get(pageKey(column.url)) ?? null;
  if (!page || !isHealthyHtml(page)) return { column, page, items: [], scriptFilled: false, emptyRaw: false, rendered: false };
  const more = (further?.pages ?? []).filter((p) => pageKey(p.column) === pageKey(column.url)).flatMap((p) => p.listItems);
  const items = itemsOf(page, column, index, metas);
  if (items.length && more.length) items.push(...fromListItems({ finalUrl: page.finalUrl, listItems: more, links: [] }, index, metas));
  const emptyRaw = items.length === 0;
  const scriptFilled = emptyRaw && hasScript(page);
  if (emptyRaw && rendered && !rendered.error) {
    const source = { finalUrl: rendered.finalUrl ?? page.finalUrl, listItems: rendered.listItems, links: rendered.links };
    return { column, page, items: itemsOf(source, column, index, metas).slice(0, MAX_ITEMS), scriptFilled, emptyRaw, rendered: true };
  }
  return { column, page, items: items.slice(0, MAX_ITEMS), scriptFilled, emptyRaw, rendered: false };
}

function itemsOf(source: ListSource, column: ColumnConfig, index: Map<string, PageArtifact>, metas?: MetaIndex): ColumnItem[] {
  return source.listItems?.length ? fromListItems(source, index, metas) : fromLinks(source, column, index, metas);
}

function fromListItems(page: ListSource, index: Map<string, PageArtifact>, metas?: MetaIndex): ColumnItem[] {
  return (page.listItems ?? []).map((li) => {
    if (li.date) return { title: tidyTitle(li.title), url: li.url, date: li.date, dateSource: 'list' };
    const dated = li.url ? dateOf(li.url, index, metas) : null;
    return { title: tidyTitle(li.title), url: li.url, date: dated?.date ?? null, dateSource: dated?.source ?? null };
  });
}

/** Without dated rows in the list: the article links that lead below the column's folder. */
function fromLinks(page: ListSource, column: ColumnConfig, index: Map<string, PageArtifact>, metas?: MetaIndex): ColumnItem[] {
  const folder = folderKey(column.url);
  const own = pageKey(column.url);
  const seen = new Set<string>([own, pageKey(page.finalUrl)]);
  const items: ColumnItem[] = [];
  for (const link of page.links) {
    if (link.tag !== 'a' || link.hidden || !/^https?:/i.test(link.url)) continue;
    const key = pageKey(link.url);
    if (seen.has(key) || !key.startsWith(folder) || PAGINATION.test(key.split(/[?#]/)[0])) continue;
    seen.add(key);
    const target = index.get(key);
    if (target?.listItems?.length) continue;
    const dated = dateOf(link.url, index, metas);
    items.push({ title: tidyTitle(link.text ?? target?.title ?? ''), url: link.url, date: dated?.date ?? null, dateSource: dated?.source ?? null });
  }
  return items;
}

/** The date of an article: its crawled page's own date (its document metadata), else the date in its URL. */
export function dateOf(url: string, index: Map<string, PageArtifact>, metas?: MetaIndex): { date: string; source: ItemDateSource } | null {
  const target = index.get(pageKey(url));
  if (target && isHealthyHtml(target)) {
    const d = documentDateOf(target, metas);
    if (d) return { date: d.date, source: d.source === 'url' ? 'url' : 'page' };
  }
  const d = extractPageDate({ url, meta: {} });
  return d ? { date: d.date, source: 'url' } : null;
}

function hasScript(page: PageArtifact): boolean {
  if (page.links.some((l) => l.tag === 'script')) return true;
  return typeof page.html === 'string' && /<script\b/i.test(page.html);
}
