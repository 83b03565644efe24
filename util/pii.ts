// Finds personal data published in page text — resident ID numbers (GB 11643-1999), mobile numbers,
// bank card numbers — and masks it. Nothing returned from here carries a value in clear.
import { isCreditCode, isLuhnValid, residentIdCheckChar } from './checksums.ts';
import { isRealDate } from './civil-date.ts';
import { toHalfWidth } from './width.ts';

/** The kind of a personal-data hit; `privacy.<kind>` is the finding code. */
export type PiiKind = 'id-number' | 'mobile-number' | 'bank-card';

/** One piece of personal data found in a text. The clear value is never part of it. */
export interface PiiHit {
  kind: PiiKind;
  /** The value masked by {@link maskValue}. */
  masked: string;
  /** UTF-16 offset of the value in the text that was searched. */
  index: number;
  /** About 20 characters either side of the value, with this and every other long number masked. */
  context: string;
}

interface RawHit {
  kind: PiiKind;
  start: number;
  end: number;
  /** Separator-free, half-width value. */
  value: string;
}

const CONTEXT_CHARS = 20;
const CARD_KEYWORD_WINDOW = 20;
const CARD_KEYWORDS = ['银行卡', '卡号', '账号', '帐号', '银行账户', '银行帐户', '开户行'];
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);

const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RE = /(?<!\d)(?<prefix>\+?86[ -]?)?(?<core>1[3-9]\d[ -]?\d{4}[ -]?\d{4})(?!\d)/g;
const CARD_RE =
  /(?<![0-9A-Za-z]|\d[ -])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?)(?![0-9A-Za-z]|[ -]\d)/g;
/** Long numbers a context must not show: 7+ digits in a row, or phone/card-like groups (139 1234 5678). */
const LONG_NUMBER_RE = /\d{3,4}(?:[ -]\d{4}){2,}|\d{7,}/g;

/**
 * True when an 18-character string is a plausible resident ID: right check character, a first-two-digit
 * province code that exists, and a real birth date from 1900 on — not after `now` when `now` is given.
 */
export function isResidentIdNumber(id: string, now?: Date): boolean {
  const value = toHalfWidth(id).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) return false;
  if (!PROVINCE_CODES.has(Number(value.slice(0, 2)))) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day)) return false;
  if (now && value.slice(6, 14) > chinaDateDigits(now)) return false;
  return true;
}

/** `YYYYMMDD` of `now` in China time (UTC+8, no daylight saving). */
function chinaDateDigits(now: Date): string {
  const t = new Date(now.getTime() + 8 * 3600_000);
  if (Number.isNaN(t.getTime())) throw new TypeError('now must be a valid Date');
  return `${t.getUTCFullYear()}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Masks a value for display: ID → first 6 + `********` + last 4 (`350502********123X`), mobile →
 * `139****5678`, card → first 4 + `****` + last 4. Separators and a `+86` prefix are dropped; a value
 * too short for its pattern is masked completely.
 */
export function maskValue(kind: PiiKind, value: string): string {
  let v = toHalfWidth(String(value)).toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (kind === 'mobile-number' && v.length === 13 && v.startsWith('86')) v = v.slice(2);
  const [head, tail, minLength] = kind === 'id-number' ? [6, 4, 18] : kind === 'mobile-number' ? [3, 4, 11] : [4, 4, 12];
  if (v.length < minLength) return '*'.repeat(v.length);
  return `${v.slice(0, head)}${'*'.repeat(kind === 'id-number' ? 8 : 4)}${v.slice(v.length - tail)}`;
}

function scanIds(norm: string, now: Date | undefined): RawHit[] {
  const hits: RawHit[] = [];
  for (const m of norm.matchAll(ID_RE)) {
    const value = m[0].toUpperCase();
    if (!isResidentIdNumber(value, now) || isCreditCode(value)) continue;
    hits.push({ kind: 'id-number', start: m.index, end: m.index + value.length, value });
  }
  return hits;
}

function scanMobiles(norm: string): RawHit[] {
  const hits: RawHit[] = [];
  for (const m of norm.matchAll(MOBILE_RE)) {
    const core = m.groups?.core ?? '';
    const start = m.index + (m.groups?.prefix?.length ?? 0);
    hits.push({ kind: 'mobile-number', start, end: start + core.length, value: core.replace(/[ -]/g, '') });
  }
  return hits;
}

function hasCardKeyword(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - CARD_KEYWORD_WINDOW), end + CARD_KEYWORD_WINDOW);
  return CARD_KEYWORDS.some((k) => around.includes(k));
}

function scanCards(norm: string): RawHit[] {
  const hits: RawHit[] = [];
  for (const m of norm.matchAll(CARD_RE)) {
    const value = m[0].replace(/[ -]/g, '');
    const end = m.index + m[0].length;
    if (value.length < 16 || value.length > 19 || !isLuhnValid(value)) continue;
    if (value.length === 18 && (isResidentIdNumber(value) || isCreditCode(value))) continue;
    if (!hasCardKeyword(norm, m.index, end)) continue;
    hits.push({ kind: 'bank-card', start: m.index, end, value });
  }
  return hits;
}

/** Every hit, in text order, without overlaps (an ID or card wins over a mobile inside it). */
function scanAll(norm: string, now: Date | undefined): RawHit[] {
  const strong = [...scanIds(norm, now), ...scanCards(norm)];
  const mobiles = scanMobiles(norm).filter((mo) => !strong.some((s) => mo.start < s.end && s.start < mo.end));
  return [...strong, ...mobiles].sort((a, b) => a.start - b.start);
}

function maskLongNumbers(original: string): string {
  const norm = toHalfWidth(original);
  const chars = original.split('');
  for (const m of norm.matchAll(LONG_NUMBER_RE)) {
    for (let i = m.index; i < m.index + m[0].length; i++) if (/\d/.test(norm[i])) chars[i] = '*';
  }
  return chars.join('');
}

/** Replaces hits with their masked values and masks remaining long numbers in text[from, to). */
function renderMasked(text: string, from: number, to: number, hits: RawHit[]): string {
  let out = '';
  let pos = from;
  for (const h of hits) {
    if (h.end <= from || h.start >= to) continue;
    out += maskLongNumbers(text.slice(pos, h.start)) + maskValue(h.kind, h.value);
    pos = h.end;
  }
  return out + maskLongNumbers(text.slice(pos, to));
}

function contextOf(text: string, hit: RawHit, all: RawHit[]): string {
  let from = Math.max(0, hit.start - CONTEXT_CHARS);
  let to = Math.min(text.length, hit.end + CONTEXT_CHARS);
  for (const h of all) {
    if (h.start < from && h.end > from) from = h.start;
    if (h.start < to && h.end > to) to = h.end;
  }
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  return renderMasked(text, from, to, all);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function find(text: string, now: Date | undefined, kinds: readonly PiiKind[]): PiiHit[] {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const all = scanAll(toHalfWidth(text), now);
  return all
    .filter((h) => kinds.includes(h.kind))
    .map((h) => ({ kind: h.kind, masked: maskValue(h.kind, h.value), index: h.start, context: contextOf(text, h, all) }));
}

/**
 * Resident ID numbers: 17 digits + digit/X, not part of a longer run of digits or letters, with a valid
 * MOD 11-2 check character, a real province code and a real birth date between 1900 and `now`.
 * Unified social credit codes are not IDs.
 */
export function findIdNumbers(text: string, now: Date): PiiHit[] {
  return find(text, now, ['id-number']);
}

/**
 * Mainland mobile numbers: `1[3-9]` + 9 digits, optionally written `139 1234 5678` / `139-1234-5678` or
 * after `+86`, not part of a longer run of digits. Landlines are not mobile numbers.
 */
export function findMobileNumbers(text: string): PiiHit[] {
  return find(text, undefined, ['mobile-number']);
}

/**
 * Bank card numbers: 16–19 digits (or groups of 4 split by spaces/dashes) that pass the Luhn check, are
 * not an ID number, and have a keyword (银行卡, 卡号, 账号, 帐号, 银行账户, 开户行) within about 20 characters.
 */
export function findBankCards(text: string): PiiHit[] {
  return find(text, undefined, ['bank-card']);
}

/** All three kinds at once, in text order; each context masks every hit it shows. */
export function findPersonalData(text: string, now: Date): PiiHit[] {
  return find(text, now, ['id-number', 'mobile-number', 'bank-card']);
}

/**
 * The text with every ID, mobile and bank card number replaced by its masked form, for showing
 * crawled text (a title, an excerpt) outside the store. IDs are masked whatever their birth date.
 */
export function maskPersonalData(text: string): string {
  const all = scanAll(toHalfWidth(text), undefined);
  if (all.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const h of all) {
    out += text.slice(pos, h.start) + maskValue(h.kind, h.value);
    pos = h.end;
  }
  return out + text.slice(pos);
}
