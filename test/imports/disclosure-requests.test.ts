import { describe, expect, it } from 'vitest';
import { parseRecordExport } from '../../imports/records.ts';
import { disclosureRequestKind, type DisclosureRequest } from '../../contract/records/disclosure-requests.ts';

const TZ = 'Asia/Shanghai';
const disclosureRequestSchema = disclosureRequestKind.schema;
const parseDisclosureRequests = (bytes: Uint8Array, fileName: string, timeZone: string) => parseRecordExport(disclosureRequestKind, bytes, fileName, timeZone);
const HEADER = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';
const csv = (...lines: string[]) => Buffer.from('\uFEFF' + [HEADER, ...lines].join('\r\n') + '\r\n');

const d1: DisclosureRequest = {
  id: 'YSQ-2026-001',
  unit: '区发展和改革委员会',
  siteCode: '1101050002',
  subject: '申请公开2025年部门预算执行情况',
  receivedAt: '2026-09-01T09:30:00+08:00',
  extendedAt: '2026-09-28T16:00:00+08:00',
  suspendedDays: 5,
  answeredAt: '2026-10-20T10:00:00+08:00',
  status: '已答复',
};

describe('parseDisclosureRequests', () => {
  it('reads a UTF-8 (BOM, CRLF) export; an empty day count is 0', () => {
    const bytes = csv(
      'YSQ-2026-001,区发展和改革委员会,1101050002,申请公开2025年部门预算执行情况,2026-09-01 09:30:00,2026-09-28 16:00:00,5,2026-10-20 10:00:00,已答复',
      'YSQ-2026-002,区教育委员会,,,2026-09-02 10:00,,,,办理中',
    );
    expect(parseDisclosureRequests(bytes, 'requests.csv', TZ)).toEqual({
      records: [
        d1,
        { id: 'YSQ-2026-002', unit: '区教育委员会', siteCode: null, subject: null, receivedAt: '2026-09-02T10:00:00+08:00',
          extendedAt: null, suspendedDays: 0, answeredAt: null, status: '办理中' },
      ],
      errors: [],
    });
  });

  it('reports bad day counts, a missing receipt time and out-of-order times by line', () => {
    const bytes = csv(
      'B1,区教育委员会,,,2026-09-02 10:00,,-1,,',
      'B2,区教育委员会,,,2026-09-02 10:00,,1.5,,',
      'B3,区教育委员会,,,,,,2026-09-10 10:00,',
      'B4,区教育委员会,,,2026-09-02 10:00,2026-09-01 10:00,,2026-09-01 10:00,',
      'B5,,,,2026-09-02 10:00,,,,',
      'B6,区教育委员会,,,2026-09-02 10:00,,二,,',
    );
    const { records, errors } = parseDisclosureRequests(bytes, 'requests.csv', TZ);
    expect(records).toEqual([]);
    expect(errors).toEqual([
      { line: 2, message: 'disclosure request B1 (line 2): 补正及征求意见天数 (suspendedDays): must be a whole number of days ≥ 0, got "-1"' },
      { line: 3, message: 'disclosure request B2 (line 3): 补正及征求意见天数 (suspendedDays): must be a whole number of days ≥ 0, got "1.5"' },
      { line: 4, message: 'disclosure request B3 (line 4): 收到申请时间 (receivedAt): is required' },
      {
        line: 5,
        message:
          'disclosure request B4 (line 5): 延期告知时间 (extendedAt): 2026-09-01T10:00:00+08:00 is earlier than 收到申请时间 (receivedAt) 2026-09-02T10:00:00+08:00; ' +
          '答复时间 (answeredAt): 2026-09-01T10:00:00+08:00 is earlier than 收到申请时间 (receivedAt) 2026-09-02T10:00:00+08:00',
      },
      { line: 6, message: 'disclosure request B5 (line 6): 受理机关 (unit): is required when 网站标识码 (siteCode) is empty' },
      { line: 7, message: 'disclosure request B6 (line 7): 补正及征求意见天数 (suspendedDays): must be a whole number of days ≥ 0, got "二"' },
    ]);
  });

  it('names every missing required column', () => {
    const bytes = Buffer.from('编号,受理机关,网站标识码,收到申请时间,答复时间\nB1,区教育委员会,,2026-09-02 10:00,\n');
    expect(parseDisclosureRequests(bytes, 'requests.csv', TZ)).toEqual({
      records: [],
      errors: [{ line: 1, message: 'requests.csv: missing required columns: 延期告知时间, 补正及征求意见天数, 办理状态' }],
    });
  });

  it('reads the JSON form, day counts as numbers or text, duplicates reported by index', () => {
    const items = [
      { ...d1, receivedAt: '2026-09-01 09:30:00', extendedAt: '2026-09-28 16:00:00', answeredAt: '2026-10-20 10:00:00', extra: 'ignored' },
      { id: 'J2', unit: '区民政局', receivedAt: '2026-09-03 09:00', suspendedDays: '2' },
      { id: 'J3', unit: '区民政局', receivedAt: '2026-09-03 09:00', suspendedDays: 2.5 },
      { id: 'YSQ-2026-001', unit: '区民政局', receivedAt: '2026-09-03 09:00' },
    ];
    const { records, errors } = parseDisclosureRequests(Buffer.from(JSON.stringify(items)), 'requests.json', TZ);
    expect(records).toEqual([
      d1,
      { id: 'J2', unit: '区民政局', siteCode: null, subject: null, receivedAt: '2026-09-03T09:00:00+08:00', extendedAt: null,
        suspendedDays: 2, answeredAt: null, status: null },
    ]);
    expect(errors).toEqual([
      { line: 2, message: 'disclosure request J3 (item 2): 补正及征求意见天数 (suspendedDays): must be a whole number of days ≥ 0, got "2.5"' },
      { line: 3, message: 'disclosure request YSQ-2026-001 (item 3): duplicate 编号 (id), first seen at item 0; this row is skipped' },
    ]);
    for (const r of records) expect(disclosureRequestSchema.parse(r)).toEqual(r);
  });
});
