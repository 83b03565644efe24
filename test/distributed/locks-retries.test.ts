// In-process workers on a real PostgreSQL with a stand-in gatherer (no network): two sites on one host are never
// audited at once, even by different workers (advisory locks); a site no worker can audit is retried, dead-lettered
// and marked failed, and its run still completes; `status` shows the failed job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Check } from '../../checks/types.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Gatherer } from '../../crawler/gatherer.ts';
import { enqueueAudit } from '../../scheduler/distributed/enqueue.ts';
import { openQueue, queueSchemaFor, SITE_QUEUE } from '../../scheduler/distributed/queue.ts';
import { collectQueueStatus } from '../../scheduler/distributed/status.ts';
import { startWorker, type DistributedWorker } from '../../scheduler/distributed/worker.ts';
import { createLogger } from '../../scheduler/log.ts';
import { openPostgresStore, type PostgresStore } from '../../store/postgres.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { waitFor } from './children.ts';

const pgAvailable = postgresAvailability();
const NOW = new Date('2026-11-20T10:00:00+08:00');
const MINUTE = 60_000;

const standInCheck: Check = { id: 'stand-in', title: '替身检查', requires: ['crawl'], run: () => [] };

/** A gatherer that records which sites are being gathered and holds each until `open()`. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const state = { entered: [] as string[], active: 0, maxActive: 0 };
  const gatherer: Gatherer = {
    id: 'stand-in',
    produces: ['crawl'],
    async gather(ctx) {
      state.entered.push(ctx.site.id);
      state.maxActive = Math.max(state.maxActive, ++state.active);
      try {
        await opened;
      } finally {
        state.active--;
      }
    },
  };
  return { gatherer, state, open };
}

describe.skipIf(pgAvailable.skip)('distributed workers: host locks, retries and dead letters', () => {
  let dir: string;
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const workers: DistributedWorker[] = [];
  const releases: (() => void)[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'govaudit-locks-'));
  });

  afterAll(async () => {
    for (const r of releases) r();
    for (const w of workers) await w.stop(1_000);
    for (const s of stores) await s.close();
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; DROP SCHEMA IF EXISTS ${queueSchemaFor(s)} CASCADE`);
    await client.end();
    await rm(dir, { recursive: true, force: true });
  }, 2 * MINUTE);

  function district(sites: { id: string; homepage: string }[]): DistrictConfig {
    return parseConfig(
      {
        district: '测试区',
        sites: sites.map((s) => ({ ...s, name: `${s.id} 网站`, unit: `${s.id} 单位` })),
        distributed: { retryLimit: 1, retryDelaySeconds: 0, retryBackoff: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, lockPollMs: 100, heartbeatSeconds: 5 },
      },
      join(dir, 'district.json'),
    );
  }

  async function database(prefix: string): Promise<PostgresStore> {
    const { schema } = scratchSchema(prefix);
    schemas.push(schema);
    const store = await openPostgresStore(testDatabaseUrl!, { schema });
    stores.push(store);
    return store;
  }

  async function enqueue(config: DistrictConfig, store: PostgresStore): Promise<string> {
    const boss = await openQueue(store, config.distributed, 'client');
    try {
      return (await enqueueAudit({ config, store, boss, now: NOW })).runId;
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }

  async function worker(config: DistrictConfig, store: PostgresStore, gatherer: Gatherer, logs: Record<string, unknown>[]): Promise<DistributedWorker> {
    const log = createLogger({ level: 'info', destination: { write: (line: string) => void logs.push(JSON.parse(line)) } });
    const w = await startWorker({ config, store, concurrency: 1, log, checks: [standInCheck], gatherers: [gatherer] });
    workers.push(w);
    return w;
  }

  it('two sites on one host: the second worker waits until the first site is done', async () => {
    const config = district([
      { id: 'a', homepage: 'http://www.shared.gov.cn/a/' },
      { id: 'c', homepage: 'http://www.shared.gov.cn/c/' },
    ]);
    const store = await database('dist_lock');
    const { gatherer, state, open } = gate();
    releases.push(open);
    const logs: Record<string, unknown>[] = [];
    await worker(config, store, gatherer, logs);
    await worker(config, store, gatherer, logs);
    const runId = await enqueue(config, store);

    await waitFor('one site gathered and the other waiting for its host', () => state.entered.length === 1 && logs.some((l) => typeof l.msg === 'string' && l.msg.includes('waiting')), 2 * MINUTE, 50);
    expect(state.entered).toHaveLength(1);
    expect((await store.listSiteRuns(runId)).map((s) => s.state)).toEqual(['running']);
    open();
    await waitFor('the run to complete', async () => (await store.getRun(runId))?.state === 'done', 2 * MINUTE);
    expect([...state.entered].sort()).toEqual(['a', 'c']);
    expect(state.maxActive).toBe(1);
    expect((await store.listSiteRuns(runId)).map((s) => [s.siteId, s.state])).toEqual([['a', 'done'], ['c', 'done']]);
  }, 5 * MINUTE);

  it('a site no worker can audit is retried, dead-lettered and marked failed; the run completes', async () => {
    const enqueued = district([
      { id: 'a', homepage: 'http://a.example.gov.cn/' },
      { id: 'b', homepage: 'http://b.example.gov.cn/' },
    ]);
    const store = await database('dist_dead');
    const { gatherer, state, open } = gate();
    open();
    await worker(district([{ id: 'a', homepage: 'http://a.example.gov.cn/' }]), store, gatherer, []);
    const runId = await enqueue(enqueued, store);

    const run = await waitFor('the run to complete', async () => {
      const r = await store.getRun(runId);
      return r?.state === 'done' ? r : undefined;
    }, 3 * MINUTE);
    expect(state.entered).toEqual(['a']);
    const sites = (run.summary as { sites: { siteId: string; score: number | null; error?: string }[] }).sites;
    expect(sites.map((s) => [s.siteId, s.score === null, s.error ?? null])).toEqual([
      ['a', false, null],
      ['b', true, expect.stringMatching(/^gave up: site "b" is not in this worker's config/)],
    ]);
    const jobs = await store.pool.query(`SELECT data->>'siteId' AS site, state::text AS state, retry_count FROM ${queueSchemaFor(store.schema)}.job WHERE name = $1 ORDER BY 1`, [SITE_QUEUE]);
    expect(jobs.rows).toEqual([
      { site: 'a', state: 'completed', retry_count: 0 },
      { site: 'b', state: 'failed', retry_count: 1 },
    ]);
    const queue = await collectQueueStatus(store, { heartbeatSeconds: 5 });
    expect(queue).toMatchObject({ waiting: 0, active: 0, failed: 1, deadLetters: 0 });
    expect(queue!.recentFailures.map((f) => [f.runId, f.siteId, f.error.startsWith('site "b" is not in this worker\'s config')])).toEqual([[runId, 'b', true]]);
  }, 5 * MINUTE);
});
