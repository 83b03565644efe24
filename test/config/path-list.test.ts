// Config conveniences of issue 28 item 5: a single path where a list of paths is expected; type errors name the
// field and, read from a file, its line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../config/load.ts';

const site = { id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/' };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-pathlist-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('lists of paths', () => {
  it('take a single string as a one-element list, a list as it is, nothing as none', () => {
    const one = parseConfig({ district: '鲤城区', sites: [site], errorReports: 'exports/reports.csv', disclosureRequests: 'exports/requests.csv' }, '/x/d.json');
    expect([one.errorReports, one.disclosureRequests]).toEqual([['exports/reports.csv'], ['exports/requests.csv']]);
    const list = parseConfig({ district: '鲤城区', sites: [site], errorReports: ['a.csv', 'b.csv'] }, '/x/d.json');
    expect([list.errorReports, list.disclosureRequests]).toEqual([['a.csv', 'b.csv'], []]);
  });

  it('refuse other types naming the field', () => {
    expect(() => parseConfig({ district: '鲤城区', sites: [site], errorReports: 5 }, 'd.json')).toThrow('d.json: errorReports: a file path or a list of file paths');
    expect(() => parseConfig({ district: '鲤城区', sites: [site], errorReports: '' }, 'd.json')).toThrow('d.json: errorReports: a file path or a list of file paths');
  });

  it('a single-string path loads from a YAML file', async () => {
    const file = join(dir, 'one.yaml');
    await writeFile(file, `district: 鲤城区\nerrorReports: exports/reports.csv\nsites:\n  - id: portal\n    name: 门户\n    unit: 区政府办\n    homepage: http://www.licheng.gov.cn/\n`);
    expect((await loadConfig(file)).errorReports).toEqual(['exports/reports.csv']);
  });
});

describe('type errors read from a file', () => {
  it('name the field and its line, in YAML and in JSON', async () => {
    const yaml = join(dir, 'bad.yaml');
    await writeFile(yaml, `district: 鲤城区\nmaxPages: many\nsites:\n  - id: portal\n    name: 门户\n    unit: 区政府办\n    homepage: ftp://www.licheng.gov.cn/\n    colour: blue\n`);
    await expect(loadConfig(yaml)).rejects.toThrow(
      `${yaml}: maxPages (line 2): Invalid input: expected number, received string; sites[0].homepage (line 7): an http(s) URL; sites[0] (line 8): unknown field "colour"`,
    );
    const json = join(dir, 'bad.json');
    await writeFile(json, JSON.stringify({ district: '鲤城区', sites: [{ ...site, homepage: 'nope' }], errorReports: 3 }, null, 2));
    await expect(loadConfig(json)).rejects.toThrow(`${json}: sites[0].homepage (line 8): an http(s) URL; errorReports (line 11): a file path or a list of file paths`);
  });
});
