// Message/reply pairs on a message-board page (留言/来信 with 回复/答复): configured CSS layouts first, then the two
// usual layouts — a list table whose header names the message and reply dates, and labelled blocks ("留言时间：…
// 回复时间：…", a detail page or a list of such blocks). Pure; never throws on odd pages.
import type { Document, Element } from 'domhandler';
import type { InteractionLayout } from '../../config/checks/interaction.ts';
import { findDates, parseDate, type ParsedDate } from '../../util/dates.ts';
import { maskPersonalData } from '../../util/pii.ts';
import { toHalfWidth } from '../../util/width.ts';
import { pageKey } from '../../util/site-pages.ts';
import { blockText, firstLink, inlineText, parseHtml, select, selectFirst } from './dom.ts';

/** One message as a board shows it. */
export interface BoardMessage {
  /** Stable identity: its detail page or link, else the list page with its date and title. */
  id: string;
  /** The page that shows it (its detail page when it has one). */
  url: string;
  /** Title, personal data masked; null when none was found. */
  title: string | null;
  submitted: ParsedDate;
  /** The reply's date; null when there is none yet. */
  answered: ParsedDate | null;
  /** The board's handling status, as written (masked). */
  status: string | null;
  /** The board marks it invalid (无效留言, 不予受理, 重复留言 …): not judged. */
  invalid: boolean;
  layout: 'configured' | 'table' | 'labelled';
}

const SUBMITTED = '(?:留言|来信|提问|咨询|写信|诉求|投诉|信件)(?:时间|日期)';
const ANSWERED = '(?:回复|答复|办结|反馈)(?:时间|日期)';
const SUBMITTED_HEAD = new RegExp(`^${SUBMITTED}$`);
const ANSWERED_HEAD = new RegExp(`^${ANSWERED}$`);
const TITLE_HEAD = /^(?:留言|来信|信件|咨询)?(?:标题|主题)$|^事项$/;
const STATUS_HEAD = /^(?:办理|处理|回复|答复)?状态$/;
const SUBMITTED_LABEL = new RegExp(`${SUBMITTED}\\s*[:：]?\\s*`, 'g');
const ANSWERED_LABEL = new RegExp(`${ANSWERED}\\s*[:：]?\\s*`, 'g');
const STATUS_LABEL = /(?:办理|处理|回复|答复)?状态\s*[:：]\s*([^\s|：:]{1,12})/;
const TITLE_LABEL = /(?:留言|来信|信件)?(?:标题|主题)\s*[:：]\s*([^\n|]{1,200})/;
const INVALID = /无效|不予受理|不予回复|重复留言|不属于受理范围|已撤回|已撤销|已屏蔽/;
const MAX_MESSAGES = 2_000;
const MAX_TITLE = 120;

/** Messages on one page. `url` is the page's final URL (links resolve against it). */
export function extractMessages(page: { url: string; html: string; title?: string | null }, layouts: readonly InteractionLayout[] = []): BoardMessage[] {
  const doc = parseHtml(page.html);
  for (const layout of layouts) {
    if (!safeTest(layout.pages, page.url)) continue;
    const found = fromLayout(doc, page.url, layout);
    if (found.length) return found.slice(0, MAX_MESSAGES);
  }
  const tables = fromTables(doc, page.url);
  if (tables.length) return tables.slice(0, MAX_MESSAGES);
  return fromLabels(doc, page).slice(0, MAX_MESSAGES);
}

function fromLayout(doc: Document, url: string, layout: InteractionLayout): BoardMessage[] {
  const out: BoardMessage[] = [];
  for (const item of select(layout.item, doc)) {
    const submitted = dateIn(selectFirst(layout.submitted, item));
    if (!submitted) continue;
    const answeredEl = selectFirst(layout.answered, item);
    const title = tidy(layout.title ? textOf(selectFirst(layout.title, item)) : null);
    const status = tidy(layout.status ? textOf(selectFirst(layout.status, item)) : null);
    const link = firstLink(item, url);
    out.push(message({ url, link, title, submitted, answered: dateIn(answeredEl), status, layout: 'configured', context: textOf(item) ?? '' }));
  }
  return out;
}

/** List tables whose header row names a message-date column (留言时间, 来信日期 …). */
function fromTables(doc: Document, url: string): BoardMessage[] {
  const out: BoardMessage[] = [];
  for (const table of select('table', doc)) {
    const rows = select('tr', table).filter((tr) => closestTable(tr) === table);
    const headerAt = rows.findIndex((tr) => cellsOf(tr).some((c) => SUBMITTED_HEAD.test(head(c))));
    if (headerAt < 0) continue;
    const header = cellsOf(rows[headerAt]).map(head);
    const col = {
      submitted: header.findIndex((h) => SUBMITTED_HEAD.test(h)),
      answered: header.findIndex((h) => ANSWERED_HEAD.test(h)),
      title: header.findIndex((h) => TITLE_HEAD.test(h)),
      status: header.findIndex((h) => STATUS_HEAD.test(h)),
    };
    for (const tr of rows.slice(headerAt + 1)) {
      const cells = cellsOf(tr);
      const submitted = dateIn(cells[col.submitted]);
      if (!submitted) continue;
      const titleCell = col.title >= 0 ? cells[col.title] : cells.find((_c, i) => i !== col.submitted && i !== col.answered && i !== col.status);
      const status = tidy(col.status >= 0 ? textOf(cells[col.status]) : null);
      const answered = col.answered >= 0 ? dateIn(cells[col.answered]) : null;
      out.push(message({ url, link: firstLink(tr, url), title: tidy(textOf(titleCell)), submitted, answered, status, layout: 'table', context: textOf(tr) ?? '' }));
    }
  }
  return out;
}

/** Labelled blocks: each 留言时间 label starts a message; its reply is the first 回复/答复时间 before the next one. */
function fromLabels(doc: Document, page: { url: string; title?: string | null }): BoardMessage[] {
  const body = selectFirst('body', doc) ?? doc;
  const text = toHalfWidth(blockText(body));
  const starts = [...text.matchAll(SUBMITTED_LABEL)].map((m) => ({ at: m.index, end: m.index + m[0].length }));
  const out: BoardMessage[] = [];
  starts.forEach((s, i) => {
    const submitted = dateRightAfter(text, s.end);
    if (!submitted) return;
    const segment = text.slice(s.at, i + 1 < starts.length ? starts[i + 1].at : text.length);
    let answered: ParsedDate | null = null;
    for (const m of segment.matchAll(ANSWERED_LABEL)) {
      answered = dateRightAfter(segment, m.index + m[0].length);
      if (answered) break;
    }
    const status = tidy(STATUS_LABEL.exec(segment)?.[1] ?? null);
    const before = text.slice(i === 0 ? 0 : starts[i - 1].at, s.at);
    const title = tidy(TITLE_LABEL.exec(before.split('\n').slice(-6).join('\n'))?.[1] ?? (starts.length === 1 ? pageTitle(doc, page.title) : lastPlainLine(before)));
    out.push(message({ url: page.url, link: starts.length === 1 ? page.url : null, title, submitted, answered, status, layout: 'labelled', context: segment }));
  });
  return out;
}

function message(m: { url: string; link: string | null; title: string | null; submitted: ParsedDate; answered: ParsedDate | null; status: string | null; layout: BoardMessage['layout']; context: string }): BoardMessage {
  const id = m.link ? pageKey(m.link) : `${m.url}#${m.submitted.date}${m.submitted.time ? ` ${m.submitted.time}` : ''} ${m.title ?? ''}`.trim();
  return {
    id,
    url: m.link ?? m.url,
    title: m.title,
    submitted: m.submitted,
    answered: m.answered,
    status: m.status,
    invalid: INVALID.test(m.status ?? '') || INVALID.test(m.context),
    layout: m.layout,
  };
}

function cellsOf(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
}

function closestTable(el: Element): Element | null {
  for (let p = el.parent; p; p = p.parent) if (p.type === 'tag' && (p as Element).name === 'table') return p as Element;
  return null;
}

function head(cell: Element): string {
  return inlineText(cell).replace(/[\s:：]/g, '');
}

function textOf(el: Element | null | undefined): string | null {
  if (!el) return null;
  const t = inlineText(el);
  return t || null;
}

function dateIn(el: Element | null | undefined): ParsedDate | null {
  const t = textOf(el);
  return t ? parseDate(t) : null;
}

/** A date starting within a few characters of `at` (after a label). */
function dateRightAfter(text: string, at: number): ParsedDate | null {
  const window = text.slice(at, at + 40);
  const hit = findDates(window)[0];
  return hit && hit.index <= 3 ? (hit.time ? { date: hit.date, time: hit.time } : { date: hit.date }) : null;
}

/** A detail page's title: its h1, else the document title without the trailing `_站名`. */
function pageTitle(doc: Document, fallback?: string | null): string | null {
  const h1 = selectFirst('h1', doc);
  const heading = h1 ? inlineText(h1) : '';
  if (heading) return heading;
  return fallback ? fallback.replace(/_[^_]*$/, '') || fallback : null;
}

function lastPlainLine(before: string): string | null {
  const lines = before.split('\n').map((l) => l.replace(/\|/g, ' ').trim()).filter(Boolean);
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 3; i--) if (!/[:：]/.test(lines[i])) return lines[i];
  return null;
}

function tidy(text: string | null): string | null {
  if (!text) return null;
  const t = maskPersonalData(text.replace(/\s+/g, ' ').trim());
  if (!t) return null;
  return t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE)}…` : t;
}

function safeTest(pattern: string, url: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(url);
  } catch {
    return false;
  }
}
