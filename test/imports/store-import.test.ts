// Importing record exports into the store (imports/store-import.ts), for each record kind: site matching (网站标识码,
// then 网站名称 or 受理机关), bad rows with line numbers, idempotent re-import, later answers, nothing stored lost to a
// bad row or an empty cell, GBK and JSON exports, unreadable or foreign files.
import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importRecordFile } from '../../imports/store-import.ts';
import { errorReportKind } from '../../contract/records/error-reports.ts';
import { disclosureRequestKind } from '../../contract/records/disclosure-requests.ts';
import type { Fields, RecordKind, RecordOf } from '../../contract/records/kind.ts';
import { encodeGbk } from '../crawler/gbk.ts';
import { DISCLOSURE_REQUEST_HEADER, ERROR_REPORT_HEADER, recordsWorkspace, reportRows, requestRows } from '../support/records.ts';

const now = new Date('2026-11-20T10:00:00+08:00');
const ws = recordsWorkspace();
type Opts = Parameters<typeof importRecordFile>[2];

/** The helpers each kind's tests use: its export files, its stored records, its import. */
function kindHelpers<F extends Fields>(kind: RecordKind<F>, header: string) {
  return {
    csv: (name: string, rows: string[]) => ws.csv(name, header, rows),
    stored: () => ws.stored<RecordOf<F>>(kind.id),
    importFile: (file: string, opts: Opts) => importRecordFile(kind, file, opts),
  };
}

describe('error reports', () => {
  const HEADER = ERROR_REPORT_HEADER;
  const { csv, stored, importFile: importErrorReportFile } = kindHelpers(errorReportKind, HEADER);
  const first = reportRows;

  describe('importErrorReportFile', () => {
    it('matches by site code then by name, keeps unmatched reports without a site, and reports bad rows by line', async () => {
      const r = await importErrorReportFile(await csv('a.csv', first), { config: ws.config(), store: ws.store, now });
      expect(r).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, bySite: { portal: 1, edu: 1 }, unmatched: [{ id: 'R3', siteName: '鲤城区文化体育和旅游局', siteCode: '3505020099' }] });
      expect(r.errors.map((e) => e.line)).toEqual([5, 6]);
      expect(r.errors[0].message).toMatch(/^error report R4 \(line 5\): 转办时间 \(forwardedAt\).*earlier than 留言时间/);
      expect(r.errors[1].message).toMatch(/^error report R5 \(line 6\): 留言时间 \(submittedAt\)/);
      const s = await stored();
      expect(Object.keys(s)).toEqual(['R1', 'R2', 'R3']);
      expect(s.R1.siteKey).toBe('portal');
      expect(s.R2.siteKey).toBe('edu');
      expect(s.R3.siteKey).toBeNull();
      expect(s.R2.data).toMatchObject({ forwardedAt: '2026-11-02T10:00:00+08:00', answeredAt: '2026-11-03T15:00:00+08:00' });
    });

    it('is idempotent, updates a report answered since, and never loses stored data to a bad row or an empty cell', async () => {
      const cfg = ws.config();
      await importErrorReportFile(await csv('a.csv', first), { config: cfg, store: ws.store, now });
      const again = await importErrorReportFile(await csv('a.csv', first), { config: cfg, store: ws.store, now });
      expect(again).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });

      const later = await csv('b.csv', [
        'R1,鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,2026-11-16 09:00:00,2026-11-19 10:00:00,已办结,已更正',
        'R2,鲤城区教育局,,链接不可用,栏目打不开,2026-11-02 08:00:00,2026-11-02 10:00:00,not a time,已办结,已修复',
      ]);
      const r = await importErrorReportFile(later, { config: cfg, store: ws.store, now });
      expect(r).toMatchObject({ rows: 1, inserted: 0, updated: 1, unchanged: 0 });
      expect(r.errors).toEqual([{ line: 3, message: expect.stringMatching(/^error report R2 \(line 3\): 答复时间/) }]);
      const s = await stored();
      expect(s.R1.data).toMatchObject({ answeredAt: '2026-11-19T10:00:00+08:00', status: '已办结', answer: '已更正', description: '首页错字' });
      expect(s.R2.data).toMatchObject({ answeredAt: '2026-11-03T15:00:00+08:00', description: '栏目打不开' });
      expect(Object.keys(s)).toEqual(['R1', 'R2', 'R3']);
    });

    it('reads GBK CSV and JSON exports', async () => {
      const gbk = join(ws.dir, 'gbk.csv');
      const text = `${HEADER}\r\nG1,鲤城区教育局,,错别字,“通知公告”错字,2026-11-02 08:00:00,2026-11-02 10:00:00,,处理中,\r\n`;
      await writeFile(gbk, encodeGbk(text));
      const json = join(ws.dir, 'r.json');
      await writeFile(json, JSON.stringify([{ id: 'J1', siteName: null, siteCode: '3505020001', type: '错别字', description: null, submittedAt: '2026-11-02 08:00:00', forwardedAt: null, answeredAt: null, status: '处理中', answer: null }]));
      const cfg = ws.config();
      expect(await importErrorReportFile(gbk, { config: cfg, store: ws.store, now })).toMatchObject({ rows: 1, inserted: 1, errors: [] });
      expect(await importErrorReportFile(json, { config: cfg, store: ws.store, now })).toMatchObject({ rows: 1, inserted: 1, errors: [], bySite: { portal: 1 } });
      const s = await stored();
      expect(s.G1.data.description).toBe('“通知公告”错字');
      expect(s.J1.siteKey).toBe('portal');
    });

    it('says why a file cannot be read, and imports nothing', async () => {
      const cfg = ws.config();
      expect((await importErrorReportFile(join(ws.dir, 'missing.csv'), { config: cfg, store: ws.store, now })).fatal).toMatch(/cannot read .*missing\.csv \(ENOENT\)/);
      const xlsx = join(ws.dir, 'r.xlsx');
      await writeFile(xlsx, 'PK');
      expect((await importErrorReportFile(xlsx, { config: cfg, store: ws.store, now })).fatal).toMatch(/not CSV or JSON/);
      expect(await stored()).toEqual({});
    });
  });
});

describe('disclosure requests', () => {
  const { csv, stored, importFile: importDisclosureRequestFile } = kindHelpers(disclosureRequestKind, DISCLOSURE_REQUEST_HEADER);
  const first = requestRows;

  describe('importing a disclosure-request export', () => {
    it('stores good rows by 编号 with their site, and reports bad rows with their line and unmatched requests', async () => {
      const file = await csv('requests.csv', first);
      const r = await importDisclosureRequestFile(file, { config: ws.config(), store: ws.store, now });
      expect(r).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, bySite: { portal: 1, edu: 1 }, unmatched: [{ id: 'Q3', described: '受理机关 区体育局, 网站标识码 —' }] });
      expect(r.errors.map((e) => e.line)).toEqual([5, 6]);
      expect(r.errors[0].message).toMatch(/^disclosure request Q4 \(line 5\): 补正及征求意见天数 \(suspendedDays\)/);
      expect(r.errors[1].message).toMatch(/^disclosure request Q5 \(line 6\): 延期告知时间/);
      const s = await stored();
      expect(Object.keys(s)).toEqual(['Q1', 'Q2', 'Q3']);
      expect(s.Q1.siteKey).toBe('portal');
      expect(s.Q2).toMatchObject({ siteKey: 'edu', data: { unit: '区教育局', suspendedDays: 2, extendedAt: '2026-09-25T10:00:00+08:00', answeredAt: '2026-10-30T16:00:00+08:00' } });
      expect(s.Q3.siteKey).toBeNull();
    });

    it('is idempotent, takes later answers, and never erases a stored value with an empty cell', async () => {
      const file = await csv('requests.csv', first);
      await importDisclosureRequestFile(file, { config: ws.config(), store: ws.store, now });
      const again = await importDisclosureRequestFile(file, { config: ws.config(), store: ws.store, now });
      expect(again).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });

      const later = await csv('later.csv', ['Q1,区政府办公室,3505020001,,2026-10-09 09:00:00,,0,2026-11-06 11:00:00,已答复']);
      const r = await importDisclosureRequestFile(later, { config: ws.config(), store: ws.store, now });
      expect(r).toMatchObject({ rows: 1, inserted: 0, updated: 1 });
      expect((await stored()).Q1.data).toMatchObject({ subject: '申请公开某项目批复', answeredAt: '2026-11-06T11:00:00+08:00', status: '已答复' });
    });

    it('reads a JSON export with the English keys', async () => {
      const file = join(ws.dir, 'requests.json');
      await writeFile(file, JSON.stringify([{ id: 'J1', unit: '区教育局', siteCode: null, receivedAt: '2026-11-02 09:00:00', extendedAt: null, suspendedDays: 0, answeredAt: null, status: '办理中' }]));
      expect(await importDisclosureRequestFile(file, { config: ws.config(), store: ws.store, now })).toMatchObject({ rows: 1, inserted: 1, bySite: { edu: 1 } });
    });

    it('turns an unreadable or foreign file into one fatal reason and imports nothing', async () => {
      expect((await importDisclosureRequestFile(join(ws.dir, 'nope.csv'), { config: ws.config(), store: ws.store, now })).fatal).toMatch(/cannot read .*nope\.csv \(ENOENT\)/);
      const foreign = join(ws.dir, 'reports.csv');
      await writeFile(foreign, '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容\nR1,门户,,,,,,,,\n');
      const r = await importDisclosureRequestFile(foreign, { config: ws.config(), store: ws.store, now });
      expect(r.fatal).toMatch(/missing required columns: 受理机关, 收到申请时间/);
      expect(await stored()).toEqual({});
    });
  });
});
