// The probes gatherer reads exactly the judged window of one site's probes from the store.
import { describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import { parseConfig } from '../../config/load.ts';
import { probesGatherer } from '../../crawler/gather-probes.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

describe('probes gatherer', () => {
  it('returns the site probes of the 7 local days before the audit day, oldest first', async () => {
    const config = parseConfig(
      { district: '测试区', sites: ['a', 'b'].map((id) => ({ id, name: id, unit: 'U', homepage: `http://${id}.example.gov.cn/` })) },
      '/tmp/d.json',
    );
    const store = openSqliteStore(':memory:');
    const probe = (siteId: string, at: string, ok = true) => ({ siteId, at, url: `http://${siteId}.example.gov.cn/`, ok, status: ok ? 200 : null, error: ok ? null : 'timeout', timeMs: 50 });
    await store.saveProbes([
      probe('a', '2026-11-12T23:59:59+08:00'), // the day before the window
      probe('a', '2026-11-13T00:00:00+08:00'), // first instant of the window
      probe('a', '2026-11-19T23:59:59+08:00', false), // last instant
      probe('a', '2026-11-20T00:30:00+08:00'), // audit day: not yet judged
      probe('b', '2026-11-15T12:00:00+08:00'),
    ]);
    const site = config.sites[0];
    const artifacts: SiteArtifacts = { site, unavailable: {} };
    await probesGatherer.gather({ site, config, store, now: new Date('2026-11-20T01:30:00+08:00') } as unknown as GatherContext, artifacts);
    expect(artifacts.probes).toEqual({
      timezone: 'Asia/Shanghai',
      days: ['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'],
      from: '2026-11-12T16:00:00.000Z',
      to: '2026-11-19T16:00:00.000Z',
      probes: [
        { at: '2026-11-12T16:00:00.000Z', ok: true, status: 200, error: null, timeMs: 50 },
        { at: '2026-11-19T15:59:59.000Z', ok: false, status: null, error: 'timeout', timeMs: 50 },
      ],
    });
    await store.close();
  });
});
