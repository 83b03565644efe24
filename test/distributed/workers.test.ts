// Distributed mode end to end against a real PostgreSQL, with real `govaudit worker` processes: two workers share a
// run of three demo sites and produce exactly the single-process results; a worker killed (SIGKILL) mid-site leaves
// its job to expire, and another worker then finishes the site with no duplicate findings. The browser is left out
// (accessibility.chromePath is /bin/false, the same on both sides): the browser checks are the e2e test's subject,
// the queue is this one's, and the machine running the tests has two cores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig } from '../../config/load.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { collectQueueStatus, WORKER_KIND } from '../../scheduler/distributed/status.ts';
import { queueSchemaFor, SITE_QUEUE } from '../../scheduler/distributed/queue.ts';
import { openPostgresStore, type PostgresStore } from '../../store/postgres.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store, StoredFinding } from '../../store/types.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { exitOf, govaudit, waitFor, type Child } from './children.ts';

const pgAvailable = postgresAvailability();
const SITES = ['portal', 'edu', 'market'];
/** Expiry of the kill test's jobs: how long a killed worker's site waits before another worker takes it. */
const SHORT_EXPIRY_S = 45;
const MINUTE = 60_000;

describe.skipIf(pgAvailable.skip)('distributed audit with worker processes', () => {
  let server: FixtureServer;
  let dir: string;
  let baseline: Record<string, SiteResult>;
  const children: Child[] = [];
  const stores: Store[] = [];
  const schemas: string[] = [];

  /** A config file for the fixture server with the given queue settings. */
  async function configFile(name: string, distributed: Record<string, unknown>): Promise<string> {
    const raw = server.config() as Record<string, unknown>;
    raw.accessibility = { ...(raw.accessibility as object), chromePath: '/bin/false' };
    raw.distributed = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 0, retryBackoff: false, heartbeatSeconds: 5, lockPollMs: 200, ...distributed };
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(raw, null, 2));
    return file;
  }

  /** A fresh schema pair (store + queue) and the environment that points govaudit at it. */
  async function freshDatabase(prefix: string): Promise<{ store: PostgresStore; env: Record<string, string | undefined> }> {
    const { schema } = scratchSchema(prefix);
    schemas.push(schema);
    const store = await openPostgresStore(testDatabaseUrl!, { schema });
    stores.push(store);
    const url = new URL(testDatabaseUrl!);
    url.searchParams.set('schema', schema);
    return { store, env: { GOVAUDIT_DATABASE_URL: url.toString(), GOVAUDIT_DATA: undefined, GOVAUDIT_LOG_LEVEL: 'info' } };
  }

  function start(args: string[], env: Record<string, string | undefined>): Child {
    const child = govaudit(args, env);
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    server = await startFixtureServer({ sites: SITES });
    dir = await mkdtemp(join(tmpdir(), 'govaudit-distributed-'));
    const file = await configFile('baseline', {});
    const config = parseConfig(JSON.parse(await readFile(file, 'utf8')), file);
    const store = openSqliteStore(join(dir, 'baseline-data'));
    stores.push(store);
    const { run } = await runAudit({ config, store, now: new Date(config.asOf!) });
    baseline = await siteResults(store, run.id);
  }, 5 * MINUTE);

  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    for (const s of stores) await s.close();
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE; DROP SCHEMA IF EXISTS ${queueSchemaFor(s)} CASCADE`);
    await client.end();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 2 * MINUTE);

  it('two workers share a run; each site is audited once and findings and scores equal the single-process run', async () => {
    expect(Object.keys(baseline)).toEqual(SITES);
    const { store, env } = await freshDatabase('dist_two');
    const file = await configFile('two', { expireInSeconds: 900 });
    const workers = [start(['worker', '--config', file, '--concurrency', '1'], env), start(['worker', '--config', file, '--concurrency', '1'], env)];
    await waitFor(
      'both workers to start',
      async () => {
        const gone = workers.find((w) => w.process.exitCode !== null || w.process.signalCode !== null);
        if (gone) throw new Error(`a worker exited while starting:\n${gone.output().slice(-2000)}`);
        return (await store.listRecords(WORKER_KIND)).length === 2;
      },
      4 * MINUTE,
    );

    const outDir = join(dir, 'out-two');
    const audit = start(['audit', '--config', file, '--distributed', '--out', outDir, '--quiet'], env);
    const code = await exitOf(audit, 8 * MINUTE);
    expect(code, audit.output()).toBe(0);

    const summary = JSON.parse(await readFile(join(outDir, 'run.json'), 'utf8')) as { runId: string; state: string; sites: { siteId: string; score: number }[] };
    expect(summary.state).toBe('done');
    expect(summary.sites.map((s) => [s.siteId, s.score])).toEqual(SITES.map((id) => [id, baseline[id].score]));
    expect(await siteResults(store, summary.runId)).toEqual(baseline);
    for (const id of SITES) expect(JSON.parse(await readFile(join(outDir, 'scorecards', `${id}.json`), 'utf8')).score).toBe(baseline[id].score);

    const audited = workers.map((w) => w.logs().filter((l) => l.msg === 'site started').map((l) => l.siteId as string));
    expect(audited.map((sites) => sites.length > 0)).toEqual([true, true]);
    expect(audited.flat().sort()).toEqual([...SITES].sort());

    const queue = await collectQueueStatus(store, { heartbeatSeconds: 5 });
    expect(queue).toMatchObject({ waiting: 0, retrying: 0, active: 0, failed: 0, deadLetters: 0, recentFailures: [] });
    expect(queue!.runs.map((r) => [r.id, r.state, r.sites, r.done, r.failed])).toEqual([[summary.runId, 'done', 3, 3, 0]]);
    expect(queue!.workers.filter((w) => w.state === 'alive').map((w) => w.pid).sort()).toEqual(workers.map((w) => w.process.pid).sort());

    for (const w of workers) w.process.kill('SIGTERM');
    for (const w of workers) expect(await exitOf(w, 2 * MINUTE), w.output().slice(-2000)).toBe(0);
  }, 15 * MINUTE);

  it('a worker killed mid-site: after the job expires another worker finishes the site, with no duplicate findings', async () => {
    const { store, env } = await freshDatabase('dist_kill');
    const file = await configFile('kill', { expireInSeconds: SHORT_EXPIRY_S });
    const enqueue = start(['audit', '--config', file, '--distributed', '--detach', '--sites', 'edu', '--quiet'], env);
    expect(await exitOf(enqueue, 4 * MINUTE), enqueue.output()).toBe(0);
    const runId = enqueue.output().trim().split('\n').pop()!;
    expect((await store.getRun(runId))?.state).toBe('running');

    const first = start(['worker', '--config', file, '--concurrency', '1'], env);
    await waitFor('the first worker to start auditing edu', async () => (await store.getSiteRun(runId, 'edu'))?.state === 'running', 4 * MINUTE, 100);
    first.process.kill('SIGKILL');
    expect(await exitOf(first, MINUTE)).toBe('SIGKILL');
    const killedAt = Date.now();
    expect((await store.getSiteRun(runId, 'edu'))?.state).toBe('running');

    const second = start(['worker', '--config', file, '--concurrency', '1'], env);
    await waitFor('the run to complete', async () => (await store.getRun(runId))?.state === 'done', SHORT_EXPIRY_S * 1_000 + 8 * MINUTE, 500);
    const takenOver = second.logs().find((l) => l.msg === 'site started' && l.siteId === 'edu');
    expect(takenOver, second.output().slice(-2000)).toBeDefined();
    // not before the killed worker's job expired
    expect(new Date(takenOver!.time as string).getTime()).toBeGreaterThanOrEqual(killedAt + (SHORT_EXPIRY_S - 10) * 1_000);
    expect(second.logs().filter((l) => l.msg === 'site started').map((l) => l.siteId)).toEqual(['edu']);

    expect(await siteResults(store, runId)).toEqual({ edu: baseline.edu });
    const jobs = await store.pool.query(`SELECT state::text AS state, retry_count FROM ${queueSchemaFor(store.schema)}.job WHERE name = $1`, [SITE_QUEUE]);
    expect(jobs.rows).toEqual([{ state: 'completed', retry_count: 1 }]);

    second.process.kill('SIGTERM');
    expect(await exitOf(second, 2 * MINUTE), second.output().slice(-2000)).toBe(0);
  }, 15 * MINUTE);
});

interface SiteResult {
  state: string;
  score: number | null;
  verdict: string | null;
  findings: unknown[];
}

/** Each site's state, score, verdict and every stored finding (identity and lifecycle included), comparable across backends. */
async function siteResults(store: Store, runId: string): Promise<Record<string, SiteResult>> {
  const out: Record<string, SiteResult> = {};
  const siteRuns = await store.listSiteRuns(runId);
  const run = await store.getRun(runId);
  for (const siteId of run!.siteIds) {
    const s = siteRuns.find((r) => r.siteId === siteId);
    const findings = (await store.listFindings(runId, siteId)).sort((a, b) => a.identity.localeCompare(b.identity)).map(withoutTimeoutDetail);
    out[siteId] = { state: s?.state ?? 'missing', score: s?.score ?? null, verdict: s?.verdict ?? null, findings };
  }
  return out;
}

/**
 * A timeout's `evidence.detail` names whichever of the fetcher's two equal timers fired first (undici's or its own),
 * which varies with machine load in any run, distributed or not; everything else about the finding is compared.
 */
function withoutTimeoutDetail(f: StoredFinding): StoredFinding {
  if (f.evidence.error !== 'timeout' || !('detail' in f.evidence)) return f;
  const { detail: _d, ...evidence } = f.evidence;
  return { ...f, evidence };
}
