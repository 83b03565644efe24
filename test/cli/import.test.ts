// `govaudit import --kind KIND FILE` and its aliases `import-reports` (error reports) and `import-requests` (disclosure
// requests): what the clerk sees (totals, bad rows with their lines, records matching no site) and the exit codes
// (0 when it ran, 2 when the file cannot be read or has no valid row); an alias and `--kind` print the same.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../cli/main.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { ErrorReport } from '../../contract/records/error-reports.ts';
import type { DisclosureRequest } from '../../contract/records/disclosure-requests.ts';

const REPORTS = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';
const REQUESTS = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';

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
        { id: 'portal', name: '鲤城区人民政府门户网站', unit: '区政府办公室', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
        { id: 'edu', name: '鲤城区教育局', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
      ],
    }),
  );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `govaudit COMMAND ARGS…` against the test config, data folder and clock. */
async function govaudit(command: string[], ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await main([...command, ...args, '--config', configFile, '--data', join(dir, 'data'), '--now', '2026-11-20T10:00:00+08:00']);
  vi.restoreAllMocks();
  return { code, out, err };
}

async function exportFile(name: string, header: string, rows: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, [header, ...rows].join('\n') + '\n');
  return file;
}

async function stored<T>(kind: string) {
  const store = openSqliteStore(join(dir, 'data'));
  const rows = await store.listRecords<T>(kind);
  await store.close();
  return rows;
}

describe('govaudit import-reports', () => {
  const cli = (...args: string[]) => govaudit(['import-reports'], ...args);

  it('prints inserted, updated and skipped rows with line numbers, and the reports matching no site', async () => {
    const file = await exportFile('reports.csv', REPORTS, [
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

    const answered = await exportFile('later.csv', REPORTS, ['R1,鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,2026-11-16 09:00:00,2026-11-18 10:00:00,已办结,已更正']);
    const again = await cli(answered);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^later\.csv: 1 report\(s\) read — 0 new, 1 updated, 0 unchanged; 0 bad row\(s\) skipped\n/);
    const rows = await stored<ErrorReport>('error-report');
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

    const bad = await exportFile('bad.csv', REPORTS, ['X1,鲤城区教育局,,错别字,,yesterday,,,办理中,']);
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

describe('govaudit import-requests', () => {
  const cli = (...args: string[]) => govaudit(['import-requests'], ...args);

  it('prints inserted, updated and skipped rows with line numbers, and the requests matching no site', async () => {
    const file = await exportFile('requests.csv', REQUESTS, [
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
    const rows = await stored<DisclosureRequest>('disclosure-request');
    expect(rows.map((x) => [x.key, x.siteKey])).toEqual([['Q1', 'portal'], ['Q2', 'edu'], ['Q3', null]]);
  });

  it('exits 2 with one line for a missing file, a wholly invalid file, or a missing argument', async () => {
    const missing = await cli(join(dir, 'nope.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^govaudit import-requests: cannot read .*nope\.csv \(ENOENT\)\n$/);

    const invalid = await cli(await exportFile('bad.csv', REQUESTS, ['X1,区教育局,,,yesterday,,0,,办理中']));
    expect(invalid.code).toBe(2);
    expect(invalid.err).toBe('govaudit import-requests: bad.csv: no valid row; nothing imported\n');

    expect((await cli()).code).toBe(2);
  });
});

describe('govaudit import --kind', () => {
  const cases = [
    {
      kind: 'error-reports', store: 'error-report', alias: 'import-reports', header: REPORTS,
      rows: ['R1,鲤城区教育局,,错别字,,2026-11-16 08:00:00,2026-11-16 09:00:00,,办理中,', 'X1,鲤城区教育局,,错别字,,yesterday,,,办理中,', 'Z9,某个不存在的网站,,,,2026-11-16 08:00:00,,,,'],
    },
    {
      kind: 'disclosure-requests', store: 'disclosure-request', alias: 'import-requests', header: REQUESTS,
      rows: ['R1,区教育局,,,2026-10-09 09:00:00,,0,,办理中', 'X1,区教育局,,,yesterday,,0,,办理中', 'Z9,某个不存在的单位,,,2026-11-16 08:00:00,,0,,'],
    },
  ];

  it.each(cases)('--kind $kind prints what $alias prints, with the same exit codes, and stores the same records', async ({ kind, store, alias, header, rows }) => {
    const mixed = await exportFile('mixed.csv', header, rows);
    const unreadable = join(dir, 'nope.csv');
    const allBad = await exportFile('bad.csv', header, [rows[1]]);

    const viaAlias = [await govaudit([alias], mixed), await govaudit([alias], unreadable), await govaudit([alias], allBad), await govaudit([alias])];
    const aliasRows = await stored(store);
    await rm(join(dir, 'data'), { recursive: true, force: true });
    const viaKind = [
      await govaudit(['import', '--kind', kind], mixed),
      await govaudit(['import', '--kind', kind], unreadable),
      await govaudit(['import', '--kind', kind], allBad),
      await govaudit(['import', '--kind', kind]),
    ];
    const kindRows = await stored(store);

    expect(viaKind.map((r) => r.code)).toEqual([0, 2, 2, 2]);
    expect(viaAlias.map((r) => r.code)).toEqual([0, 2, 2, 2]);
    // the same printout; the one-line failures differ only in the command named
    expect(viaKind.map((r) => r.out)).toEqual(viaAlias.map((r) => r.out));
    expect(viaKind.slice(0, 3).map((r) => r.err.replace('govaudit import:', ''))).toEqual(viaAlias.slice(0, 3).map((r) => r.err.replace(`govaudit ${alias}:`, '')));
    expect(viaKind[0].out).toMatch(/^mixed\.csv: 2 \w+\(s\) read — 2 new, 0 updated, 0 unchanged; 1 bad row\(s\) skipped\n/);
    expect(viaKind[1].err).toMatch(/^govaudit import: cannot read .*nope\.csv \(ENOENT\)\n$/);
    expect(viaKind[2].err).toBe('govaudit import: bad.csv: no valid row; nothing imported\n');
    expect(viaKind[3].err).toMatch(/^govaudit import: expected one export file, got 0/);
    expect(viaKind[0].out).toContain('  no site: Z9 (');
    expect(kindRows.map((x) => [x.key, x.siteKey, x.data])).toEqual(aliasRows.map((x) => [x.key, x.siteKey, x.data]));
    expect(kindRows.map((x) => [x.key, x.siteKey])).toEqual([['R1', 'edu'], ['Z9', null]]);
  });

  it('exits 2 naming the kinds when --kind is missing or unknown, and imports nothing', async () => {
    const file = await exportFile('reports.csv', REPORTS, [cases[0].rows[0]]);
    const missing = await govaudit(['import'], file);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toMatch(/^govaudit import: --kind is required: one of error-reports, disclosure-requests/);
    const unknown = await govaudit(['import', '--kind', 'complaints'], file);
    expect(unknown).toMatchObject({ code: 2, out: '', err: 'govaudit import: --kind: unknown record kind "complaints"; one of error-reports, disclosure-requests\n' });
    expect(await stored('error-report')).toEqual([]);
  });

  it('reads a disclosure-request export given as --kind error-reports as the wrong file, not as reports', async () => {
    const requests = await exportFile('requests.csv', REQUESTS, [cases[1].rows[0]]);
    const r = await govaudit(['import', '--kind', 'error-reports'], requests);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^govaudit import: .*requests\.csv: missing required columns: 网站名称, 留言时间, 转办时间 \(line 1\)\n$/);
    expect(await stored('error-report')).toEqual([]);
  });
});
