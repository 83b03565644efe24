// `govaudit token`: issues a token once (stored hashed), lists and revokes; unknown units are a usage error.
import { runCli } from '../support/cli.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyToken } from '../../dashboard/tokens.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

let dir: string;
let cfg: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-token-'));
  cfg = join(dir, 'district.json');
  await writeFile(cfg, JSON.stringify({ district: '鲤城区', sites: [{ id: 'edu', name: '鲤城区教育局网站', unit: '鲤城区教育局', homepage: 'http://edu.lc.gov.cn/' }] }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = runCli;

describe('govaudit token', () => {
  it('issues a unit token that the dashboard accepts, lists it, revokes it', async () => {
    const data = join(dir, 'data');
    const issued = await run(['token', '--unit', '鲤城区教育局', '--label', '信息科', '--config', cfg, '--data', data]);
    expect(issued.code).toBe(0);
    const token = issued.out.trim();
    expect(token).toMatch(/^gat_/);
    const store = openSqliteStore(data);
    const info = await verifyToken(store, token);
    await store.close();
    expect(info).toMatchObject({ scope: 'unit', unit: '鲤城区教育局', label: '信息科' });
    const listed = await run(['token', '--list', '--config', cfg, '--data', data]);
    expect(listed.out).toMatch(new RegExp(`^${info!.id}  单位：鲤城区教育局  “信息科”  签发于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\n`));
    expect(listed.out).not.toContain(token);
    expect((await run(['token', '--revoke', info!.id, '--config', cfg, '--data', data])).code).toBe(0);
    expect((await run(['token', '--list', '--config', cfg, '--data', data])).out).toMatch(/已吊销（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
  });

  it('refuses an unknown unit or a missing action with one line', async () => {
    const bad = await run(['token', '--unit', '不存在的单位', '--config', cfg, '--data', join(dir, 'data')]);
    expect([bad.code, bad.err]).toEqual([2, 'govaudit token: --unit: "不存在的单位" is not a unit of 鲤城区 (units: 鲤城区教育局)\n']);
    const none = await run(['token', '--config', cfg]);
    expect([none.code, none.err]).toEqual([2, 'govaudit token: give exactly one of --center, --unit NAME, --list, --revoke ID\n']);
  });
});
