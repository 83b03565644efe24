// Importing error-report exports into the store: site matching, bad rows with line numbers, idempotent re-import,
// later answers, nothing stored lost; the prepare step over the config's `errorReports`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load.ts';
import { importErrorReportFile, errorReportsPrepareStep } from '../../scheduler/import-error-reports.ts';
import { ERROR_REPORT_KIND } from '../../imports/error-report-records.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import type { ErrorReport } from '../../contract/artifacts/error-reports.ts';
import { encodeGbk } from '../crawler/gbk.ts';

const HEADER = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';
const now = new Date('2026-11-20T10:00:00+08:00');

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-import-'));
  store = openSqliteStore(join(dir, 'data'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function config(extra: Record<string, unknown> = {}) {
  return parseConfig(
    {
      district: '测试区',
      sites: [
        { id: 'portal', name: '鲤城区人民政府门户网站', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
        { id: 'edu', name: '鲤城区教育局', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
      ],
      ...extra,
    },
    join(dir, 'district.json'),
  );
}

async function csv(name: string, rows: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

async function stored(): Promise<Record<string, { siteKey: string | null; data: ErrorReport }>> {
  const rows = await store.listRecords<ErrorReport>(ERROR_REPORT_KIND);
  return Object.fromEntries(rows.map((r) => [r.key, { siteKey: r.siteKey, data: r.data }]));
}

const first = [
  'R1,鲤城区人民政府门户网站,3505020001,错别字,首页错字,2026-11-16 08:00:00,2026-11-16 09:00:00,,办理中,',
  'R2, 鲤城区教育局 ,,链接不可用,栏目打不开,2026-11-02 08:00:00,2026-11-02 10:00:00,2026-11-03 15:00:00,已办结,已修复',
  'R3,鲤城区文化体育和旅游局,3505020099,内容错误,,2026-11-05 08:00:00,2026-11-05 09:00:00,,处理中,',
  'R4,鲤城区教育局,,错别字,,2026-11-06 08:00:00,2026-11-05 09:00:00,,处理中,',
  'R5,鲤城区教育局,,错别字,,2026-13-01 08:00:00,,,处理中,',
];

describe('importErrorReportFile', () => {
  it('matches by site code then by name, keeps unmatched reports without a site, and reports bad rows by line', async () => {
    const r = await importErrorReportFile(await csv('a.csv', first), { config: config(), store, now });
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
    const cfg = config();
    await importErrorReportFile(await csv('a.csv', first), { config: cfg, store, now });
    const again = await importErrorReportFile(await csv('a.csv', first), { config: cfg, store, now });
    expect(again).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });

    const later = await csv('b.csv', [
      'R1,鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,2026-11-16 09:00:00,2026-11-19 10:00:00,已办结,已更正',
      'R2,鲤城区教育局,,链接不可用,栏目打不开,2026-11-02 08:00:00,2026-11-02 10:00:00,not a time,已办结,已修复',
    ]);
    const r = await importErrorReportFile(later, { config: cfg, store, now });
    expect(r).toMatchObject({ rows: 1, inserted: 0, updated: 1, unchanged: 0 });
    expect(r.errors).toEqual([{ line: 3, message: expect.stringMatching(/^error report R2 \(line 3\): 答复时间/) }]);
    const s = await stored();
    expect(s.R1.data).toMatchObject({ answeredAt: '2026-11-19T10:00:00+08:00', status: '已办结', answer: '已更正', description: '首页错字' });
    expect(s.R2.data).toMatchObject({ answeredAt: '2026-11-03T15:00:00+08:00', description: '栏目打不开' });
    expect(Object.keys(s)).toEqual(['R1', 'R2', 'R3']);
  });

  it('reads GBK CSV and JSON exports', async () => {
    const gbk = join(dir, 'gbk.csv');
    const text = `${HEADER}\r\nG1,鲤城区教育局,,错别字,“通知公告”错字,2026-11-02 08:00:00,2026-11-02 10:00:00,,处理中,\r\n`;
    await writeFile(gbk, encodeGbk(text));
    const json = join(dir, 'r.json');
    await writeFile(json, JSON.stringify([{ id: 'J1', siteName: null, siteCode: '3505020001', type: '错别字', description: null, submittedAt: '2026-11-02 08:00:00', forwardedAt: null, answeredAt: null, status: '处理中', answer: null }]));
    const cfg = config();
    expect(await importErrorReportFile(gbk, { config: cfg, store, now })).toMatchObject({ rows: 1, inserted: 1, errors: [] });
    expect(await importErrorReportFile(json, { config: cfg, store, now })).toMatchObject({ rows: 1, inserted: 1, errors: [], bySite: { portal: 1 } });
    const s = await stored();
    expect(s.G1.data.description).toBe('“通知公告”错字');
    expect(s.J1.siteKey).toBe('portal');
  });

  it('says why a file cannot be read, and imports nothing', async () => {
    const cfg = config();
    expect((await importErrorReportFile(join(dir, 'missing.csv'), { config: cfg, store, now })).fatal).toMatch(/cannot read .*missing\.csv \(ENOENT\)/);
    const xlsx = join(dir, 'r.xlsx');
    await writeFile(xlsx, 'PK');
    expect((await importErrorReportFile(xlsx, { config: cfg, store, now })).fatal).toMatch(/not CSV or JSON/);
    expect(await stored()).toEqual({});
  });
});

describe('the prepare step', () => {
  it("imports the config's exports (relative to the config's folder) and turns problems into warnings", async () => {
    await csv('reports.csv', first);
    const cfg = config({ errorReports: ['reports.csv', 'gone.csv'] });
    const warnings = await errorReportsPrepareStep.run({ config: cfg, store, now });
    expect(warnings).toEqual([
      expect.stringMatching(/reports\.csv: 2 bad row\(s\) skipped — error report R4 \(line 5\)/),
      expect.stringMatching(/reports\.csv: 1 report\(s\) match no configured site .*: R3$/),
      expect.stringMatching(/^error reports: cannot read .*gone\.csv \(ENOENT\)$/),
    ]);
    expect(Object.keys(await stored())).toEqual(['R1', 'R2', 'R3']);
  });
});
