// Test support for the record kinds (error reports, disclosure requests): a scratch folder with a SQLite store, a
// two-site district config whose sites both kinds can name (by 网站标识码, 网站名称 or 受理机关), export files written
// with a kind's header, and what the store holds of a kind.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { parseConfig } from '../../config/load.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';

export const ERROR_REPORT_HEADER = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';
export const DISCLOSURE_REQUEST_HEADER = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';

/**
 * Error-report rows (after ERROR_REPORT_HEADER, lines 2–6): R1 names the portal by code, R2 the education bureau by
 * name (padded), R3 no configured site; R4 (forwarded before it was submitted) and R5 (month 13) are bad.
 */
export const reportRows = [
  'R1,鲤城区人民政府门户网站,3505020001,错别字,首页错字,2026-11-16 08:00:00,2026-11-16 09:00:00,,办理中,',
  'R2, 鲤城区教育局 ,,链接不可用,栏目打不开,2026-11-02 08:00:00,2026-11-02 10:00:00,2026-11-03 15:00:00,已办结,已修复',
  'R3,鲤城区文化体育和旅游局,3505020099,内容错误,,2026-11-05 08:00:00,2026-11-05 09:00:00,,处理中,',
  'R4,鲤城区教育局,,错别字,,2026-11-06 08:00:00,2026-11-05 09:00:00,,处理中,',
  'R5,鲤城区教育局,,错别字,,2026-13-01 08:00:00,,,处理中,',
];

/**
 * Disclosure-request rows (after DISCLOSURE_REQUEST_HEADER, lines 2–6): Q1 names the portal by code, Q2 the education
 * bureau by unit (padded), Q3 the sports bureau (no configured site); Q4 (−1 days) and Q5 (extension notified before
 * receipt) are bad.
 */
export const requestRows = [
  'Q1,区政府办公室,3505020001,申请公开某项目批复,2026-10-09 09:00:00,,0,,办理中',
  'Q2, 区教育局 ,,申请公开招生计划,2026-09-01 10:00:00,2026-09-25 10:00:00,2,2026-10-30 16:00:00,已答复',
  'Q3,区体育局,,申请公开场馆收费,2026-10-12 10:00:00,,0,,办理中',
  'Q4,区教育局,,申请公开经费,2026-10-12 10:00:00,,-1,,办理中',
  'Q5,区教育局,,申请公开经费,2026-10-12 10:00:00,2026-10-01 10:00:00,0,,办理中',
];

/** The portal (named by code, 网站名称 or 受理机关) and the education bureau (named by its name or its unit). */
export const twoSites = [
  { id: 'portal', name: '鲤城区人民政府门户网站', unit: '区政府办公室', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
  { id: 'edu', name: '鲤城区教育局', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
];

export interface RecordsWorkspace {
  dir: string;
  store: Store;
  /** The district config (its file in `dir`), with `extra` top-level fields and the sites given (default `twoSites`). */
  config(extra?: Record<string, unknown>, sites?: Record<string, unknown>[]): ReturnType<typeof parseConfig>;
  /** Writes an export file `name` in `dir`: the header row, then the rows. */
  csv(name: string, header: string, rows: string[]): Promise<string>;
  /** What the store holds of a record kind, by 编号. */
  stored<T>(kind: string): Promise<Record<string, { siteKey: string | null; data: T }>>;
}

/** A fresh workspace for each test of the calling file (made in beforeEach, removed in afterEach). */
export function recordsWorkspace(): RecordsWorkspace {
  const ws = {} as RecordsWorkspace;
  beforeEach(async () => {
    ws.dir = await mkdtemp(join(tmpdir(), 'govaudit-records-'));
    ws.store = openSqliteStore(join(ws.dir, 'data'));
  });
  afterEach(async () => {
    await ws.store.close();
    await rm(ws.dir, { recursive: true, force: true });
  });
  ws.config = (extra = {}, sites = twoSites) => parseConfig({ district: '测试区', sites, ...extra }, join(ws.dir, 'district.json'));
  ws.csv = async (name, header, rows) => {
    const file = join(ws.dir, name);
    await writeFile(file, [header, ...rows].join('\n') + '\n');
    return file;
  };
  ws.stored = async <T>(kind: string) => {
    const rows = await ws.store.listRecords<T>(kind);
    return Object.fromEntries(rows.map((r) => [r.key, { siteKey: r.siteKey, data: r.data }]));
  };
  return ws;
}
