// `govaudit init`: the starting config for the district and homepages given (YAML with comments, or JSON by the file
// name), loading as written; what it cannot default is asked for by flag with an example; an existing file is kept.
// Also `govaudit token --unit` taking the one unit a partial name matches.
import { runCli } from '../support/cli.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitNamed } from '../../cli/commands/token.ts';
import { loadConfig } from '../../config/load.ts';
import { siteIdFor } from '../../config/starter.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-init-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = runCli;

describe('govaudit init', () => {
  it('writes a commented YAML config that loads, with names and units given or defaulted', async () => {
    const file = join(dir, 'district.yaml');
    const r = await run(['init', '--district', '鲤城区', '--site', 'http://www.licheng.gov.cn/', '--site', 'http://edu.licheng.gov.cn/,鲤城区教育网，泉州市鲤城区教育局', '--out', file]);
    expect([r.code, r.err]).toEqual([0, '']);
    const config = await loadConfig(file);
    expect(config.sites.map((s) => [s.id, s.name, s.unit, s.homepage])).toEqual([
      ['licheng', 'www.licheng.gov.cn', '鲤城区人民政府办公室', 'http://www.licheng.gov.cn/'],
      ['edu-licheng', '鲤城区教育网', '泉州市鲤城区教育局', 'http://edu.licheng.gov.cn/'],
    ]);
    expect(config.store).toBe('data');
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^\$schema: \S+district\.schema\.json$/m);
    expect(text).toContain('# errorReports: exports/error-reports.csv');
  });

  it('writes JSON with $schema when the file name says so', async () => {
    const file = join(dir, 'district.json');
    expect((await run(['init', '--district', '鲤城区', '--site', 'https://www.licheng.gov.cn/', '--out', file])).code).toBe(0);
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(Object.keys(json)).toEqual(['$schema', 'district', 'timezone', 'store', 'sites']);
    expect((await loadConfig(file)).sites[0].id).toBe('licheng');
  });

  it('asks for what it cannot default, and keeps an existing file', async () => {
    const kept = join(dir, 'kept.yaml');
    await writeFile(kept, 'mine');
    const cases = [
      [['init', '--site', 'http://www.licheng.gov.cn/'], /^govaudit init: --district: the district's name is needed \(e\.g\. govaudit init --district/],
      [['init', '--district', '鲤城区'], /^govaudit init: --site: at least one homepage is needed/],
      [['init', '--district', '鲤城区', '--site', 'www.licheng.gov.cn'], /^govaudit init: --site: "www\.licheng\.gov\.cn" is not a URL/],
      [['init', '--district', '鲤城区', '--site', 'ftp://x/'], /^govaudit init: --site: "ftp:\/\/x\/" is not an http\(s\) URL/],
      [['init', '--district', '鲤城区', '--site', 'http://x/', '--out', join(dir, 'x.txt')], /must end in \.yaml, \.yml or \.json/],
      [['init', '--district', '鲤城区', '--site', 'http://x/', '--out', kept], /kept\.yaml already exists; use --force to overwrite it/],
    ] as const;
    for (const [args, message] of cases) {
      const r = await run([...args]);
      expect([r.code, r.err]).toEqual([2, expect.stringMatching(message)]);
    }
    expect(await readFile(kept, 'utf8')).toBe('mine');
  });

  it('makes distinct, valid site ids from homepages', () => {
    const taken = new Set<string>();
    expect(['http://www.licheng.gov.cn/', 'http://www.licheng.gov.cn/', 'http://127.0.0.1:8080/', 'http://[::1]/', 'http://xxgk.qz.gov.cn/'].map((u) => siteIdFor(u, taken))).toEqual([
      'licheng',
      'licheng-2',
      '127-0-0-1-8080',
      '1',
      'xxgk-qz',
    ]);
  });
});

describe('govaudit token --unit', () => {
  const units = ['泉州市鲤城区教育局', '泉州市鲤城区卫生健康局', '泉州市公安局鲤城分局'];
  it('takes the full name, or a part naming exactly one unit', () => {
    expect(unitNamed('泉州市鲤城区教育局', units, '鲤城区')).toBe('泉州市鲤城区教育局');
    expect(unitNamed('鲤城区教育局', units, '鲤城区')).toBe('泉州市鲤城区教育局');
    expect(() => unitNamed('鲤城区', units, '鲤城区')).toThrow('--unit: "鲤城区" matches several units (泉州市鲤城区教育局、泉州市鲤城区卫生健康局); write the full name');
    expect(() => unitNamed('财政局', units, '鲤城区')).toThrow('--unit: "财政局" is not a unit of 鲤城区');
  });
});
