// The district config: defaults, field-naming errors, JSON and YAML, the editor schema kept in step.
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../config/load.ts';
import { districtJsonSchema, schemaFile } from '../../config/json-schema.ts';

const minimal = { district: '鲤城区', sites: [{ id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/' }] };

describe('config', () => {
  it('fills defaults in one place', () => {
    const c = parseConfig(minimal, '/x/district.json');
    expect(c.timezone).toBe('Asia/Shanghai');
    expect(c.crawl.concurrencyPerHost).toBe(4);
    expect(c.sites[0].respectRobots).toBe(true);
    expect(c.resolve).toEqual({});
    expect(c.baseDir).toBe('/x');
  });

  it.each([
    [{ ...minimal, extra: 1 }, 'district.json: (root): unknown field "extra"'],
    [{ ...minimal, sites: [{ ...minimal.sites[0], homepage: 'ftp://x' }] }, 'sites[0].homepage: an http(s) URL'],
    [{ ...minimal, timezone: 'Mars/Olympus' }, 'timezone: an IANA time zone'],
    [{ ...minimal, resolve: { 'www.x.gov.cn': ['999.1.1.1'] } }, 'resolve.www.x.gov.cn[0]'],
    [{ ...minimal, sites: [minimal.sites[0], minimal.sites[0]] }, 'sites[1].id: duplicate site id "portal"'],
    [{ ...minimal, sites: [{ ...minimal.sites[0], columns: [{ name: 'x', url: 'http://a/', kind: 'blog' }] }] }, 'sites[0].columns[0].kind'],
  ])('names the field of a bad config %#', (data, message) => {
    expect(() => parseConfig(data, 'district.json')).toThrow(ConfigError);
    expect(() => parseConfig(data, 'district.json')).toThrow(message);
  });

  it('reads JSON and YAML files and reports unreadable or malformed ones in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govaudit-cfg-'));
    await writeFile(join(dir, 'a.json'), JSON.stringify(minimal));
    await writeFile(join(dir, 'a.yaml'), 'district: 鲤城区\nsites:\n  - id: portal\n    name: 门户\n    unit: 区政府办\n    homepage: http://www.licheng.gov.cn/\n');
    await writeFile(join(dir, 'bad.json'), '{ "district": ');
    expect((await loadConfig(join(dir, 'a.json'))).sites[0].id).toBe('portal');
    expect((await loadConfig(join(dir, 'a.yaml'))).district).toBe('鲤城区');
    await expect(loadConfig(join(dir, 'bad.json'))).rejects.toThrow(/bad\.json: not valid JSON/);
    await expect(loadConfig(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read \(ENOENT\)/);
  });

  it('ships an editor JSON Schema generated from the zod schema', async () => {
    expect(JSON.parse(await readFile(schemaFile, 'utf8'))).toEqual(JSON.parse(JSON.stringify(districtJsonSchema())));
  });
});
