// `govaudit import-reports`: what the clerk sees (totals, bad rows with their lines, unmatched reports) and the exit
// codes (0 when it ran, 2 when the file cannot be read or has no valid row).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { ErrorReport } from '../../contract/artifacts/error-reports.ts';

const HEADER = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-cli-import-'));
  configFile = join(dir, 'district.json');
  await writeFile(
    configFile,
    JSON.stringify({
      district: '测试区',
      sites: [
        { id: 'portal', name: '鲤城区人民政府门户网站', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
        { id: 'edu', name: '鲤城区教育局', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
      ],
    }),
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await main(['import-reports', ...args, '--config', configFile, '--data', join(dir, 'data'), '--now', '2026-11-20T10:00:00+08:00']);
  vi.restoreAllMocks();
  return { code, out, err };
}

async function exportFile(name: string, rows: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

describe('govaudit import-reports', () => {
  it('prints inserted, updated and skipped rows with line numbers, and the reports matching no site', async () => {
    const file = await exportFile('reports.csv', [
      'R1,鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,2026-11-16 09:00:00,,办理中,',
      'R2,鲤城区教育局,,链接不可用,,2026-11-02 08:00:00,2026-11-02 10:00:00,2026-11-03 15:00:00,已办结,',
      'R3,鲤城区体育中心,,错别字,,2026-11-02 08:00:00,,,办理中,',
      'R4,鲤城区教育局,,错别字,,2026-11-02,,,办理中,',
    ]);
    const r = await cli(file);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'reports.csv: 3 report(s) read — 3 new, 0 updated, 0 unchanged; 1 bad row(s) skipped',
      expect.stringMatching(/^ {2}skipped: error report R4 \(line 5\): 留言时间 \(submittedAt\): not a time/),
      '  by site: edu 1, portal 1',
      '  no site: R3 (网站名称 鲤城区体育中心, 网站标识码 —) kept without a site: add the site or its siteCode to the config',
      '',
    ]);

    const answered = await exportFile('later.csv', ['R1,鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,2026-11-16 09:00:00,2026-11-18 10:00:00,已办结,已更正']);
    const again = await cli(answered);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^later\.csv: 1 report\(s\) read — 0 new, 1 updated, 0 unchanged; 0 bad row\(s\) skipped\n/);
    const store = openSqliteStore(join(dir, 'data'));
    const rows = await store.listRecords<ErrorReport>('error-report');
    await store.close();
    expect(rows.map((x) => [x.key, x.siteKey, x.data.answeredAt])).toEqual([
      ['R1', 'portal', '2026-11-18T10:00:00+08:00'],
      ['R2', 'edu', '2026-11-03T15:00:00+08:00'],
      ['R3', null, null],
    ]);
  });

  it('exits 2 with one line for a missing file, a wholly invalid file, or a missing argument', async () => {
    const missing = await cli(join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^govaudit import-reports: cannot read .*nope\.csv \(ENOENT\)\n$/);

    const bad = await exportFile('bad.csv', ['X1,鲤城区教育局,,错别字,,yesterday,,,办理中,']);
    const invalid = await cli(bad);
    expect(invalid.code).toBe(2);
    expect(invalid.out).toMatch(/skipped: error report X1 \(line 2\)/);
    expect(invalid.err).toBe('govaudit import-reports: bad.csv: no valid row; nothing imported\n');

    const notCsv = join(dir, 'notes.txt');
    await writeFile(notCsv, 'hello\nworld\n');
    const wrong = await cli(notCsv);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/neither a CSV error report export/);

    expect((await cli()).code).toBe(2);
  });
});
