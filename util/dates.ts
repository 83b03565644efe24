// Publication dates on government pages: date parsing (2026-11-18, 2026/11/18, 2026.11.18,
// 2026年11月18日, full-width digits), a page's own date (PubDate meta, labelled line, TRS URL), and the
// dated items of a list page's text.
import { formatIsoDate, isRealDate } from './civil-date.ts';
import { maskPersonalData } from './pii.ts';
import { toHalfWidth } from './width.ts';

/** A calendar date, with the time of day when one was written beside it. */
export interface ParsedDate {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM`, 24-hour. */
  time?: string;
}

/** A date found in a text, with its position. */
export interface DateHit extends ParsedDate {
  /** UTF-16 offset of the date's first character. */
  index: number;
  /** Characters the date (and time) spans. */
  length: number;
}

/** Where a page's date came from. */
export type PageDateSource = 'meta' | 'label' | 'url' | 'text';

/** A page's publication date and how far to trust it. */
export interface PageDate extends ParsedDate {
  source: PageDateSource;
  confidence: 'high' | 'medium' | 'low';
}

/** What {@link extractPageDate} reads of a page (a subset of PageArtifact). */
export interface PageDateInput {
  url: string;
  /** Meta tags, keys lower-cased. */
  meta: Record<string, string>;
  text?: string;
  title?: string | null;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const SP = '\\s{0,2}';
const DATE_SOURCE =
  `(?<!\\d)(?<y>\\d{4})(?:${SP}(?<sep>[-/.])${SP}(?<m1>\\d{1,2})${SP}\\k<sep>${SP}(?<d1>\\d{1,2})(?!\\d)` +
  `|${SP}年${SP}(?<m2>\\d{1,2})${SP}月${SP}(?<d2>\\d{1,2})(?!\\d)(?:${SP}日)?)` +
  `(?:(?:\\s{1,3}|T)?(?<hh>\\d{1,2}):(?<mm>\\d{2})(?::\\d{2})?(?!\\d))?`;
const DATE_RE = new RegExp(DATE_SOURCE, 'g');
const DATE_AT_RE = new RegExp(DATE_SOURCE, 'y');

/** Labels of a page's own date, best first: a publication date is trusted over a drafting or update date. */
const LABEL_RE =
  /(?<high>发布日期|发布时间|公开日期|发布于)|(?<medium>成文日期|发文日期|印发日期|更新日期|更新时间|(?<!\p{Script=Han})日期|(?<!\p{Script=Han})时间)/gu;
const LABEL_TAIL_RE = /\s{0,2}[】\]]?\s{0,2}[:：]?\s{0,3}/y;

const TRS_URL_RE = /\/t(\d{4})(\d{2})(\d{2})_\d+(?:_\d+)?\.[A-Za-z]{2,5}(?:[?#]|$)/;
const HANWEB_URL_RE = /\/art\/(\d{4})\/(\d{1,2})\/(\d{1,2})\/art_\d+_\d+\.[A-Za-z]{2,5}(?:[?#]|$)/;

function toParsed(m: RegExpExecArray | RegExpMatchArray): ParsedDate | null {
  const g = m.groups ?? {};
  const year = Number(g.y);
  const month = Number(g.m1 ?? g.m2);
  const day = Number(g.d1 ?? g.d2);
  if (year < MIN_YEAR || year > MAX_YEAR || !isRealDate(year, month, day)) return null;
  const out: ParsedDate = { date: formatIsoDate(year, month, day) };
  if (g.hh !== undefined && g.mm !== undefined) {
    const hh = Number(g.hh);
    const mm = Number(g.mm);
    if (hh <= 23 && mm <= 59) out.time = `${String(hh).padStart(2, '0')}:${g.mm}`;
  }
  return out;
}

/**
 * Every valid date in a text, in order. Accepts `2026-11-18`, `2026/11/18`, `2026.11.18`,
 * `2026年11月18日`, one-digit months and days, full-width digits, and a following `HH:MM[:SS]`.
 * Impossible dates (2026-02-30) and years outside 1990–2100 are skipped.
 */
export function findDates(text: string): DateHit[] {
  const hits: DateHit[] = [];
  for (const m of toHalfWidth(String(text)).matchAll(DATE_RE)) {
    const parsed = toParsed(m);
    if (parsed) hits.push({ ...parsed, index: m.index, length: m[0].length });
  }
  return hits;
}

/** The first valid date in a text (see {@link findDates}), or null. */
export function parseDate(text: string): ParsedDate | null {
  const first = findDates(text)[0];
  return first ? stripHit(first) : null;
}

function stripHit(hit: DateHit): ParsedDate {
  return hit.time ? { date: hit.date, time: hit.time } : { date: hit.date };
}

function dateAt(folded: string, index: number): ParsedDate | null {
  DATE_AT_RE.lastIndex = index;
  const m = DATE_AT_RE.exec(folded);
  return m ? toParsed(m) : null;
}

function fromLabels(text: string): PageDate | null {
  const folded = toHalfWidth(text);
  let medium: PageDate | null = null;
  for (const m of folded.matchAll(LABEL_RE)) {
    LABEL_TAIL_RE.lastIndex = m.index + m[0].length;
    const tail = LABEL_TAIL_RE.exec(folded);
    const parsed = dateAt(folded, m.index + m[0].length + (tail ? tail[0].length : 0));
    if (!parsed) continue;
    if (m.groups?.high) return { ...parsed, source: 'label', confidence: 'high' };
    medium ??= { ...parsed, source: 'label', confidence: 'medium' };
  }
  return medium;
}

function fromUrl(url: string): PageDate | null {
  const m = TRS_URL_RE.exec(url) ?? HANWEB_URL_RE.exec(url);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || !isRealDate(year, month, day)) return null;
  return { date: formatIsoDate(year, month, day), source: 'url', confidence: 'medium' };
}

/**
 * A page's publication date, from the most trusted source that has one: the `pubdate` meta tag (high),
 * a labelled date in the text (发布日期/发布时间 high; 成文日期, 更新时间, 日期, 时间 medium), the date in a
 * TRS (`/t20261105_123.htm`) or Hanweb (`/art/2026/11/5/art_1_2.html`) article URL (medium). With
 * `textFallback`, the first date in the title or text comes last (low); otherwise null.
 */
export function extractPageDate(page: PageDateInput, options: { textFallback?: boolean } = {}): PageDate | null {
  const meta = page.meta ?? {};
  const pub = typeof meta.pubdate === 'string' ? parseDate(meta.pubdate) : null;
  if (pub) return { ...pub, source: 'meta', confidence: 'high' };
  const text = typeof page.text === 'string' ? page.text : '';
  const labelled = fromLabels(text);
  if (labelled) return labelled;
  const fromAddress = typeof page.url === 'string' ? fromUrl(page.url) : null;
  if (fromAddress) return fromAddress;
  if (options.textFallback) {
    const loose = parseDate(page.title ?? '') ?? parseDate(text);
    if (loose) return { ...loose, source: 'text', confidence: 'low' };
  }
  return null;
}

/** An item of a list page found in its text: the words next to a date. */
export interface DatedItem extends ParsedDate {
  /** The item's words (personal data masked), at most 200 characters. */
  title: string;
  /** Offset of the date in the text. */
  index: number;
}

const MAX_ITEM_TITLE = 200;
const LEADING_JUNK = /^[\s\]】)）>»·•|\-—:：]+/;
const TRAILING_JUNK = /[\s[【(（<«·•|\-—:：]+$/;

function tidyItemTitle(segment: string, keepEnd: boolean): string {
  const t = segment.replace(LEADING_JUNK, '').replace(TRAILING_JUNK, '');
  const capped = t.length <= MAX_ITEM_TITLE ? t : keepEnd ? t.slice(-MAX_ITEM_TITLE) : t.slice(0, MAX_ITEM_TITLE);
  return maskPersonalData(capped.trim());
}

/**
 * Splits a list page's whitespace-collapsed text into dated items. The usual layout puts the date after
 * the title (`标题一 2026-11-05 标题二 2026-11-01`); when the text opens with a date, titles are read
 * after their date instead. Text before the first item (navigation) ends up in the first title, capped.
 */
export function findDatedItems(text: string): DatedItem[] {
  const source = String(text);
  const hits = findDates(source);
  if (hits.length === 0) return [];
  const dateFirst = source.slice(0, hits[0].index).replace(LEADING_JUNK, '').replace(TRAILING_JUNK, '') === '';
  const items: DatedItem[] = [];
  hits.forEach((hit, i) => {
    const segment = dateFirst
      ? source.slice(hit.index + hit.length, i + 1 < hits.length ? hits[i + 1].index : source.length)
      : source.slice(i === 0 ? 0 : hits[i - 1].index + hits[i - 1].length, hit.index);
    const title = tidyItemTitle(segment, !dateFirst);
    if (title) items.push({ ...stripHit(hit), title, index: hit.index });
  });
  return items;
}
