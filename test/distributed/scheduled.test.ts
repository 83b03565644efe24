// The service's scheduled audit with `distributed.scheduledAudits: "queue"`: it enqueues the run for workers (one
// job per site) instead of auditing in-process, never a second one while the first is running, and nothing at startup.
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { parseConfig } from '../../config/load.ts';
import { queueSchemaFor } from '../../scheduler/distributed/queue.ts';
import { collectQueueStatus } from '../../scheduler/distributed/status.ts';
import { createJobs } from '../../scheduler/jobs.ts';
import { createLogger } from '../../scheduler/log.ts';
import type { JobContext } from '../../scheduler/service.ts';
import { openPostgresStore, type PostgresStore } from '../../store/postgres.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';

const pgAvailable = postgresAvailability();
const NOW = new Date('2026-11-20T01:30:00+08:00');

describe.skipIf(pgAvailable.skip)('scheduled audits in distributed mode', () => {
  const { schema } = scratchSchema('dist_sched');
  let store: PostgresStore | undefined;

  afterAll(async () => {
    await store?.close();
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${queueSchemaFor(schema)} CASCADE`);
    await client.end();
  });

  it('enqueues one job per site, once, and nothing at startup', async () => {
    store = await openPostgresStore(testDatabaseUrl!, { schema });
    const config = parseConfig(
      {
        district: '测试区',
        sites: ['a', 'b', 'c'].map((id) => ({ id, name: `${id} 网站`, unit: `${id} 单位`, homepage: `http://${id}.example.gov.cn/` })),
        distributed: { scheduledAudits: 'queue' },
      },
      '/nonexistent/district.json',
    );
    const log = createLogger({ level: 'silent' });
    const jobs = createJobs({ config, store, now: NOW, clock: () => NOW });
    const ctx = (reason: JobContext['reason']): JobContext => ({ signal: new AbortController().signal, log, startedAt: NOW, reason, onAbandon: () => undefined });

    expect(await jobs.audit(ctx('startup'))).toEqual({ ok: true, resumed: false, distributed: true });
    expect(await store.listRuns()).toEqual([]);

    const first = await jobs.audit(ctx('scheduled'));
    expect(first).toMatchObject({ ok: true, distributed: true, sites: 3 });
    const runs = await store.listRuns();
    expect(runs.map((r) => [r.id, r.kind, r.state, r.asOf, r.siteIds])).toEqual([[first.runId, 'distributed-audit', 'running', NOW.toISOString(), ['a', 'b', 'c']]]);
    expect(await collectQueueStatus(store, { heartbeatSeconds: 15 })).toMatchObject({ waiting: 3, active: 0, failed: 0, workers: [] });

    expect(await jobs.audit(ctx('scheduled'))).toEqual({ ok: false, busy: true, holder: `distributed run ${first.runId}` });
    expect((await store.listRuns()).length).toBe(1);
    expect(await store.getLock('audit')).toBeNull();
  }, 120_000);
});
