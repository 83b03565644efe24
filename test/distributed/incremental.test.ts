// Incremental crawls in distributed mode, on a real PostgreSQL with a worker in this process: night 2 of a site is
// crawled with conditional requests (the worker reads the page cache the first night's worker left in the store),
// and a run enqueued with `full` (`govaudit audit --full --distributed`) makes the workers fetch every page again —
// the three nights give the same findings, since the site did not change.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '../../checks/identity.ts';
import { links } from '../../checks/links.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { crawlGatherer } from '../../crawler/gather-crawl.ts';
import { enqueueAudit } from '../../scheduler/distributed/enqueue.ts';
import { loadRunMeta } from '../../scheduler/distributed/run-meta.ts';
import { openQueue } from '../../scheduler/distributed/queue.ts';
import { waitForRun } from '../../scheduler/distributed/wait.ts';
import { startWorker, type DistributedWorker } from '../../scheduler/distributed/worker.ts';
import { createLogger } from '../../scheduler/log.ts';
import { openPostgresStore, type PostgresStore } from '../../store/postgres.ts';
import { page } from '../crawler/server.ts';
import { siteConfig, startIncrementalSite, type Exchange, type IncrementalSite } from '../crawler/incremental-site.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';

const pgAvailable = postgresAvailability();
const footer = '<footer><p>主办：测试区人民政府办公室 网站标识码：3505020001 <a href="/contact.html">联系我们</a></p></footer>';

describe.skipIf(pgAvailable.skip)('incremental crawls with distributed workers', () => {
  let site: IncrementalSite;
  let dir: string;
  let store: PostgresStore;
  let worker: DistributedWorker;
  let config: DistrictConfig;
  const schema = scratchSchema('dist_incremental');
  const nights: { runId: string; exchanges: Exchange[]; findings: string[] }[] = [];

  async function night(now: string, full?: boolean) {
    site.reset();
    const boss = await openQueue(store, config.distributed, 'client');
    let runId: string;
    try {
      runId = (await enqueueAudit({ config, store, boss, now: new Date(now), full })).runId;
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    const run = await waitForRun(store, runId, { pollMs: 100 });
    expect(run.state).toBe('done');
    const findings = (await store.listFindings(runId)).map((f) => `${f.code} ${(f.url ?? '').replace(site.origin, '')}`).sort();
    nights.push({ runId, exchanges: [...site.exchanges], findings });
  }

  beforeAll(async () => {
    site = await startIncrementalSite({
      '/': { body: page('测试区人民政府', `<nav><a href="/a.html">通知一</a><a href="/b.html">通知二</a><a href="/gone.html">旧文</a></nav>${footer}`) },
      '/a.html': { body: page('通知一', `<h1>通知一</h1><p>为进一步做好政务公开工作，现将有关事项通知如下。</p>${footer}`) },
      '/b.html': { body: page('通知二', `<h1>通知二</h1><p>现将有关事项通知如下。</p>${footer}`), etag: false, lastModified: 'Mon, 30 Nov 2026 08:00:00 GMT' },
      '/contact.html': { body: page('联系我们', `<p>电话 0595-12345678</p>${footer}`) },
    });
    dir = await mkdtemp(join(tmpdir(), 'govaudit-dist-incremental-'));
    const base = siteConfig(site);
    config = {
      ...base,
      baseDir: dir,
      file: join(dir, 'district.json'),
      distributed: { ...base.distributed, retryLimit: 0, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, lockPollMs: 100, heartbeatSeconds: 5 },
    };
    store = await openPostgresStore(testDatabaseUrl!, { schema: schema.schema });
    const log = createLogger({ level: 'warn', destination: { write: () => undefined } });
    worker = await startWorker({ config, store, concurrency: 2, log, checks: [links, identity], gatherers: [crawlGatherer] });
    await night('2026-12-01T18:00:00.000Z');
    await night('2026-12-02T18:00:00.000Z');
    await night('2026-12-03T18:00:00.000Z', true);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop(1_000);
    await store?.close();
    await schema.drop();
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const pagesAsked = (e: Exchange[], pred: (x: Exchange) => boolean) =>
    e
      .filter((x) => x.method === 'GET' && pred(x))
      .map((x) => `${x.path} ${x.status}`)
      .sort();

  it('night 1 fetches every page in full, with no conditional request', () => {
    expect(pagesAsked(nights[0].exchanges, (x) => x.conditional !== null)).toEqual([]);
    expect(pagesAsked(nights[0].exchanges, (x) => x.status === 200)).toEqual(['/ 200', '/a.html 200', '/b.html 200', '/contact.html 200']);
  });

  it('night 2 asks each kept page conditionally and is answered 304, by ETag or by date', () => {
    expect(nights[1].exchanges.filter((x) => x.conditional !== null).map((x) => `${x.method} ${x.path} ${x.conditional} ${x.status}`).sort()).toEqual([
      'GET / etag 304',
      'GET /a.html etag 304',
      'GET /b.html date 304',
      'GET /contact.html etag 304',
    ]);
    expect(nights[1].exchanges.filter((x) => x.status === 304).reduce((n, x) => n + x.bytes, 0)).toBe(0);
  });

  it('a run enqueued with full makes the workers fetch every page again, and the run says so', async () => {
    expect(pagesAsked(nights[2].exchanges, (x) => x.conditional !== null)).toEqual([]);
    expect(pagesAsked(nights[2].exchanges, (x) => x.status === 200)).toEqual(['/ 200', '/a.html 200', '/b.html 200', '/contact.html 200']);
    expect((await loadRunMeta(store, nights[2].runId))?.full).toBe(true);
    expect((await loadRunMeta(store, nights[1].runId))?.full).toBe(false);
  });

  it('the three nights find the same problems', () => {
    expect(nights[0].findings).toContain('link.broken /gone.html');
    expect(nights[1].findings).toEqual(nights[0].findings);
    expect(nights[2].findings).toEqual(nights[0].findings);
  });
});
