// Importing disclosure-request exports into the store: site matching (网站标识码, then 受理机关), bad rows with line
// numbers, idempotent re-import, later answers without losing stored values, unreadable files; the prepare step over
// the config's `disclosureRequests`; the gatherer matching stored requests to sites with the current config.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load.ts';
import { disclosureRequestsPrepareStep, importDisclosureRequestFile } from '../../scheduler/import-disclosure-requests.ts';
import { DISCLOSURE_REQUEST_KIND } from '../../imports/disclosure-request-records.ts';
import { disclosureRequestsGatherer } from '../../crawler/gather-disclosure-requests.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import type { GatherContext } from '../../crawler/gatherer.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import type { DisclosureRequest } from '../../contract/artifacts/disclosure-requests.ts';

const HEADER = '编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态';
const now = new Date('2026-11-20T10:00:00+08:00');

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-requests-'));
  store = openSqliteStore(join(dir, 'data'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function config(extra: Record<string, unknown> = {}, sites?: Record<string, unknown>[]) {
  return parseConfig(
    {
      district: '测试区',
      sites: sites ?? [
        { id: 'portal', name: '门户网站', unit: '区政府办公室', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
        { id: 'edu', name: '教育局网站', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
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

async function stored(): Promise<Record<string, { siteKey: string | null; data: DisclosureRequest }>> {
  const rows = await store.listRecords<DisclosureRequest>(DISCLOSURE_REQUEST_KIND);
  return Object.fromEntries(rows.map((r) => [r.key, { siteKey: r.siteKey, data: r.data }]));
}

const first = [
  'Q1,区政府办公室,3505020001,申请公开某项目批复,2026-10-09 09:00:00,,0,,办理中',
  'Q2, 区教育局 ,,申请公开招生计划,2026-09-01 10:00:00,2026-09-25 10:00:00,2,2026-10-30 16:00:00,已答复',
  'Q3,区体育局,,申请公开场馆收费,2026-10-12 10:00:00,,0,,办理中',
  'Q4,区教育局,,申请公开经费,2026-10-12 10:00:00,,-1,,办理中',
  'Q5,区教育局,,申请公开经费,2026-10-12 10:00:00,2026-10-01 10:00:00,0,,办理中',
];

describe('importing a disclosure-request export', () => {
  it('stores good rows by 编号 with their site, and reports bad rows with their line and unmatched requests', async () => {
    const file = await csv('requests.csv', first);
    const r = await importDisclosureRequestFile(file, { config: config(), store, now });
    expect(r).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, bySite: { portal: 1, edu: 1 }, unmatched: [{ id: 'Q3', described: '受理机关 区体育局, 网站标识码 —' }] });
    expect(r.errors.map((e) => e.line)).toEqual([5, 6]);
    expect(r.errors[0].message).toMatch(/^disclosure request Q4 \(line 5\): 补正及征求意见天数 \(suspendedDays\)/);
    expect(r.errors[1].message).toMatch(/^disclosure request Q5 \(line 6\): 延期告知时间/);
    const s = await stored();
    expect(Object.keys(s)).toEqual(['Q1', 'Q2', 'Q3']);
    expect(s.Q1.siteKey).toBe('portal');
    expect(s.Q2).toMatchObject({ siteKey: 'edu', data: { unit: '区教育局', suspendedDays: 2, extendedAt: '2026-09-25T10:00:00+08:00', answeredAt: '2026-10-30T16:00:00+08:00' } });
    expect(s.Q3.siteKey).toBeNull();
  });

  it('is idempotent, takes later answers, and never erases a stored value with an empty cell', async () => {
    const file = await csv('requests.csv', first);
    await importDisclosureRequestFile(file, { config: config(), store, now });
    const again = await importDisclosureRequestFile(file, { config: config(), store, now });
    expect(again).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 3 });

    const later = await csv('later.csv', ['Q1,区政府办公室,3505020001,,2026-10-09 09:00:00,,0,2026-11-06 11:00:00,已答复']);
    const r = await importDisclosureRequestFile(later, { config: config(), store, now });
    expect(r).toMatchObject({ rows: 1, inserted: 0, updated: 1 });
    expect((await stored()).Q1.data).toMatchObject({ subject: '申请公开某项目批复', answeredAt: '2026-11-06T11:00:00+08:00', status: '已答复' });
  });

  it('reads a JSON export with the English keys', async () => {
    const file = join(dir, 'requests.json');
    await writeFile(file, JSON.stringify([{ id: 'J1', unit: '区教育局', siteCode: null, receivedAt: '2026-11-02 09:00:00', extendedAt: null, suspendedDays: 0, answeredAt: null, status: '办理中' }]));
    expect(await importDisclosureRequestFile(file, { config: config(), store, now })).toMatchObject({ rows: 1, inserted: 1, bySite: { edu: 1 } });
  });

  it('turns an unreadable or foreign file into one fatal reason and imports nothing', async () => {
    expect((await importDisclosureRequestFile(join(dir, 'nope.csv'), { config: config(), store, now })).fatal).toMatch(/cannot read .*nope\.csv \(ENOENT\)/);
    const foreign = join(dir, 'reports.csv');
    await writeFile(foreign, '编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容\nR1,门户,,,,,,,,\n');
    const r = await importDisclosureRequestFile(foreign, { config: config(), store, now });
    expect(r.fatal).toMatch(/missing required columns: 受理机关, 收到申请时间/);
    expect(await stored()).toEqual({});
  });
});

describe('prepare step and gatherer', () => {
  it('imports the configured exports before an audit, with warnings for what went wrong', async () => {
    await csv('requests.csv', first);
    const cfg = config({ disclosureRequests: ['requests.csv', 'missing.csv'] });
    const warnings = await disclosureRequestsPrepareStep.run({ config: cfg, store, now });
    expect(warnings).toEqual([
      expect.stringMatching(/^disclosure requests .*requests\.csv: 2 bad row\(s\) skipped — disclosure request Q4 \(line 5\)/),
      expect.stringMatching(/^disclosure requests .*requests\.csv: 1 record\(s\) match no configured site \(kept without a site\): Q3$/),
      expect.stringMatching(/^disclosure requests: cannot read .*missing\.csv \(ENOENT\)$/),
    ]);
    expect(Object.keys(await stored())).toEqual(['Q1', 'Q2', 'Q3']);
  });

  it('gives each site its requests, matched again with the current config', async () => {
    await importDisclosureRequestFile(await csv('requests.csv', first), { config: config(), store, now });
    // The sports bureau's site is added after the import: its request is found without re-importing.
    const cfg = config({ disclosureRequests: ['requests.csv'] }, [
      { id: 'portal', name: '门户网站', unit: '区政府办公室', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
      { id: 'sport', name: '体育局网站', unit: '区体育局', homepage: 'http://tyj.licheng.gov.cn/' },
    ]);
    const shared = createRunResources();
    const gather = async (siteIndex: number) => {
      const site = cfg.sites[siteIndex];
      const artifacts: SiteArtifacts = { site, unavailable: {} };
      await disclosureRequestsGatherer.gather({ site, config: cfg, store, now, shared } as unknown as GatherContext, artifacts);
      return artifacts.disclosureRequests!;
    };
    const portal = await gather(0);
    const sport = await gather(1);
    expect(portal.requests.map((r) => r.id)).toEqual(['Q1']);
    expect(sport.requests.map((r) => r.id)).toEqual(['Q3']);
    expect(sport.sources).toEqual([join(dir, 'requests.csv')]);
    await shared.closeAll();
  });
});
