import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseRecordExport } from '../../imports/records.ts';
import { errorReportKind, type ErrorReport } from '../../contract/records/error-reports.ts';

const TZ = 'Asia/Shanghai';
const errorReportSchema = errorReportKind.schema;
const parseErrorReports = (bytes: Uint8Array, fileName: string, timeZone: string) => parseRecordExport(errorReportKind, bytes, fileName, timeZone);
const HEADER = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n') + '\n');

const r1: ErrorReport = {
  id: 'ZC2026-0931',
  siteName: '某区人民政府门户网站',
  siteCode: '1101050001',
  type: '链接不可用',
  description: '“政务公开”栏目链接打不开',
  submittedAt: '2026-09-29T08:15:00+08:00',
  forwardedAt: '2026-09-30T10:00:00+08:00',
  answeredAt: '2026-10-09T23:00:00+08:00',
  status: '已办结',
  answer: '已修复该链接',
};
const r2: ErrorReport = {
  id: 'ZC2026-1009',
  siteName: '某区发展和改革委员会网站',
  siteCode: '1101050002',
  type: '内容错误',
  description: '页面错别字',
  submittedAt: '2026-10-09T08:00:00+08:00',
  forwardedAt: '2026-10-09T09:30:00+08:00',
  answeredAt: null,
  status: '办理中',
  answer: null,
};

describe('parseErrorReports: CSV', () => {
  it('reads a UTF-8 export, times stored with the offset, empty cells as null', () => {
    const bytes = csv(
      'ZC2026-0931,某区人民政府门户网站,1101050001,链接不可用,“政务公开”栏目链接打不开,2026-09-29 08:15:00,2026-09-30 10:00:00,2026-10-09 23:00:00,已办结,已修复该链接',
      'ZC2026-1009,某区发展和改革委员会网站,1101050002,内容错误,页面错别字,2026/10/9 08:00,2026/10/9 09:30,,办理中,',
    );
    expect(parseErrorReports(bytes, 'reports.csv', TZ)).toEqual({ records: [r1, r2], errors: [] });
  });

  it('reads the GBK export written by Excel on Chinese Windows (CRLF)', () => {
    const bytes = readFileSync(new URL('../../fixtures/exports/test/error-reports-gbk.csv', import.meta.url));
    expect(parseErrorReports(bytes, 'error-reports-gbk.csv', TZ)).toEqual({ records: [r1, r2], errors: [] });
  });

  it('reads times in the configured zone', () => {
    const bytes = csv('A1,区政府网,,,,2026-09-30 10:00:00,2026-09-30 10:00:00,,,');
    const { records } = parseErrorReports(bytes, 'r.csv', 'UTC');
    expect(records.map((r) => r.forwardedAt)).toEqual(['2026-09-30T10:00:00+00:00']);
  });

  it('reports bad rows with their line and reason, keeps the good ones', () => {
    const bytes = csv(
      'A1,区政府网,1101050001,,,2026-09-29 08:00:00,2026-09-30 10:00:00,2026-10-08 09:00:00,已办结,',
      ',区政府网,1101050001,,,,2026-09-30 10:00:00,,,',
      'A3,区政府网,1101050001,,,,2026-09-31 10:00:00,,,',
      'A4,,,,,,2026-09-30 10:00:00,,,',
      'A5,区政府网,12345,,,,2026-10-09 10:00:00,2026-10-08 10:00:00,,',
      '"A6,多行",区政府网,1101050001,"描述',
      '第二行",,,2026-09-30 10:00,30/09/2026,,,',
      'A7,区政府网,1101050001,,,,2026-09-30 10:00:00',
      ',,,,,,,,,',
      'A8,区政府网,1101050001,,,,2026-09-30 10:00:00,,,,',
      'A9,区政府网,1101050001,,,,13812345678 张先生,,,',
    );
    const { records, errors } = parseErrorReports(bytes, 'r.csv', TZ);
    expect(records.map((r) => r.id)).toEqual(['A1', 'A8']);
    expect(errors).toEqual([
      { line: 3, message: 'error report (line 3): 编号 (id): is required' },
      { line: 4, message: expect.stringMatching(/^error report A3 \(line 4\): 转办时间 \(forwardedAt\): not a valid date/) },
      { line: 5, message: 'error report A4 (line 5): 网站名称 (siteName): is required when 网站标识码 (siteCode) is empty' },
      {
        line: 6,
        message:
          'error report A5 (line 6): 网站标识码 (siteCode): must be 10 letters or digits; ' +
          '答复时间 (answeredAt): 2026-10-08T10:00:00+08:00 is earlier than 转办时间 (forwardedAt) 2026-10-09T10:00:00+08:00',
      },
      { line: 7, message: expect.stringMatching(/^error report A6,多行 \(line 7\): 答复时间 \(answeredAt\): not a time of the form/) },
      { line: 9, message: 'error report (line 9) has 7 cells but the header has 10' },
      { line: 12, message: 'error report A9 (line 12): 转办时间 (forwardedAt): not a time of the form YYYY-MM-DD HH:MM:SS: "138******78 张先生"' },
    ]);
  });

  it('refuses a header without required columns, naming them, and keeps no record', () => {
    const bytes = Buffer.from('编号,网站名称,网站标识码,留言时间,办理状态\nA1,区政府网,1101050001,2026-09-30 10:00:00,已办结\n');
    expect(parseErrorReports(bytes, 'r.csv', TZ)).toEqual({
      records: [],
      errors: [{ line: 1, message: 'r.csv: missing required columns: 转办时间, 答复时间' }],
    });
  });

  it('accepts an export without the free-text columns', () => {
    const bytes = Buffer.from('编号,网站名称,网站标识码,留言时间,转办时间,答复时间,办理状态\nA1,区政府网,1101050001,,2026-09-30 10:00:00,,办理中\n');
    const { records, errors } = parseErrorReports(bytes, 'r.csv', TZ);
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { id: 'A1', siteName: '区政府网', siteCode: '1101050001', type: null, description: null, submittedAt: null,
        forwardedAt: '2026-09-30T10:00:00+08:00', answeredAt: null, status: '办理中', answer: null },
    ]);
  });

  it('stops at broken quoting with one error naming the line', () => {
    const bytes = csv('A1,区政府网,1101050001,,,,2026-09-30 10:00:00,,,', 'A2,区政府网,1101050001,,"未闭合的引号,,2026-09-30 10:00:00,,,');
    expect(parseErrorReports(bytes, 'r.csv', TZ)).toEqual({
      records: [],
      errors: [{ line: 3, message: 'r.csv: CSV error in the row starting on line 3: a quoted field is never closed (unbalanced ")' }],
    });
  });

  it('reports a repeated 编号 on the later row and keeps the first', () => {
    const bytes = csv(
      'A1,区政府网,1101050001,,,,2026-09-30 10:00:00,,,',
      'A2,区政府网,1101050001,,,,2026-09-30 11:00:00,,,',
      'A1,区政府网,1101050001,,,,2026-10-08 10:00:00,,,',
    );
    const { records, errors } = parseErrorReports(bytes, 'r.csv', TZ);
    expect(records.map((r) => [r.id, r.forwardedAt])).toEqual([
      ['A1', '2026-09-30T10:00:00+08:00'],
      ['A2', '2026-09-30T11:00:00+08:00'],
    ]);
    expect(errors).toEqual([{ line: 4, message: 'error report A1 (line 4): duplicate 编号 (id), first seen at line 2; this row is skipped' }]);
  });
});

describe('parseErrorReports: JSON and other files', () => {
  it('reads a JSON array with the English keys; bad items are reported by index', () => {
    const items = [
      { ...r1, submittedAt: '2026-09-29 08:15:00', forwardedAt: '2026-09-30 10:00:00', answeredAt: '2026-10-09 23:00:00' },
      { id: 'J2', siteName: '区政府网', forwardedAt: 20260930 },
      'not an object',
      { id: 'J4', siteCode: '1101050001', forwardedAt: '2026-09-30T02:00:00Z' },
      { id: 'J4', siteCode: '1101050001' },
    ];
    const { records, errors } = parseErrorReports(Buffer.from(JSON.stringify(items)), 'reports.json', TZ);
    expect(records).toEqual([
      r1,
      { id: 'J4', siteName: null, siteCode: '1101050001', type: null, description: null, submittedAt: null,
        forwardedAt: '2026-09-30T10:00:00+08:00', answeredAt: null, status: null, answer: null },
    ]);
    expect(errors).toEqual([
      { line: 1, message: 'error report J2 (item 1): 转办时间 (forwardedAt): must be a time as text (YYYY-MM-DD HH:MM:SS), not a number' },
      { line: 2, message: expect.stringMatching(/^error report \(item 2\) is not an object with the keys id, siteName/) },
      { line: 4, message: 'error report J4 (item 4): duplicate 编号 (id), first seen at item 3; this row is skipped' },
    ]);
    for (const r of records) expect(errorReportSchema.parse(r)).toEqual(r);
  });

  it('says clearly when a file is neither CSV nor JSON', () => {
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'reports.xlsx', /reports\.xlsx is a \.xlsx file, not CSV or JSON/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'reports.csv', /zip archive/],
      [Buffer.from('<html><body>登录超时</body></html>\n'), 'reports.csv', /neither a CSV error report export .*nor a JSON array/],
      [Buffer.from('[{"id": "A1",'), 'reports.json', /not valid JSON/],
      [Buffer.from('{"records": []}'), 'reports.json', /must be an array of error report objects/],
      [Buffer.from(''), 'reports.csv', /header row is required/],
    ];
    for (const [bytes, name, message] of cases) {
      const result = parseErrorReports(bytes, name, TZ);
      expect(result.records, name).toEqual([]);
      expect(result.errors, name).toHaveLength(1);
      expect(result.errors[0].message, name).toMatch(message);
    }
  });

  it('throws for an unknown time zone, a caller mistake', () => {
    expect(() => parseErrorReports(csv(), 'r.csv', 'Asia/Nowhere')).toThrow(RangeError);
  });
});
