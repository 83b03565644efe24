// Housekeeping deletes raw page data past retention and keeps runs, scores and findings.
import { describe, expect, it } from 'vitest';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { parseConfig } from '../../config/load.ts';
import { runHousekeeping } from '../../scheduler/housekeeping.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

const page = (url: string): PageArtifact => ({ url, finalUrl: url, depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 10, fetchedAt: '2026-01-01T00:00:00Z', timeMs: 5, isHtml: true, title: 't', meta: {}, links: [] });

describe('housekeeping', () => {
  it('purges pages, link targets, probes and settled notifications older than retentionDays, keeping findings and scores', async () => {
    const config = parseConfig({ district: '测试区', retentionDays: 90, sites: [{ id: 'a', name: 'A', unit: 'U', homepage: 'http://a.example/' }] }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    const runs = [
      { id: 'old', startedAt: '2026-08-01T00:00:00.000Z', state: 'done' as const },
      { id: 'recent', startedAt: '2026-11-01T00:00:00.000Z', state: 'done' as const },
      { id: 'old-open', startedAt: '2026-08-02T00:00:00.000Z', state: 'running' as const },
    ];
    for (const r of runs) {
      await store.createRun({ id: r.id, kind: 'audit', asOf: r.startedAt, startedAt: r.startedAt, siteIds: ['a'], state: r.state });
      await store.savePages(r.id, 'a', [page('http://a.example/'), page('http://a.example/x')]);
      await store.saveLinkTargets(r.id, 'a', [{ url: 'http://a.example/x', internal: true, method: 'CRAWL', status: 200, redirects: 0, foundOn: ['http://a.example/'], onHomepage: true, tags: ['a'] }]);
      await store.finishSiteRun({ runId: r.id, siteId: 'a', state: 'done', finishedAt: r.startedAt, score: 90, verdict: '合格', scorecard: { siteId: 'a' }, error: null });
      await store.saveFindings(r.id, 'a', [{ check: 'links', code: 'link.broken', severity: 'minor', siteId: 'a', url: 'http://a.example/y', message: '链接无法访问', evidence: {}, identity: 'i1', firstSeen: r.startedAt, state: 'new' }]);
    }
    await store.saveProbes([
      { siteId: 'a', at: '2026-08-15T00:00:00Z', url: 'http://a.example/', ok: true, status: 200, error: null, timeMs: 5 },
      { siteId: 'a', at: '2026-11-15T00:00:00Z', url: 'http://a.example/', ok: true, status: 200, error: null, timeMs: 5 },
    ]);

    const result = await runHousekeeping({ config, store, clock: () => new Date('2026-11-20T04:00:00+08:00') });
    expect(result).toEqual({ before: '2026-08-21T20:00:00.000Z', pages: 2, linkTargets: 1, probes: 1, notifications: 0 });
    expect([await store.countPages('old'), await store.countPages('recent'), await store.countPages('old-open')]).toEqual([0, 2, 2]);
    for (const r of runs) {
      expect(await store.listFindings(r.id)).toHaveLength(1);
      expect((await store.getSiteRun(r.id, 'a'))?.score).toBe(90);
    }
    expect((await store.listProbes({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).map((p) => p.at)).toEqual(['2026-11-15T00:00:00.000Z']);
    await store.close();
  });
});
