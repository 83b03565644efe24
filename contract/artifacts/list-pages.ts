// The `listPages` artifact (crawler/gather-list-pages.ts): further pages of configured columns whose first page is
// paginated by script (TRS `createPageHTML(total, current, 'index', 'html')`), fetched when the first page is not
// enough to judge (policy and interpretation columns, whose every document is judged; a first page without a dated
// item). Plain data.
import type { ListItem } from './crawl.ts';

export interface ListPage {
  /** The configured column's URL. */
  column: string;
  /** The further page's URL (index_1.html …). */
  url: string;
  status: number | null;
  /** Its dated rows (same reader as the crawl's, crawler/lists/extract.ts). */
  listItems: ListItem[];
  /** Why it gave nothing (HTTP status, network error). */
  error?: string;
}

export interface ListPagesArtifact {
  /** In column order, then page order. */
  pages: ListPage[];
}
