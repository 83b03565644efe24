// Many sites in flight in one worker (issue 19 item 1), on a real PostgreSQL: a worker's advisory locks all live on
// ONE connection however many sites it has in flight; two sites of one worker sharing a host still never run at
// once (in-process mutex); a dropped lock connection aborts the sites that held locks on it and frees their keys
// for other workers; 20 sites are in flight at once in one worker; and generated sites with latency audited
// (real crawl, real checks) by one worker with all sites in flight give exactly the findings of one at a time — without
// the browser, and with the browser checks sharing the worker's one Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startFarm, type FarmHandle } from '../../bench/site/control.ts';
import { allChecks } from '../../checks/index.ts';
import type { Check } from '../../checks/types.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Gatherer } from '../../crawler/gatherer.ts';
import { allGatherers } from '../../crawler/gatherers.ts';
import { enqueueAudit } from '../../scheduler/distributed/enqueue.ts';
import { LockSession } from '../../scheduler/distributed/locks.ts';
import { openQueue, queueSchemaFor } from '../../scheduler/distributed/queue.ts';
import { startWorker, type DistributedWorker } from '../../scheduler/distributed/worker.ts';
import { createLogger } from '../../scheduler/log.ts';
import { openPostgresStore, type PostgresStore } from '../../store/postgres.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { waitFor } from './children.ts';

const pgAvailable = postgresAvailability();
const NOW = new Date('2026-11-20T10:00:00+08:00');
const MINUTE = 60_000;

const standInCheck: Check = { id: 'stand-in', title: '替身检查', requires: ['crawl'], run: () => [] };

/** Backend pids holding the advisory locks of `keys` (as LockSession takes them: hashtext of the key). */
async function lockHolders(client: pg.Client, keys: string[]): Promise<{ pid: number; locks: number }[]> {
  const { rows } = await client.query<{ pid: number; locks: string }>(
    `SELECT l.pid, count(*) AS locks FROM pg_locks l JOIN unnest($1::text[]) AS k
       ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
      AND l.classid = ((hashtext(k)::bigint >> 32) & 4294967295)::oid AND l.objid = (hashtext(k)::bigint & 4294967295)::oid
     GROUP BY l.pid`,
    [keys],
  );
  return rows.map((r) => ({ pid: r.pid, locks: Number(r.locks) }));
}

/** A stand-in gatherer: records which sites are in it at once and holds each until `open()`. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const state = { active: new Set<string>(), maxActive: 0, entered: [] as string[], together: [] as string[][] };
  const gatherer: Gatherer = {
    id: 'stand-in',
    produces: ['crawl'],
    async gather(ctx) {
      state.entered.push(ctx.site.id);
      state.active.add(ctx.site.id);
      state.maxActive = Math.max(state.maxActive, state.active.size);
      state.together.push([...state.active].sort());
      try {
        await opened;
      } finally {
        state.active.delete(ctx.site.id);
      }
    },
  };
  return { gatherer, state, open };
}

describe.skipIf(pgAvailable.skip)('many sites in one worker', () => {
  let dir: string;
  let admin: pg.Client;
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const workers: DistributedWorker[] = [];
  const sessions: LockSession[] = [];
  const releases: (() => void)[] = [];
  let farm: FarmHandle | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'govaudit-many-'));
    admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
  });

  afterAll(async () => {
    for (const r of releases) r();
    for (const w of workers) await w.stop(1_000);
    for (const s of sessions) await s.close();
    for (const s of stores) await s.close();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; DROP SCHEMA IF EXISTS ${queueSchemaFor(s)} CASCADE`);
    await admin.end();
    await farm?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 2 * MINUTE);

  function session(): LockSession {
    const s = new LockSession({ connectionString: testDatabaseUrl! });
    sessions.push(s);
    return s;
  }

  function district(sites: Record<string, unknown>[], extra: Record<string, unknown> = {}): DistrictConfig {
    return parseConfig(
      {
        district: '测试区',
        asOf: NOW.toISOString(),
        sites: sites.map((s) => ({ name: `${s.id} 网站`, unit: `${s.id} 单位`, ...s })),
        distributed: { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, lockPollMs: 100, heartbeatSeconds: 5 },
        ...extra,
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

  async function worker(config: DistrictConfig, store: PostgresStore, concurrency: number, checks: Check[], gatherers: Gatherer[]): Promise<DistributedWorker> {
    const log = createLogger({ level: 'warn', destination: { write: () => undefined } });
    const w = await startWorker({ config, store, concurrency, log, checks, gatherers });
    workers.push(w);
    return w;
  }

  it('one lock session: its sites exclude each other on a shared key, other sessions are excluded, all locks on one connection', async () => {
    const ns = `many_${process.pid}_${Date.now()}`;
    const key = (k: string) => `${ns}:${k}`;
    const one = session();
    const other = session();
    const a = await one.acquire([key('site:a'), key('host:h1')], { pollMs: 50 });
    const b = await one.acquire([key('site:b'), key('host:h2')], { pollMs: 50 });
    let waits = 0;
    let cTaken = false;
    // site c shares host h1 with a, in the same worker: it must wait although its session already holds h1's lock
    const c = one.acquire([key('site:c'), key('host:h1')], { pollMs: 50, onWait: () => waits++ }).then((h) => {
      cTaken = true;
      return h;
    });
    let dWaited = false;
    const stopD = new AbortController();
    const d = other.acquire([key('site:d'), key('host:h2')], { pollMs: 50, signal: stopD.signal, onWait: () => (dWaited = true) });
    await waitFor('c and d to wait', () => waits === 1 && dWaited, MINUTE, 20);
    expect(cTaken).toBe(false);
    expect(one.heldKeys()).toEqual([key('host:h1'), key('host:h2'), key('site:a'), key('site:b')]);
    const held = await lockHolders(admin, [key('site:a'), key('host:h1'), key('site:b'), key('host:h2')]);
    expect(held.map((h) => h.locks)).toEqual([4]);

    await a.release();
    const cHeld = await c;
    expect(one.heldKeys()).toEqual([key('host:h1'), key('host:h2'), key('site:b'), key('site:c')]);
    stopD.abort(new Error('test over'));
    await expect(d).rejects.toThrow('test over');
    await b.release();
    await cHeld.release();
    expect(one.heldKeys()).toEqual([]);
    expect(await lockHolders(admin, [key('site:a'), key('host:h1'), key('site:b'), key('host:h2'), key('site:c')])).toEqual([]);
    expect(one.connections).toBe(1);
  });

  it('a dropped lock connection aborts the sites holding locks on it, frees their keys, and the next acquire reconnects', async () => {
    const ns = `many_drop_${process.pid}_${Date.now()}`;
    const keys = [`${ns}:site:a`, `${ns}:host:h`];
    const lostKeys: string[][] = [];
    const one = new LockSession({ connectionString: testDatabaseUrl!, onLost: (_e, k) => lostKeys.push(k) });
    sessions.push(one);
    const held = await one.acquire(keys, { pollMs: 50 });
    const [{ pid }] = await lockHolders(admin, keys);
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await waitFor('the locks to be reported lost', () => held.lost.aborted, MINUTE, 20);
    expect((held.lost.reason as Error).message).toMatch(/^lost the site's advisory locks: /);
    expect(lostKeys).toEqual([keys]);
    // another worker takes them at once
    const other = await session().acquire(keys, { pollMs: 50 });
    await other.release();
    // this worker's own next site waits for the aborted one to let go, then gets a new connection
    let next = false;
    const again = one.acquire(keys, { pollMs: 50 }).then((h) => ((next = true), h));
    await new Promise((r) => setTimeout(r, 200));
    expect(next).toBe(false);
    await held.release();
    await (await again).release();
    expect(one.connections).toBe(2);
  });

  it('20 sites in flight in one worker: all at once, their 40 locks on one connection; two sites sharing a host never at once', async () => {
    const distinct = Array.from({ length: 20 }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, homepage: `http://site${i}.example.gov.cn/` }));
    const config = district([...distinct, { id: 'x1', homepage: 'http://shared.example.gov.cn/a/' }, { id: 'x2', homepage: 'http://shared.example.gov.cn/b/' }]);
    const store = await database('many_20');
    const { gatherer, state, open } = gate();
    releases.push(open);
    // 22 sites, 22 slots: the 20 distinct hosts and one of the two sharing a host get in, the other waits
    await worker(config, store, 22, [standInCheck], [gatherer]);
    const runId = await enqueue(config, store);
    await waitFor('21 sites in flight', () => state.active.size === 21, 3 * MINUTE, 50);
    const inFlight = [...state.active].sort();
    expect(inFlight.filter((id) => id.startsWith('s'))).toEqual(distinct.map((s) => s.id));
    expect(inFlight.filter((id) => id.startsWith('x'))).toHaveLength(1);
    const keys = config.sites.flatMap((s) => [`govaudit:${store.schema}:site:${s.id}`, `govaudit:${store.schema}:host:${new URL(s.homepage).host}`]);
    const holders = await lockHolders(admin, [...new Set(keys)]);
    expect(holders.map((h) => h.locks)).toEqual([42]);
    open();
    await waitFor('the run to complete', async () => (await store.getRun(runId))?.state === 'done', 3 * MINUTE);
    expect([...state.entered].sort()).toEqual(config.sites.map((s) => s.id));
    expect(state.together.some((t) => t.includes('x1') && t.includes('x2'))).toBe(false);
    expect((await store.listSiteRuns(runId)).map((s) => s.state)).toEqual(Array(22).fill('done'));
  }, 8 * MINUTE);

  it('generated sites with latency: all in flight at once give exactly the findings of one at a time', async () => {
    farm = await startFarm({ sites: Array.from({ length: 6 }, (_, i) => ({ seed: `m${i}`, pages: 24, kind: i === 5 ? 'broken' : 'normal' })), latencyMs: 40, slots: 4, externalSlots: 16 });
    const config = district(
      farm.sites.map((s, i) => ({ id: `g${i}`, homepage: s.homepage })),
      { maxPages: 200, crawl: { allowPrivateNetworks: true, maxExternalLinks: 50 }, accessibility: { chromePath: '/bin/false' }, security: { httpsPort: 1 } },
    );
    // all six sites must be inside the crawl at the same moment before any goes on
    let waiting = 0;
    let allIn!: () => void;
    const together = new Promise<void>((r) => (allIn = r));
    const barrier = (g: Gatherer): Gatherer => ({
      ...g,
      async gather(ctx, artifacts) {
        if (++waiting === farm!.sites.length) allIn();
        await together;
        return g.gather(ctx, artifacts);
      },
    });
    const gatherers = allGatherers.map((g, i) => (i === 0 ? barrier(g) : g));

    const findingsOf = async (store: PostgresStore, runId: string) => {
      const out: Record<string, string[]> = {};
      for (const s of config.sites) out[s.id] = (await store.listFindings(runId, s.id)).map((f) => `${f.code} ${f.url ?? ''} ${f.message}`).sort();
      return out;
    };
    const run = async (prefix: string, concurrency: number, gs: Gatherer[]) => {
      const store = await database(prefix);
      const w = await worker(config, store, concurrency, allChecks, gs);
      const runId = await enqueue(config, store);
      await waitFor(`the ${prefix} run to complete`, async () => (await store.getRun(runId))?.state === 'done', 6 * MINUTE);
      await w.stop(1_000);
      return { states: (await store.listSiteRuns(runId)).map((s) => s.state), findings: await findingsOf(store, runId) };
    };
    const together6 = await run('many_all', 6, gatherers);
    const oneByOne = await run('many_one', 1, allGatherers);
    expect(together6.states).toEqual(Array(6).fill('done'));
    expect(oneByOne.states).toEqual(Array(6).fill('done'));
    expect(Object.values(together6.findings).every((f) => f.length > 0)).toBe(true);
    expect(together6.findings).toEqual(oneByOne.findings);
  }, 15 * MINUTE);

  it('generated sites with the browser checks: all in flight at once share one browser and give exactly the findings of one at a time', async () => {
    // the shared browser is where sites in flight meet (turns on its slots, tabs kept between pages, one Lighthouse
    // queue, screenshots): each site must still see only its own pages
    const browserFarm = await startFarm({ sites: Array.from({ length: 3 }, (_, i) => ({ seed: `b${i}`, pages: 24, kind: 'normal' as const })), latencyMs: 20, slots: 4, externalSlots: 16 });
    try {
      const config = district(
        browserFarm.sites.map((s, i) => ({ id: `b${i}`, homepage: s.homepage })),
        { maxPages: 200, crawl: { allowPrivateNetworks: true, maxExternalLinks: 50 }, accessibility: { maxPages: 4, concurrency: 2 }, security: { httpsPort: 1 } },
      );
      const findingsOf = async (store: PostgresStore, runId: string) => {
        const out: Record<string, string[]> = {};
        for (const s of config.sites) out[s.id] = (await store.listFindings(runId, s.id)).map((f) => `${f.code} ${f.url ?? ''} ${f.message}`).sort();
        return out;
      };
      const run = async (prefix: string, concurrency: number) => {
        const store = await database(prefix);
        const w = await worker(config, store, concurrency, allChecks, allGatherers);
        const runId = await enqueue(config, store);
        await waitFor(`the ${prefix} run to complete`, async () => (await store.getRun(runId))?.state === 'done', 10 * MINUTE);
        await w.stop(1_000);
        return { states: (await store.listSiteRuns(runId)).map((s) => s.state), findings: await findingsOf(store, runId) };
      };
      const together = await run('many_browser_all', 3);
      const oneByOne = await run('many_browser_one', 1);
      expect(together.states).toEqual(Array(3).fill('done'));
      expect(oneByOne.states).toEqual(Array(3).fill('done'));
      // the browser checks ran and found something on every site (the generated pages break axe rules)
      for (const id of Object.keys(together.findings)) expect(together.findings[id].some((f) => f.startsWith('a11y.'))).toBe(true);
      expect(together.findings).toEqual(oneByOne.findings);
    } finally {
      await browserFarm.stop();
    }
  }, 25 * MINUTE);
});
