// Malformed config and export files, through the CLI: each gets a one-line message naming the file and the field or
// line, exit code 2, and the store is left exactly as it was (records and runs compared before and after).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

const ER_HEADER = '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容';
const DR_HEADER = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';
const GOOD_REPORT = 'R1,鲤城区人民政府门户网站,3505020001,错别字,首页错字,2026-11-16 08:00:00,2026-11-16 09:00:00,,办理中,';
const GOOD_REQUEST = 'Q1,区政府办公室,3505020001,申请公开预算,2026-10-09 09:00:00,,0,,办理中';
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const site = { id: 'portal', name: '鲤城区人民政府门户网站', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' };
const okConfig = { district: '测试区', sites: [site] };
const withSite = (extra: Record<string, unknown>) => JSON.stringify({ ...okConfig, sites: [{ ...site, ...extra }] });
const withRoot = (extra: Record<string, unknown>) => JSON.stringify({ ...okConfig, ...extra });

let dir: string;
let data: string;
let configFile: string;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main([...args, '--data', data, '--now', '2026-11-20T10:00:00+08:00']);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

/** Everything a user could see of the store: imported records of both kinds and the runs. */
async function storeState(): Promise<unknown> {
  const store = openSqliteStore(data);
  try {
    return { reports: await store.listRecords('error-report'), requests: await store.listRecords('disclosure-request'), runs: await store.listRuns() };
  } finally {
    await store.close();
  }
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-bad-input-'));
  data = join(dir, 'data');
  configFile = await file('district.json', JSON.stringify(okConfig));
  // a store with something in it, so "unchanged" means something
  expect((await cli(['import-reports', await file('good-reports.csv', `${ER_HEADER}\n${GOOD_REPORT}\n`), '--config', configFile])).code).toBe(0);
  expect((await cli(['import-requests', await file('good-requests.csv', `${DR_HEADER}\n${GOOD_REQUEST}\n`), '--config', configFile])).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const gbk = (ascii: string, tail: number[]) => Buffer.concat([Buffer.from(ascii), Buffer.from(tail)]);

/** [file name, content, what stderr must say (after "govaudit import-reports: <dir>/<file>: ")] */
const badConfigs: [string, string | Buffer, RegExp][] = [
  ['wrong-type.json', withRoot({ maxPages: 'many' }), /^maxPages: Invalid input: expected number, received string$/],
  ['unknown-root.json', withRoot({ sitez: [] }), /^\(root\): unknown field "sitez"$/],
  ['unknown-site.json', withSite({ homepageUrl: 'http://x.gov.cn/' }), /^sites\[0\]: unknown field "homepageUrl"$/],
  ['unknown-crawl.json', withRoot({ crawl: { timeout: 5 } }), /^crawl: unknown field "timeout"$/],
  ['bad-cron.json', withRoot({ schedule: { audit: '61 25 * * *' } }), /^schedule\.audit: not a valid cron expression "61 25 \* \* \*"/],
  ['bad-cron-words.json', withRoot({ schedule: { probes: 'every hour' } }), /^schedule\.probes: not a valid cron expression "every hour"/],
  ['bad-url.json', withSite({ homepage: 'www.licheng.gov.cn' }), /^sites\[0\]\.homepage: an http\(s\) URL$/],
  ['ftp-url.json', withSite({ columns: [{ name: '通知公告', url: 'ftp://www.licheng.gov.cn/tzgg/', kind: 'notice' }] }), /^sites\[0\]\.columns\[0\]\.url: an http\(s\) URL$/],
  ['bad-kind.json', withSite({ columns: [{ name: '博客', url: 'http://www.licheng.gov.cn/blog/', kind: 'blog' }] }), /^sites\[0\]\.columns\[0\]\.kind: /],
  ['dup-id.json', JSON.stringify({ ...okConfig, sites: [site, { ...site, name: '另一个' }] }), /^sites\[1\]\.id: duplicate site id "portal"$/],
  ['bad-id.json', withSite({ id: 'Portal Site' }), /^sites\[0\]\.id: lower-case letters, digits and dashes$/],
  ['bad-site-code.json', withSite({ siteCode: '35050200' }), /^sites\[0\]\.siteCode: 10 letters or digits$/],
  ['bad-timezone.json', withRoot({ timezone: 'Asia/Beijing' }), /^timezone: an IANA time zone such as Asia\/Shanghai$/],
  ['bad-resolve.json', withRoot({ resolve: { 'www.licheng.gov.cn': ['999.1.1.1'] } }), /^resolve\.www\.licheng\.gov\.cn\[0\]: an IPv4 or IPv6 address$/],
  ['out-of-range.json', withRoot({ crawl: { maxBodyBytes: 10 } }), /^crawl\.maxBodyBytes: Too small: expected number to be >=1024$/],
  ['no-sites.json', JSON.stringify({ district: '测试区', sites: [] }), /^sites: Too small: expected array to have >=1 items$/],
  ['not-object.json', '[]', /^\(root\): Invalid input: expected object, received array$/],
  ['broken.json', '{\n  "district": "测试区",\n  "sites": [\n    { "id": "portal", }\n  ]\n}\n', /^not valid JSON: .* at line 4, column 23$/],
  ['empty.json', '', /^not valid JSON: Unexpected end of JSON input$/],
  ['broken.yaml', 'district: 测试区\nsites:\n  - id: portal\n\tname: x\n', /^not valid YAML: Tabs are not allowed as indentation at line 4, column 1/],
  ['gbk.json', gbk('{\n  "district": "', [0xb2, 0xe2, 0xca, 0xd4, 0xc7, 0xf8, 0x22, 0x0a, 0x7d]), /^not UTF-8 text \(line 2; saved as GBK\?\): save the file as UTF-8$/],
];

/** [file name, content, stdout must match (or null), stderr must match] for govaudit import-reports. */
const badReports: [string, string | Buffer, RegExp | null, RegExp][] = [
  ['missing-columns.csv', '编号,网站名称,问题类型\nR9,鲤城区人民政府门户网站,错别字\n', null, /missing-columns\.csv: missing required columns: 网站标识码, 留言时间, 转办时间, 答复时间, 办理状态/],
  ['broken-quoting.csv', `${ER_HEADER}\nR9,"鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,,,办理中,\n`, null, /broken-quoting\.csv: CSV error in the row starting on line 2/],
  ['utf16-no-bom.csv', Buffer.from(`${ER_HEADER}\n${GOOD_REPORT}\n`, 'utf16le'), null, /utf16-no-bom\.csv: the file (contains binary data \(NUL bytes\)|is not text in UTF-8 or GBK\/GB18030)/],
  ['workbook.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), null, /workbook\.csv: the file is a zip archive \(an \.xlsx workbook\?\), not CSV or JSON/],
  ['scan.csv', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), null, /scan\.csv: the file is a PDF document/],
  ['empty.csv', '', null, /empty\.csv: .*empty/],
  ['bad-time.csv', `${ER_HEADER}\nR1,鲤城区人民政府门户网站,3505020001,错别字,,yesterday,,,办理中,\n`, /skipped: error report R1 \(line 2\): 留言时间 \(submittedAt\): not a time/, /bad-time\.csv: no valid row; nothing imported/],
  ['out-of-order.csv', `${ER_HEADER}\nR1,鲤城区人民政府门户网站,3505020001,错别字,,2026-11-16 08:00:00,2026-11-15 09:00:00,,办理中,\n`, /skipped: error report R1 \(line 2\)/, /no valid row; nothing imported/],
  ['no-site.csv', `${ER_HEADER}\nR1,,,错别字,,2026-11-16 08:00:00,,,办理中,\n`, /skipped: error report R1 \(line 2\): 网站名称 \(siteName\): is required when 网站标识码/, /no valid row/],
  ['bad-code.csv', `${ER_HEADER}\nR1,鲤城区人民政府门户网站,35050,错别字,,2026-11-16 08:00:00,,,办理中,\n`, /skipped: error report R1 \(line 2\): 网站标识码/, /no valid row/],
  ['not-array.json', JSON.stringify({ id: 'R1' }), null, /not-array\.json: the JSON must be an array of error report objects/],
  ['wrong-types.json', JSON.stringify([{ id: 1, siteName: ['x'], submittedAt: 20261116 }]), /skipped: error report 1 \(item 0\): 网站名称 \(siteName\): must be text or a number; 留言时间 \(submittedAt\): must be a time as text/, /no valid row/],
  ['broken.json', '[{"id": "R1",', null, /broken\.json: not valid JSON/],
  ['notes.txt', '这不是导出文件\n', null, /neither a CSV error report export/],
];

describe('malformed config files', () => {
  it.each(badConfigs)('%s: one line naming the file and the field, exit 2, store unchanged', async (name, content, message) => {
    const before = await storeState();
    const path = await file(name, content);
    const r = await cli(['import-reports', join(dir, 'good-reports.csv'), '--config', path]);
    expect(r.code).toBe(2);
    expect(r.err.endsWith('\n') && r.err.split('\n').length === 2, r.err).toBe(true);
    const prefix = `govaudit import-reports: ${path}: `;
    expect(r.err.startsWith(prefix), r.err).toBe(true);
    expect(r.err.slice(prefix.length).trimEnd()).toMatch(message);
    expect(await storeState()).toEqual(before);
  });
});

describe('malformed error-report exports', () => {
  it.each(badReports)('%s: named by file and line, exit 2, store unchanged', async (name, content, out, err) => {
    const before = await storeState();
    const r = await cli(['import-reports', await file(name, content), '--config', configFile]);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(err);
    if (out) expect(r.out).toMatch(out);
    expect(await storeState()).toEqual(before);
  });

  it('a bad or repeated row changes nothing stored for it; the good rows of the same file are imported', async () => {
    const before = (await storeState()) as { reports: { key: string; data: Record<string, unknown> }[] };
    const r = await cli([
      'import-reports',
      await file('mixed.csv', [ER_HEADER, 'R1,鲤城区人民政府门户网站,3505020001,错别字,,not a date,,,已办结,', 'R2,鲤城区人民政府门户网站,3505020001,链接,,2026-11-17 08:00:00,,,办理中,', 'R2,鲤城区人民政府门户网站,3505020001,改过的,,2026-11-17 08:00:00,,,已办结,'].join('\n') + '\n'),
      '--config',
      configFile,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/skipped: error report R1 \(line 2\): 留言时间/);
    expect(r.out).toMatch(/skipped: error report R2 \(line 4\): duplicate 编号 \(id\), first seen at line 3/);
    const after = (await storeState()) as { reports: { key: string; data: Record<string, unknown> }[] };
    expect(after.reports.find((x) => x.key === 'R1')).toEqual(before.reports.find((x) => x.key === 'R1'));
    expect(after.reports.find((x) => x.key === 'R2')?.data).toMatchObject({ type: '链接', status: '办理中' });
  });
});

describe('malformed disclosure-request exports', () => {
  it.each([
    ['dr-missing.csv', '编号,受理机关\nQ9,区政府办公室\n', /missing required columns: 网站标识码, 收到申请时间/],
    ['dr-days.csv', `${DR_HEADER}\nQ1,区政府办公室,3505020001,申请,2026-10-09 09:00:00,,-3,,办理中\n`, /no valid row/],
    ['dr-quote.csv', `${DR_HEADER}\nQ9,"区政府办公室,3505020001,申请,2026-10-09 09:00:00,,0,,办理中\n`, /CSV error in the row starting on line 2/],
  ])('%s: exit 2, store unchanged', async (name, content, err) => {
    const before = await storeState();
    const r = await cli(['import-requests', await file(name, content), '--config', configFile]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(err);
    expect(await storeState()).toEqual(before);
  });
});

describe('through the installed command', () => {
  it('node bin/govaudit.mjs import-reports bad.csv --data DIR: exit 2, one line, store unchanged', async () => {
    const before = await storeState();
    const bad = await file('bad.csv', `${ER_HEADER}\nR1,"鲤城区人民政府门户网站,3505020001\n`);
    const run = promisify(execFile);
    const failure = await run(process.execPath, [join(repoRoot, 'bin/govaudit.mjs'), 'import-reports', bad, '--config', configFile, '--data', data], { cwd: repoRoot }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/^govaudit import-reports: \S*bad\.csv: CSV error in the row starting on line 2: a quoted field is never closed.*\n$/);
    expect(await storeState()).toEqual(before);
  }, 120_000);
});
