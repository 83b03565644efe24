// Property tests: whatever bytes or text arrive, the parsers answer with records and errors (or an Error),
// never crash with a non-Error, never hang, and only ever keep records that satisfy the stored schema.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '../../imports/csv.ts';
import { ImportFormatError } from '../../imports/errors.ts';
import { parseRecordExport } from '../../imports/records.ts';
import { errorReportKind } from '../../contract/records/error-reports.ts';
import { disclosureRequestKind } from '../../contract/records/disclosure-requests.ts';
import { parseLocalDateTime, toOffsetIso } from '../../calendar/timezone.ts';

const RUNS = { numRuns: 200, seed: 20260930 };
const errorReportSchema = errorReportKind.schema;
const disclosureRequestSchema = disclosureRequestKind.schema;
const parseErrorReports = (bytes: Uint8Array, name: string, zone: string) => parseRecordExport(errorReportKind, bytes, name, zone);
const parseDisclosureRequests = (bytes: Uint8Array, name: string, zone: string) => parseRecordExport(disclosureRequestKind, bytes, name, zone);
const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York'];
const ER_HEADER = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';
const DR_HEADER = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';

/** CSV-ish text: pieces that stress quoting, line ends, encodings and time stamps. */
const csvBody = fc
  .array(
    fc.oneof(
      fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', ' ', '编号', '区政府网', '1101050001', '2026-09-30 10:00:00', '2026/9/3 9:05', '-1', '3', '\uFEFF', '\u0000'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

function expectWellFormed(result: { records: unknown[]; errors: { line: number | null; message: string }[] }, schema: { parse(v: unknown): unknown }) {
  for (const e of result.errors) {
    expect(typeof e.message).toBe('string');
    expect(e.line === null || (Number.isInteger(e.line) && e.line >= 0)).toBe(true);
  }
  for (const r of result.records) schema.parse(r);
}

describe('parsers never crash on arbitrary input', () => {
  it('parseErrorReports / parseDisclosureRequests return results for random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('x.csv', 'x.json', 'x.txt', 'x'), (bytes, name) => {
        expectWellFormed(parseErrorReports(Buffer.from(bytes), name, 'Asia/Shanghai'), errorReportSchema);
        expectWellFormed(parseDisclosureRequests(Buffer.from(bytes), name, 'Asia/Shanghai'), disclosureRequestSchema);
      }),
      RUNS,
    );
  });

  it('return results for CSV-like text under the real headers', () => {
    fc.assert(
      fc.property(csvBody, fc.constantFrom(...ZONES), (body, zone) => {
        expectWellFormed(parseErrorReports(Buffer.from(`${ER_HEADER}\n${body}`), 'x.csv', zone), errorReportSchema);
        expectWellFormed(parseDisclosureRequests(Buffer.from(`${DR_HEADER}\n${body}`), 'x.csv', zone), disclosureRequestSchema);
      }),
      RUNS,
    );
  });

  it('return results for arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
        const bytes = Buffer.from(JSON.stringify(value) ?? 'null');
        expectWellFormed(parseErrorReports(bytes, 'x.json', 'Asia/Shanghai'), errorReportSchema);
        expectWellFormed(parseDisclosureRequests(bytes, 'x.json', 'Asia/Shanghai'), disclosureRequestSchema);
      }),
      RUNS,
    );
  });

  it('parseCsv either parses or throws ImportFormatError with a line', () => {
    fc.assert(
      fc.property(fc.oneof(csvBody, fc.string({ maxLength: 200 })), (text) => {
        try {
          const table = parseCsv(text);
          expect(table.rows.every((r) => r.line > table.headerLine)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ImportFormatError);
        }
      }),
      RUNS,
    );
  });
});

describe('a well-formed export survives the trip', () => {
  const text = fc.string({ maxLength: 12 }).filter((t) => t.trim() === t && !t.includes('\u0000'));
  const stamp = fc
    .date({ min: new Date('2004-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => toOffsetIso(new Date(Math.floor(d.getTime() / 60_000) * 60_000), 'Asia/Shanghai'));
  const quote = (v: string | null) => (v === null ? '' : `"${v.replaceAll('"', '""')}"`);
  const local = (iso: string | null) => (iso === null ? '' : iso.slice(0, 19).replace('T', ' '));

  it('writes random error reports as CSV and reads back the same records', () => {
    const report = fc.record({
      id: fc.stringMatching(/^[A-Z0-9-]{1,10}$/),
      siteName: fc.constantFrom('区政府网', '某区 "教育" 网,站'),
      siteCode: fc.option(fc.stringMatching(/^[0-9A-Za-z]{10}$/)),
      type: fc.option(text.filter((t) => t !== '')),
      description: fc.option(fc.constantFrom('多行\r\n描述', '含,逗号', '含"引号"')),
      submittedAt: fc.option(stamp),
      status: fc.option(text.filter((t) => t !== '')),
    });
    fc.assert(
      fc.property(fc.uniqueArray(report, { selector: (r) => r.id, maxLength: 8 }), (rows) => {
        const records = rows.map((r) => ({ ...r, forwardedAt: r.submittedAt, answeredAt: null, answer: null }));
        const lines = records.map((r) =>
          [quote(r.id), quote(r.siteName), quote(r.siteCode), quote(r.type), quote(r.description), local(r.submittedAt),
            local(r.forwardedAt), '', quote(r.status), ''].join(','),
        );
        const bytes = Buffer.from([ER_HEADER, ...lines].join('\r\n'));
        expect(parseErrorReports(bytes, 'x.csv', 'Asia/Shanghai')).toEqual({ records, errors: [] });
      }),
      RUNS,
    );
  });
});

describe('parseLocalDateTime', () => {
  it('returns a valid Date or throws a RangeError for any text', () => {
    const stamp = fc
      .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
      .map(([y, mo, d, h, mi]) => `${y}-${mo}-${d} ${h}:${String(mi).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), stamp), fc.constantFrom(...ZONES), (text, zone) => {
        try {
          expect(Number.isFinite(parseLocalDateTime(text, zone).getTime())).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
        }
      }),
      RUNS,
    );
  });

  it('round-trips local times in Shanghai (no DST since 1992) through toOffsetIso', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const instant = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const iso = toOffsetIso(instant, 'Asia/Shanghai');
        expect(iso).toMatch(/\+08:00$/);
        expect(parseLocalDateTime(iso.slice(0, 19).replace('T', ' '), 'Asia/Shanghai').getTime()).toBe(instant.getTime());
      }),
      RUNS,
    );
  });
});
