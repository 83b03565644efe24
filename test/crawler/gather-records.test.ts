// The records gatherer: a site's stored error reports, matched with the current config, invalid records set aside.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import type { GatherContext, SiteArtifacts } from '../../crawler/gatherer.ts';
import { errorReportsGatherer } from '../../crawler/gather-records.ts';
import type { ErrorReport } from '../../contract/artifacts/error-reports.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-gather-records-'));
  store = openSqliteStore(join(dir, 'data'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const report = (id: string, siteName: string | null, siteCode: string | null): ErrorReport => ({
  id, siteName, siteCode, type: '错别字', description: null, submittedAt: '2026-11-16T08:00:00+08:00', forwardedAt: null, answeredAt: null, status: null, answer: null,
});

describe('errorReportsGatherer', () => {
  it("gives each site its reports by the current config's codes and names, and sets invalid records aside", async () => {
    await store.upsertRecords('error-report', [
      { key: 'A', siteKey: 'portal', data: report('A', '门户', '3505020001'), updatedAt: '2026-11-20T00:00:00Z' },
      // imported before the config named this site: no site then, matched now by name
      { key: 'B', siteKey: null, data: report('B', '鲤城区教育局', null), updatedAt: '2026-11-20T00:00:00Z' },
      { key: 'C', siteKey: null, data: report('C', '别的网站', '3505029999'), updatedAt: '2026-11-20T00:00:00Z' },
      { key: 'D', siteKey: 'edu', data: { id: 'D', siteCode: 'bad' }, updatedAt: '2026-11-20T00:00:00Z' },
    ]);
    const config = parseConfig(
      {
        district: '测试区',
        errorReports: ['exports/reports.csv'],
        sites: [
          { id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
          { id: 'edu', name: '鲤城区教育局', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
        ],
      },
      join(dir, 'district.json'),
    );
    const shared = createRunResources();
    const gather = async (i: number) => {
      const artifacts: SiteArtifacts = { site: config.sites[i], unavailable: {} };
      const ctx = { site: config.sites[i], config, now: new Date('2026-11-20T10:00:00+08:00'), store, shared, needed: new Set(['errorReports']) } as unknown as GatherContext;
      await errorReportsGatherer.gather(ctx, artifacts);
      return artifacts.errorReports!;
    };
    const portal = await gather(0);
    const edu = await gather(1);
    await shared.closeAll();
    expect(portal.reports.map((r) => r.id)).toEqual(['A']);
    expect(portal.sources).toEqual([join(dir, 'exports/reports.csv')]);
    expect(edu.reports.map((r) => r.id)).toEqual(['B']);
    expect(edu.invalid.map((i) => i.id)).toEqual(['D']);
  });
});
