// Property test over every text parser of checks/lib: arbitrary (and adversarial) text never makes one
// throw or hang, and nothing any of them returns carries an ID number or mobile number in clear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPageDate, findDatedItems, findDates, parseDate } from '../../util/dates.ts';
import {
  extractDocNumbers,
  extractIndexNumber,
  extractQuotedTitles,
  normaliseTitle,
  tidyTitle,
} from '../../util/docno.ts';
import {
  findBankCards,
  findIdNumbers,
  findMobileNumbers,
  findPersonalData,
  maskPersonalData,
  maskValue,
} from '../../util/pii.ts';
import { grouped, makeCreditCode, makeId, withLuhn } from './pii-fixtures.ts';

const NOW = new Date('2026-11-20T09:00:00+08:00');
const PROVINCES = ['11', '13', '35', '44', '50', '65', '71', '81', '82'];

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const toFullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const idNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    rest: digits(4, 4),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-19T00:00:00Z'), noInvalidDate: true }),
    seq: digits(3, 3),
  })
  .map(({ province, rest, birth, seq }) => makeId(province + rest, birth.toISOString().slice(0, 10).replace(/-/g, ''), seq));
const mobile = fc
  .tuple(fc.constantFrom(...'3456789'), digits(9, 9), fc.constantFrom('', ' ', '-'))
  .map(([second, tail, sep]) => (sep ? `1${second}${tail[0]}${sep}${tail.slice(1, 5)}${sep}${tail.slice(5)}` : `1${second}${tail}`));
const card = fc
  .tuple(digits(15, 18), fc.constantFrom('', ' ', '-'))
  .map(([body, sep]) => (sep ? grouped(withLuhn(body), sep) : withLuhn(body)));
const creditCode = fc.constantFrom(makeCreditCode('91350502MA2Y3K4L'), makeCreditCode('12350502003593210'.slice(0, 16)));
const token = fc.constantFrom(
  '银行卡', '卡号', '账号', '开户行', '身份证号：', '发布日期：', '时间：', '索引号：', '文号', '《', '》', '〔', '〕',
  '[', ']', '(', ')', '号', '年', '月', '日', '-', ' ', '/', '.', ':', '：', '*', 'X', 'x', '+86', '2026', '-11-05',
  '****', '第', '鲤政', '\u3000', '\n', '\uD800',
);

/** Text made of the pieces the parsers care about, in any order, sometimes in full width. */
const text = fc
  .array(
    fc.oneof(
      { arbitrary: idNumber, weight: 3 },
      { arbitrary: mobile, weight: 3 },
      { arbitrary: card, weight: 1 },
      { arbitrary: creditCode, weight: 1 },
      { arbitrary: digits(1, 25), weight: 1 },
      { arbitrary: token, weight: 4 },
      { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
    ),
    { maxLength: 40 },
  )
  .chain((parts) => fc.boolean().map((wide) => (wide ? toFullWidth(parts.join('')) : parts.join(''))));

/** Every string reachable inside a value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const REGIONS = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

function isPlausibleId(candidate: string): boolean {
  const id = candidate.toUpperCase();
  if (!REGIONS.has(id.slice(0, 2))) return false;
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return makeId(id.slice(0, 6), id.slice(6, 14), id.slice(14, 17)) === id && makeCreditCode(id.slice(0, 16)) !== id;
}

/** A clear 11-digit mobile or a clear, plausible 18-character ID in a string, if any. */
function leakIn(s: string): string | null {
  const t = s.replace(/[０-９Ｘｘ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const phone = /(?<!\d)1[3-9]\d{9}(?!\d)/.exec(t);
  if (phone) return phone[0];
  for (const m of t.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) if (isPlausibleId(m[0])) return m[0];
  return null;
}

function runEveryParser(input: string, url: string): unknown[] {
  return [
    parseDate(input),
    findDates(input),
    extractPageDate({ url, meta: { pubdate: input }, text: input, title: input }, { textFallback: true }),
    extractPageDate({ url: input, meta: {}, text: input }),
    findDatedItems(input),
    extractDocNumbers(input),
    extractIndexNumber(input),
    extractIndexNumber(`索引号：${input}`),
    extractQuotedTitles(input),
    extractQuotedTitles(`《${input}》`),
    normaliseTitle(input),
    tidyTitle(input),
    findIdNumbers(input, NOW),
    findMobileNumbers(input),
    findBankCards(input),
    findPersonalData(input, NOW),
    maskPersonalData(input),
    maskValue('id-number', input),
    maskValue('mobile-number', input),
    maskValue('bank-card', input),
  ];
}

describe('text parsers on arbitrary input', () => {
  it('never throw and never return personal data in clear', () => {
    fc.assert(
      fc.property(text, fc.webUrl(), (input, url) => {
        for (const out of strings(runEveryParser(input, url))) expect(leakIn(out), out).toBeNull();
      }),
      { numRuns: 300, seed: 20261120 },
    );
  });

  it('the generator does produce personal data (the property is not vacuous)', () => {
    const samples = fc.sample(text, { numRuns: 300, seed: 20261120 });
    expect(samples.filter((s) => leakIn(s) !== null).length).toBeGreaterThan(40);
  });

  it('finishes quickly on adversarial input', () => {
    const inputs = [
      '1'.repeat(100_000),
      '《'.repeat(50_000) + '》'.repeat(50_000),
      '2026 '.repeat(20_000),
      '2026-1'.repeat(20_000),
      '索引号'.repeat(30_000),
      '鲤政〔2026'.repeat(15_000),
      '139 '.repeat(30_000),
      '卡号 6222 '.repeat(15_000),
    ];
    const started = performance.now();
    for (const input of inputs) runEveryParser(input, 'http://127.0.0.1/');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
