// `govaudit import-requests`: what the clerk sees (totals, bad rows with their lines, unmatched requests) and the exit
// codes (0 when it ran, 2 when the file cannot be read or has no valid row).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { DisclosureRequest } from '../../contract/artifacts/disclosure-requests.ts';

const HEADER = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-cli-requests-'));
  configFile = join(dir, 'district.json');
  await writeFile(
    configFile,
    JSON.stringify({
      district: '测试区',
      sites: [
        { id: 'portal', name: '门户网站', unit: '区政府办公室', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
        { id: 'edu', name: '教育局网站', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
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
  const code = await main(['import-requests', ...args, '--config', configFile, '--data', join(dir, 'data'), '--now', '2026-11-20T10:00:00+08:00']);
  vi.restoreAllMocks();
  return { code, out, err };
}

async function exportFile(name: string, rows: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

describe('govaudit import-requests', () => {
  it('prints inserted, updated and skipped rows with line numbers, and the requests matching no site', async () => {
    const file = await exportFile('requests.csv', [
      'Q1,区政府办公室,3505020001,,2026-10-09 09:00:00,,0,,办理中',
      'Q2,区教育局,,,2026-09-01 10:00:00,,0,2026-09-29 16:00:00,已答复',
      'Q3,区体育局,,,2026-10-12 10:00:00,,0,,办理中',
      'Q4,区教育局,,,2026-10-12,,0,,办理中',
    ]);
    const r = await cli(file);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      'requests.csv: 3 request(s) read — 3 new, 0 updated, 0 unchanged; 1 bad row(s) skipped',
      expect.stringMatching(/^ {2}skipped: disclosure request Q4 \(line 5\): 收到申请时间 \(receivedAt\)/),
      '  by site: edu 1, portal 1',
      '  no site: Q3 (受理机关 区体育局, 网站标识码 —) kept without a site: add the site, its unit or its siteCode to the config',
      '',
    ]);
    const again = await cli(file);
    expect(again.out).toMatch(/^requests\.csv: 3 request\(s\) read — 0 new, 0 updated, 3 unchanged; 1 bad row\(s\) skipped\n/);
    const store = openSqliteStore(join(dir, 'data'));
    const rows = await store.listRecords<DisclosureRequest>('disclosure-request');
    await store.close();
    expect(rows.map((x) => [x.key, x.siteKey])).toEqual([['Q1', 'portal'], ['Q2', 'edu'], ['Q3', null]]);
  });

  it('exits 2 with one line for a missing file, a wholly invalid file, or a missing argument', async () => {
    const missing = await cli(join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^govaudit import-requests: cannot read .*nope\.csv \(ENOENT\)\n$/);

    const invalid = await cli(await exportFile('bad.csv', ['X1,区教育局,,,yesterday,,0,,办理中']));
    expect(invalid.code).toBe(2);
    expect(invalid.err).toBe('govaudit import-requests: bad.csv: no valid row; nothing imported\n');

    expect((await cli()).code).toBe(2);
  });
});
