// The list-pages gatherer: a configured column whose first page names its further pages — in script (TRS
// `createPageHTML(total, current, 'index', 'html')`) or in a static pager's 下一页/尾页 links (开普云 `list_2.shtml`,
// 南威 `index.htm?pageIndex=2`) — and is not enough to judge — a policy or interpretation column,
// whose every document is judged, or a first page without a dated item — has up to MAX_FURTHER_PAGES more pages
// fetched and read with the crawl's list reader. One failing page is recorded with its reason; the rest go on.
import type { Gatherer } from './gatherer.ts';
import type { ListPage } from '../contract/artifacts/list-pages.ts';
import type { ColumnKind } from '../contract/column.ts';
import { parseHtml } from './html.ts';
import { listPagination } from './lists/extract.ts';
import { indexPages, isHealthyHtml, pageKey } from '../util/site-pages.ts';

/** Further pages fetched per column at most. */
export const MAX_FURTHER_PAGES = 4;
/** Column kinds whose every listed document is judged (interpretation pairing). */
const WHOLE_LIST: ColumnKind[] = ['policy', 'interpretation'];

export const listPagesGatherer: Gatherer = {
  id: 'list-pages',
  produces: ['listPages'],
  after: ['crawl'],
  async gather(ctx, artifacts) {
    const pages: ListPage[] = [];
    const index = indexPages(artifacts.pages ?? []);
    const known = new Set(index.keys());
    for (const column of ctx.site.columns) {
      const first = index.get(pageKey(column.url));
      if (!first || !isHealthyHtml(first) || typeof first.html !== 'string') continue;
      const paging = listPagination(first.html, first.finalUrl);
      if (!paging || paging.next.length === 0) continue;
      const dated = (first.listItems ?? []).some((i) => i.date);
      if (dated && !WHOLE_LIST.includes(column.kind)) continue;
      for (const url of paging.next.slice(0, MAX_FURTHER_PAGES)) {
        if (ctx.signal?.aborted) break;
        const crawled = known.has(pageKey(url)) ? index.get(pageKey(url)) : undefined;
        if (crawled && isHealthyHtml(crawled) && (typeof crawled.html === 'string' || crawled.listItems?.length)) {
          // The crawl read it as any page (three dated rows make a list); as a column's page one item is a list.
          const items = typeof crawled.html === 'string' ? (parseHtml(crawled.html, crawled.finalUrl, { listMin: 1 }).listItems ?? []) : (crawled.listItems ?? []);
          pages.push({ column: column.url, url, status: crawled.status, listItems: items });
          continue;
        }
        const r = await ctx.fetcher.fetch(url, { htmlOnly: true, signal: ctx.signal });
        if (r.status === null || r.status >= 400 || r.text === undefined) {
          pages.push({ column: column.url, url, status: r.status, listItems: [], error: r.status !== null ? `HTTP ${r.status}` : (r.errorMessage ?? r.error ?? 'no answer') });
          continue;
        }
        pages.push({ column: column.url, url, status: r.status, listItems: parseHtml(r.text, r.finalUrl, { listMin: 1 }).listItems ?? [] });
      }
    }
    artifacts.listPages = { pages };
  },
};
