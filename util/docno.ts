// What identifies a policy document in page text: its 文号 (document number, 泉鲤政办〔2018〕77号),
// its 索引号 (index number), and titles quoted in 《》 — normalised so they can be compared.
import { maskPersonalData } from './pii.ts';
import { toHalfWidth, toHalfWidthAlnum } from './width.ts';

const OPEN = '〔\\[(【﹝〖［（';
const CLOSE = '〕\\])】﹞〗］）';
const DOC_NO_RE = new RegExp(
  `(?<prefix>\\p{Script=Han}{1,8})\\s{0,2}[${OPEN}]\\s{0,2}(?<year>\\d{4})\\s{0,2}[${CLOSE}]` +
    `\\s{0,2}第?\\s{0,2}(?<num>\\d{1,5})\\s{0,2}号`,
  'gu',
);
/** Words that come before a 文号 in a sentence but are never part of the issuer's abbreviation. */
const LEAD_IN_RE = /^.*(?:根据|按照|依据|依照|参照|对照|贯彻|落实|执行|印发|转发|详见|文号|字号|的|及|与|和|或|即|见|年|月|日|号)/u;
const MIN_DOC_YEAR = 1949;
const MAX_DOC_YEAR = 2100;

/**
 * Document numbers (文号) in a text, normalised to `X〔YYYY〕N号` — half-width digits, 〔〕 brackets, no
 * leading zeros — deduplicated, in order of appearance. Accepts 〔〕, [], (), （）, 【】, ﹝﹞ and 〖〗 around
 * the year, full-width digits and an optional 第 before the number. Lead-in words (根据, 按照, 印发, …)
 * before the issuer's abbreviation are dropped.
 */
export function extractDocNumbers(text: string): string[] {
  const seen = new Set<string>();
  for (const m of toHalfWidth(String(text)).matchAll(DOC_NO_RE)) {
    const g = m.groups ?? {};
    const prefix = (g.prefix ?? '').replace(LEAD_IN_RE, '');
    const year = Number(g.year);
    const num = Number(g.num);
    if (!prefix || year < MIN_DOC_YEAR || year > MAX_DOC_YEAR || num === 0) continue;
    seen.add(`${prefix}〔${year}〕${num}号`);
  }
  return [...seen];
}

const INDEX_NO_RE = /索\s{0,2}引\s{0,2}号\s{0,2}[】\]]?\s{0,2}[:：]?\s{0,3}([A-Za-z0-9][A-Za-z0-9\-_/.]{2,79})/u;

/**
 * The first 索引号 (index number) in a text, e.g. `FJ00123-0200-2026-00012`, with full-width characters
 * folded and dashes unified; null when there is none. Anything that reads as personal data is masked.
 */
export function extractIndexNumber(text: string): string | null {
  const folded = toHalfWidth(String(text)).replace(/[—–－]/g, '-');
  const m = INDEX_NO_RE.exec(folded);
  if (!m) return null;
  const value = m[1].replace(/[-_/.]+$/, '');
  return value.length >= 3 ? maskPersonalData(value) : null;
}

const MAX_TITLE = 200;
const MAX_NESTING = 8;

/**
 * Light clean-up of a title for display: full-width letters, digits and brackets folded, spaces
 * collapsed, personal data masked.
 */
export function tidyTitle(title: string): string {
  return maskPersonalData(toHalfWidthAlnum(String(title)).replace(/\s+/g, ' ').trim());
}

/**
 * Titles quoted in 《》, tidied ({@link tidyTitle}), deduplicated, in order of their opening mark. A
 * title quoted inside another (《关于印发《办法》的通知》) gives both; unclosed or empty marks and quotes
 * longer than 200 characters are ignored. Personal data in a title is masked.
 */
export function extractQuotedTitles(text: string): string[] {
  const source = String(text);
  const found: { start: number; title: string }[] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '《') {
      if (open.length === MAX_NESTING) open.shift();
      open.push(i + 1);
    } else if (c === '》' && open.length > 0) {
      const start = open.pop() as number;
      if (i - start <= MAX_TITLE) {
        const title = tidyTitle(source.slice(start, i));
        if (title) found.push({ start, title });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  return [...new Set(found.map((f) => f.title))];
}

const QUOTE_MARKS_RE = /[《》〈〉<>"'“”‘’「」『』]/g;
const OPEN_BRACKETS_RE = /[〔【﹝〖]/g;
const CLOSE_BRACKETS_RE = /[〕】﹞〗]/g;

/**
 * A key for comparing titles: everything full-width folded, quote marks and whitespace removed,
 * brackets unified, Latin letters lower-cased, a final 。 dropped. Two titles name the same document
 * when their keys are equal. Personal data is masked, so a key is safe to store or show.
 */
export function normaliseTitle(title: string): string {
  const key = toHalfWidth(String(title))
    .replace(QUOTE_MARKS_RE, '')
    .replace(OPEN_BRACKETS_RE, '[')
    .replace(CLOSE_BRACKETS_RE, ']')
    .replace(/[—–]/g, '-')
    .replace(/\s+/g, '')
    .replace(/[。.]+$/, '');
  return maskPersonalData(key).toLowerCase();
}
