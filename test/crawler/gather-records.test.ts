// The records gatherer: one `records` artifact keyed by record kind, each kind's stored records matched to sites with
// the current config (so a site added after the import gets its records without re-importing), invalid records set
// aside, and the configured export files named as the sources.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createRunResources } from '../../crawler/gatherers.ts';
import type { GatherContext, SiteArtifacts } from '../../crawler/gatherer.ts';
import { recordsGatherer } from '../../crawler/gather-records.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import type { ErrorReport } from '../../contract/records/error-reports.ts';
import { importRecordFile } from '../../imports/store-import.ts';
import { disclosureRequestKind } from '../../contract/records/disclosure-requests.ts';
import { DISCLOSURE_REQUEST_HEADER, recordsWorkspace, requestRows } from '../support/records.ts';

const now = new Date('2026-11-20T10:00:00+08:00');
const ws = recordsWorkspace();

/** The `records` artifact of each configured site, gathered in one run (the store is read once). */
async function gatherAll(config: DistrictConfig) {
  const shared = createRunResources();
  const out: Record<string, NonNullable<SiteArtifacts['records']>> = {};
  for (const site of config.sites) {
    const artifacts: SiteArtifacts = { site, unavailable: {} };
    const ctx = { site, config, now, store: ws.store, shared, needed: new Set(['records']) } as unknown as GatherContext;
    await recordsGatherer.gather(ctx, artifacts);
    out[site.id] = artifacts.records!;
  }
  await shared.closeAll();
  return out;
}

const report = (id: string, siteName: string | null, siteCode: string | null): ErrorReport => ({
  id, siteName, siteCode, type: '错别字', description: null, submittedAt: '2026-11-16T08:00:00+08:00', forwardedAt: null, answeredAt: null, status: null, answer: null,
});

describe('recordsGatherer', () => {
  it("gives each site its error reports by the current config's codes and names, and sets invalid records aside", async () => {
    await ws.store.upsertRecords('error-report', [
      { key: 'A', siteKey: 'portal', data: report('A', '门户', '3505020001'), updatedAt: '2026-11-20T00:00:00Z' },
      // imported before the config named this site: no site then, matched now by name
      { key: 'B', siteKey: null, data: report('B', '鲤城区教育局', null), updatedAt: '2026-11-20T00:00:00Z' },
      { key: 'C', siteKey: null, data: report('C', '别的网站', '3505029999'), updatedAt: '2026-11-20T00:00:00Z' },
      { key: 'D', siteKey: 'edu', data: { id: 'D', siteCode: 'bad' }, updatedAt: '2026-11-20T00:00:00Z' },
    ]);
    const config = ws.config({ errorReports: ['exports/reports.csv'] }, [
      { id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
      { id: 'edu', name: '鲤城区教育局', unit: '区教育局', homepage: 'http://jyj.licheng.gov.cn/' },
    ]);
    const { portal: portalRecords, edu: eduRecords } = await gatherAll(config);
    const portal = portalRecords['error-report']!;
    const edu = eduRecords['error-report']!;
    expect(portal.records.map((r) => r.id)).toEqual(['A']);
    expect(portal.sources).toEqual([join(ws.dir, 'exports/reports.csv')]);
    expect(edu.records.map((r) => r.id)).toEqual(['B']);
    expect(edu.invalid.map((i) => i.id)).toEqual(['D']);
    // no disclosure requests stored or configured: an empty set with no source, for the check to call "not measured"
    expect(portalRecords['disclosure-request']).toEqual({ records: [], invalid: [], sources: [] });
  });

  it('gives each site its disclosure requests, matched again with the current config', async () => {
    await importRecordFile(disclosureRequestKind, await ws.csv('requests.csv', DISCLOSURE_REQUEST_HEADER, requestRows), { config: ws.config(), store: ws.store, now });
    // The sports bureau's site is added after the import: its request is found without re-importing.
    const cfg = ws.config({ disclosureRequests: ['requests.csv'] }, [
      { id: 'portal', name: '门户网站', unit: '区政府办公室', homepage: 'http://www.licheng.gov.cn/', siteCode: '3505020001' },
      { id: 'sport', name: '体育局网站', unit: '区体育局', homepage: 'http://tyj.licheng.gov.cn/' },
    ]);
    const all = await gatherAll(cfg);
    const portal = all.portal['disclosure-request']!;
    const sport = all.sport['disclosure-request']!;
    expect(portal.records.map((r) => r.id)).toEqual(['Q1']);
    expect(sport.records.map((r) => r.id)).toEqual(['Q3']);
    expect(sport.sources).toEqual([join(ws.dir, 'requests.csv')]);
  });
});
