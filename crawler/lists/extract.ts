// The items of a list page as CMS templates write them: rows in ul/li, tables and div rows, each a link with a date
// beside it (2026年11月9日, 2026-11-09, 2026.11.09, 2026/11/09, or a month-day like [11-09] whose year comes from the
// item's URL); JCMS (大汉) lists kept in `<script type="text/xml"><datastore>…<record><![CDATA[…]]></record>` read from
// the raw HTML; and TRS `createPageHTML(total, current, 'index', 'html')` pagination named so the next pages can be
// fetched. Pure and bounded.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { ListItem } from '../../contract/artifacts/crawl.ts';
import { findDates } from '../../util/dates.ts';
import { isRealDate, formatIsoDate } from '../../util/civil-date.ts';
import { toHalfWidth } from '../../util/width.ts';
import { normalizeUrl } from '../url.ts';

/** Elements that may hold one list row. */
const ROW_TAGS = new Set(['li', 'tr', 'div', 'dd', 'dt', 'p', 'dl', 'section', 'article', 'h3', 'h4']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'select', 'option', 'textarea']);
/** Rows examined per page at most: a column page lists tens, not tens of thousands. */
const MAX_ROWS = 5_000;
const MAX_NODES = 300_000;
const MAX_TITLE = 500;
const MAX_RECORDS = 2_000;

export interface ListOptions {
  /** Fewest dated rows that make a list (3 for any page; 1 for a configured column's page). */
  minItems?: number;
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

function textOf(node: AnyNode, limit: number, exclude?: Element): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length && out.length < limit * 2) {
    const n = stack.pop()!;
    if (n === exclude) {
      out += ' ';
      continue;
    }
    if (isText(n)) out += n.data;
    else if (isTag(n) && !SKIP.has(n.name)) {
      out += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return collapse(out).slice(0, limit);
}

function isContentLink(el: Element): boolean {
  return el.name === 'a' && typeof el.attribs.href === 'string' && !/^\s*(#|javascript:|mailto:|tel:)/i.test(el.attribs.href) && el.attribs.href.trim() !== '';
}

/**
 * Year from a URL: TRS `/t20261109_1.htm`, folders `/202611/`, Hanweb `/art/2026/11/9/`, Linewell (南威) day folders
 * `/2026-11-18/`.
 */
export function yearOfUrl(url: string): number | null {
  const m =
    /\/t((?:19|20)\d{2})\d{4}_\d+/.exec(url) ??
    /\/art\/((?:19|20)\d{2})\/\d{1,2}\//.exec(url) ??
    /\/((?:19|20)\d{2})(?:0[1-9]|1[0-2])(?:\d{2})?\//.exec(url) ??
    /\/((?:19|20)\d{2})[-_/](?:0?[1-9]|1[0-2])\//.exec(url) ??
    /\/((?:19|20)\d{2})-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\//.exec(url);
  return m ? Number(m[1]) : null;
}

const MONTH_DAY_RE = /(?<![\d:年/.-])(\d{1,2})\s{0,2}(?:[-/.]|月)\s{0,2}(\d{1,2})\s{0,2}日?(?![\d:])/;

/** The date written beside a link: a full date, else a month-day with the year from the item's URL. */
export function dateBeside(text: string, itemUrl: string | null): string | null {
  const full = findDates(text)[0];
  if (full) return full.date;
  const m = MONTH_DAY_RE.exec(toHalfWidth(text));
  if (!m || !itemUrl) return null;
  const year = yearOfUrl(itemUrl);
  const [month, day] = [Number(m[1]), Number(m[2])];
  if (!year || !isRealDate(year, month, day)) return null;
  return formatIsoDate(year, month, day);
}

/** One row's item: its first content link and the date beside it (or at the end of the link's own text). */
function rowItem(row: Element, base: string): ListItem | null {
  const link = firstLink(row);
  if (!link) return null;
  const url = normalizeUrl(link.attribs.href.trim(), base);
  if (!url || !/^https?:/.test(url)) return null;
  const anchorText = textOf(link, MAX_TITLE);
  const attrTitle = collapse(link.attribs.title ?? '');
  const title = attrTitle.length > anchorText.length ? attrTitle : anchorText;
  if (!title) return null;
  const date = dateBeside(textOf(row, 1000, link), url) ?? findDates(anchorText).at(-1)?.date ?? null;
  if (!date) return null;
  return { title, url, date };
}

function firstLink(row: Element): Element | null {
  const stack: AnyNode[] = [row];
  for (let steps = 0; stack.length && steps < 500; steps++) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (isContentLink(n)) return n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return null;
}

/** Nodes a row may hold at most: a list row is a link, a date and a few wrappers, not a page section. */
const MAX_ROW_NODES = 300;

/**
 * The dated rows of a parsed document (or fragment): the innermost row elements (li, tr, div, dd, p, …) that hold
 * exactly one content link and a date beside it, in document order. One post-order pass counts each element's links
 * and nodes, so deep or huge pages cost linear time.
 */
export function rowsOf(root: AnyNode[], base: string): ListItem[] {
  const links = new Map<Element, number>();
  const size = new Map<Element, number>();
  const order: Element[] = [];
  type Frame = { node: AnyNode; exit: boolean };
  const stack: Frame[] = [...root].reverse().map((node) => ({ node, exit: false }));
  for (let steps = 0; stack.length && steps < MAX_NODES; steps++) {
    const { node, exit } = stack.pop()!;
    if (!isTag(node) || SKIP.has(node.name)) continue;
    if (!exit) {
      stack.push({ node, exit: true });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], exit: false });
      if (ROW_TAGS.has(node.name) && order.length < MAX_ROWS) order.push(node);
      continue;
    }
    let l = isContentLink(node) ? 1 : 0;
    let n = 1;
    for (const c of node.children) {
      if (!isTag(c)) {
        n++;
        continue;
      }
      l += links.get(c) ?? 0;
      n += size.get(c) ?? 1;
    }
    links.set(node, Math.min(l, 2));
    size.set(node, Math.min(n, MAX_ROW_NODES + 1));
  }
  const rows = new Map<Element, ListItem>();
  for (const el of order) {
    if (links.get(el) !== 1 || (size.get(el) ?? MAX_ROW_NODES + 1) > MAX_ROW_NODES) continue;
    const item = rowItem(el, base);
    if (item) rows.set(el, item);
  }
  // Keep the innermost: a row whose descendant is itself a row (a div around an li) is dropped.
  const outer = new Set<Element>();
  for (const el of rows.keys()) {
    let p = el.parent;
    for (let up = 0; p && up < 60; up++, p = p.parent) if (isTag(p) && rows.has(p)) outer.add(p);
  }
  return [...rows].filter(([el]) => !outer.has(el)).map(([, item]) => item);
}

/** The `<record><![CDATA[…]]></record>` fragments of JCMS datastore scripts in raw HTML. */
export function datastoreRecords(html: string): string[] {
  const out: string[] = [];
  for (const script of html.matchAll(/<script\b[^>]*type\s*=\s*["']?text\/xml["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (!/<datastore\b/i.test(script[1])) continue;
    for (const rec of script[1].matchAll(/<record\b[^>]*>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([\s\S]*?))\s*<\/record>/gi)) {
      out.push(rec[1] ?? rec[2] ?? '');
      if (out.length >= MAX_RECORDS) return out;
    }
  }
  return out;
}

/** Items of JCMS datastore records: each record is one row. */
export function datastoreItems(html: string, base: string): ListItem[] {
  const items: ListItem[] = [];
  for (const rec of datastoreRecords(html)) {
    const doc = parseDocument(`<div>${rec}</div>`, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
    const wrapper = doc.children.find(isTag);
    const item = wrapper ? rowItem(wrapper, base) : null;
    if (item) items.push(item);
  }
  return items;
}

/** TRS pagination: `createPageHTML(total, current, 'index', 'html')` → the URLs of the other pages (index_1.html …). */
export function trsPagination(html: string, pageUrl: string): { total: number; current: number; next: string[] } | null {
  const m = /createPageHTML\(\s*['"]?(\d{1,4})['"]?\s*,\s*['"]?(\d{1,4})['"]?\s*,\s*['"]([\w-]{1,40})['"]\s*,\s*['"]([A-Za-z]{2,5})['"]/.exec(html);
  if (!m) return null;
  const [total, current, name, ext] = [Number(m[1]), Number(m[2]), m[3], m[4]];
  if (total < 1) return null;
  const next: string[] = [];
  for (let i = current + 1; i < total; i++) {
    const u = normalizeUrl(`${name}_${i}.${ext}`, pageUrl);
    if (u) next.push(u);
  }
  return { total, current, next };
}

/** Anchor texts of a static pager's "next" and "last" links. */
const NEXT_TEXT = /^(?:下一页|下页|后一页)$/;
const LAST_TEXT = /^(?:尾页|末页|最后一页|尾 页|末 页)$/;
/** The page number in a pager URL: `list_2.shtml`, `index_3.html`, or a query `?pageIndex=2` / `page=` / `pageNo=` … */
const PAGE_NUMBER_RES = [/(_)(\d{1,4})(\.[A-Za-z]{2,5})(?=$|[?#])/, /([?&](?:pageIndex|pageNo|pageNum|page|currentPage|curPage|pn|p)=)(\d{1,4})(?=$|[&#])/i];
/** Further pages named by a static pager at most (the gatherer fetches fewer). */
const MAX_PAGER_PAGES = 50;

/**
 * A static pager's further pages: the `下一页` link's number up to the `尾页` link's (`list_2.shtml … list_5.shtml`,
 * `index.htm?pageIndex=2 …`), as 开普云 and 南威 templates print them in the HTML. On the last page (no 下一页, or
 * 下一页 pointing at itself) there are none.
 */
export function pagerLinks(html: string, pageUrl: string): { total: number; current: number; next: string[] } | null {
  let nextHref: string | null = null;
  let lastHref: string | null = null;
  let seen = 0;
  for (const m of html.matchAll(/<a\b[^>]*?\bhref\s*=\s*["']([^"'<>]{1,500})["'][^>]*>((?:(?!<\/a>)[\s\S]){0,200})<\/a>/gi)) {
    if (++seen > 2_000) break;
    const text = m[2].replace(/<[^>]*>/g, '').replace(/&nbsp;|[\s\u3000\u00a0]+/g, ' ').trim();
    if (!nextHref && NEXT_TEXT.test(text)) nextHref = m[1];
    else if (!lastHref && LAST_TEXT.test(text)) lastHref = m[1];
  }
  if (!nextHref) return null;
  const next = normalizeUrl(nextHref.replace(/&amp;/g, '&'), pageUrl);
  if (!next || !/^https?:/i.test(next) || next === normalizeUrl(pageUrl, pageUrl)) return null;
  for (const re of PAGE_NUMBER_RES) {
    const m = re.exec(next);
    if (!m) continue;
    const from = Number(m[2]);
    const lastUrl = lastHref ? normalizeUrl(lastHref.replace(/&amp;/g, '&'), pageUrl) : null;
    const lastM = lastUrl ? re.exec(lastUrl) : null;
    const to = Math.min(lastM ? Math.max(Number(lastM[2]), from) : from, from + MAX_PAGER_PAGES - 1);
    const urls: string[] = [];
    for (let i = from; i <= to; i++) urls.push(next.slice(0, m.index) + m[1] + String(i) + (m[3] ?? '') + next.slice(m.index + m[0].length));
    return { total: to + 1, current: from - 1, next: urls };
  }
  return { total: 2, current: 1, next: [next] };
}

/** The further pages of a list page: TRS script pagination, else a static pager's links. */
export function listPagination(html: string, pageUrl: string): { total: number; current: number; next: string[] } | null {
  return trsPagination(html, pageUrl) ?? pagerLinks(html, pageUrl);
}

/**
 * A page's list items: JCMS datastore records when the raw HTML has them, else the dated rows of the DOM; fewer
 * than `minItems` dated rows is not a list (an article's "related links" are not a column).
 */
export function extractListItems(html: string, baseUrl: string, opts: ListOptions & { root?: AnyNode[] } = {}): ListItem[] {
  const min = opts.minItems ?? 3;
  const fromStore = /<datastore\b/i.test(html) ? datastoreItems(html, baseUrl) : [];
  if (fromStore.length >= min) return dedupe(fromStore);
  const root = opts.root ?? parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }).children;
  const rows = dedupe([...fromStore, ...rowsOf(root, baseUrl)]);
  return rows.length >= min ? rows : [];
}

function dedupe(items: ListItem[]): ListItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = `${i.url}\u0000${i.title}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
