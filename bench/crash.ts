// Crash-safety as a repeatable run (issue 28 item 4; not part of `npm test`: it takes minutes):
//   node bin/run-ts.mjs bench/crash.ts [--kills N] [--worker-kills N] [--sites a,b,c] [--seed N] [--no-pg] [--only sqlite|postgres]
// 1. SQLite: a clean `govaudit audit` of some fixture sites (browser included), then the same audit on another store
//    killed with SIGKILL at N random moments (each kill followed by `PRAGMA integrity_check` and a count of the
//    Chromium processes the killed audit left), then run to the end; its final findings are compared with the clean
//    run's (same set, no duplicates) and the Chromium left over after the reap is counted (must be 0).
// 2. PostgreSQL (GOVAUDIT_TEST_DATABASE_URL, unless --no-pg): the same run enqueued for `govaudit worker`, each worker
//    SIGKILLed mid-site N times (the next worker reaps its browser; the job comes back after its expiry); the final
//    findings are compared with the clean run's the same way.
// Every child gets its own temporary folder and browser registry, so only this run's browsers are counted. Exits 1
// when a check fails. Prints a summary and writes bench/results/crash.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startFixtureServer } from '../fixtures/server.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import type { Store, StoredFinding } from '../store/types.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

interface Args {
  kills: number;
  workerKills: number;
  sites: string[];
  seed: number;
  pg: string | null;
  /** Run only this part (the clean reference run always happens). */
  only: 'sqlite' | 'postgres' | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { kills: 10, workerKills: 10, sites: ['edu', 'market', 'a11y'], seed: Date.now() % 1_000_000, pg: process.env.GOVAUDIT_TEST_DATABASE_URL ?? null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const int = (min: number) => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag}: expected a whole number ≥ ${min}, got ${argv[i]}`);
      return n;
    };
    if (flag === '--kills') args.kills = int(1);
    else if (flag === '--worker-kills') args.workerKills = int(0);
    else if (flag === '--seed') args.seed = int(0);
    else if (flag === '--sites') args.sites = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (flag === '--no-pg') args.pg = null;
    else if (flag === '--only') {
      const part = argv[++i];
      if (part !== 'sqlite' && part !== 'postgres') throw new Error(`--only: sqlite or postgres, not ${part}`);
      args.only = part;
    }
    else throw new Error(`unknown flag ${flag}\nusage: bench/crash.ts [--kills N] [--worker-kills N] [--sites a,b] [--seed N] [--no-pg] [--only sqlite|postgres]`);
  }
  return args;
}

/** A small seeded generator (mulberry32), so a failing run can be repeated with its --seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Child {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

function govaudit(args: string[], env: Record<string, string | undefined>): Child {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, ['bin/govaudit.mjs', ...args], { cwd: repoRoot, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString('utf8')).slice(-20_000)));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, output: () => out, exited };
}

/** Live (not zombie) processes started with a profile folder under `root`: this run's browsers and their helpers. */
function browsersUnder(root: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${root}`)) found.push(Number(name));
      else if (/chrom/i.test(cmd)) {
        // helpers (renderer, zygote) do not repeat --user-data-dir: count them by their process group's leader
        const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        const leader = readFileSync(`/proc/${pgid}/cmdline`, 'utf8');
        if (leader.includes(`--user-data-dir=${root}`)) found.push(Number(name));
      }
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function profilesUnder(root: string): string[] {
  try {
    return readdirSync(root).filter((n) => n.startsWith('govaudit-chromium-'));
  } catch {
    return [];
  }
}

function integrityCheck(dataDir: string): string {
  const db = new Database(join(dataDir, 'govaudit.sqlite'));
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** What is compared between runs: each finding's site, check, code, page and identity. */
function findingKeys(findings: StoredFinding[]): string[] {
  return findings.map((f) => JSON.stringify([f.siteId, f.check, f.code, f.url ?? null, f.identity])).sort();
}

interface Comparison {
  findings: number;
  missing: string[];
  extra: string[];
  duplicates: string[];
  scoresEqual: boolean;
}

function compare(clean: { keys: string[]; scores: string }, got: { keys: string[]; scores: string }): Comparison {
  const want = new Set(clean.keys);
  const have = new Set(got.keys);
  const seen = new Set<string>();
  const duplicates = got.keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
  return {
    findings: got.keys.length,
    missing: [...want].filter((k) => !have.has(k)),
    extra: [...have].filter((k) => !want.has(k)),
    duplicates,
    scoresEqual: clean.scores === got.scores,
  };
}

async function runResults(store: Store, runId?: string): Promise<{ runId: string; state: string; keys: string[]; scores: string }> {
  const run = runId ? await store.getRun(runId) : (await store.listRuns({ limit: 1 }))[0];
  if (!run) throw new Error('no run in the store');
  const sites = await store.listSiteRuns(run.id);
  return {
    runId: run.id,
    state: run.state,
    keys: findingKeys(await store.listFindings(run.id)),
    scores: JSON.stringify(sites.map((s) => [s.siteId, s.state, s.score, s.verdict]).sort()),
  };
}

const ok = (c: Comparison) => c.missing.length === 0 && c.extra.length === 0 && c.duplicates.length === 0 && c.scoresEqual;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const rand = random(args.seed);
  const work = await mkdtemp(join(tmpdir(), 'govaudit-crash-'));
  const childTmp = join(work, 'tmp');
  await mkdir(childTmp);
  const env = { TMPDIR: childTmp, GOVAUDIT_BROWSER_REGISTRY: join(work, 'registry'), GOVAUDIT_DATA: undefined, GOVAUDIT_DATABASE_URL: undefined };
  const server = await startFixtureServer({ sites: args.sites });
  const configFile = join(work, 'district.json');
  const raw = server.config() as Record<string, unknown>;
  const log = (s: string) => process.stderr.write(`crash: ${s}\n`);
  const report: Record<string, unknown> = { seed: args.seed, sites: args.sites, date: new Date().toISOString() };
  let failed = false;
  try {
    await writeFile(configFile, JSON.stringify(raw, null, 2));
    const audit = (data: string) => govaudit(['audit', '--config', configFile, '--data', join(work, data), '--out', join(work, `${data}-out`), '--quiet'], env);

    // the clean run: the reference, and how long an audit takes (the kills land within that)
    log(`clean audit of ${args.sites.join(', ')} (seed ${args.seed})…`);
    const started = Date.now();
    const clean = await audit('clean').exited;
    const cleanMs = Date.now() - started;
    if (clean.code !== 0) throw new Error('the clean audit failed');
    const cleanStore = openSqliteStore(join(work, 'clean'));
    const reference = await runResults(cleanStore);
    const slowestSiteMs = Math.max(...(await cleanStore.listSiteRuns(reference.runId)).map((r) => Date.parse(r.finishedAt ?? '') - Date.parse(r.startedAt ?? '')).filter(Number.isFinite));
    await cleanStore.close();
    log(`clean: ${reference.keys.length} findings in ${(cleanMs / 1000).toFixed(1)} s`);
    report.clean = { findings: reference.keys.length, seconds: Math.round(cleanMs / 100) / 10 };

    if (args.only !== 'postgres') failed = !(await sqlitePart(args, rand, work, childTmp, audit, cleanMs, reference, log, report));
    if (args.only !== 'sqlite') {
      if (args.pg && args.workerKills > 0) {
        const pgOk = await workerPart(args, rand, work, childTmp, env, raw, reference, slowestSiteMs, log, report);
        if (!pgOk) failed = true;
      } else report.postgres = 'skipped (no GOVAUDIT_TEST_DATABASE_URL, --no-pg or --worker-kills 0)';
    }
  } catch (e) {
    failed = true;
    log(`error: ${(e as Error).message}`);
    report.error = (e as Error).message;
  } finally {
    await server.close();
    report.passed = !failed;
    await mkdir(resultsDir, { recursive: true });
    await writeFile(join(resultsDir, 'crash.json'), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    await rm(work, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

/** SQLite: kill at random moments until `kills` kills landed, then finish; returns whether everything held. */
async function sqlitePart(
  args: Args,
  rand: () => number,
  work: string,
  childTmp: string,
  audit: (data: string) => Child,
  cleanMs: number,
  reference: { keys: string[]; scores: string },
  log: (s: string) => void,
  report: Record<string, unknown>,
): Promise<boolean> {
  const kills: { atMs: number; orphanedBrowsers: number; integrity: string }[] = [];
  let finishedBeforeKill = 0;
  for (let attempt = 0; kills.length < args.kills && attempt < args.kills * 3; attempt++) {
    const atMs = Math.round(300 + rand() * Math.max(cleanMs * 0.9 - 300, 500));
    const child = audit('crash');
    const timer = delay(atMs).then(() => child.child.kill('SIGKILL'));
    const exit = await child.exited;
    await timer;
    if (exit.signal !== 'SIGKILL') {
      if (exit.code !== 0) throw new Error(`an audit failed (exit ${exit.code}):\n${child.output().slice(-2000)}`);
      finishedBeforeKill++;
      continue;
    }
    await delay(200);
    const orphaned = browsersUnder(childTmp).length;
    const integrity = integrityCheck(join(work, 'crash'));
    kills.push({ atMs, orphanedBrowsers: orphaned, integrity });
    log(`kill ${kills.length} at ${(atMs / 1000).toFixed(1)} s: integrity ${integrity}, ${orphaned} browser processes left until the next start`);
  }
  const final = audit('crash');
  const finalExit = await final.exited;
  if (finalExit.code !== 0) throw new Error(`the final audit failed:\n${final.output().slice(-2000)}`);
  const crashStore = openSqliteStore(join(work, 'crash'));
  const crashed = await runResults(crashStore);
  await crashStore.close();
  const sqlite = {
    kills: kills.length,
    finishedBeforeKill,
    integrityOk: kills.filter((k) => k.integrity === 'ok').length,
    killsLeavingBrowsers: kills.filter((k) => k.orphanedBrowsers > 0).length,
    leftoverBrowsers: browsersUnder(childTmp).length,
    leftoverProfiles: profilesUnder(childTmp).length,
    finalIntegrity: integrityCheck(join(work, 'crash')),
    finalState: crashed.state,
    comparison: compare(reference, crashed),
    killTimesMs: kills.map((k) => k.atMs),
  };
  report.sqlite = sqlite;
  const sqliteOk = sqlite.kills >= args.kills && sqlite.integrityOk === sqlite.kills && sqlite.finalIntegrity === 'ok' && sqlite.leftoverBrowsers === 0 && sqlite.leftoverProfiles === 0 && sqlite.finalState === 'done' && ok(sqlite.comparison);
  log(`sqlite: ${sqlite.kills} kills, integrity ok ${sqlite.integrityOk}/${sqlite.kills}, ${sqlite.killsLeavingBrowsers} kills left a browser, ${sqlite.leftoverBrowsers} left after the reap; findings ${ok(sqlite.comparison) ? 'equal' : 'DIFFER'} → ${sqliteOk ? 'PASS' : 'FAIL'}`);
  return sqliteOk;
}

/** PostgreSQL: one distributed run, its workers killed mid-site; returns whether everything held. */
async function workerPart(
  args: Args,
  rand: () => number,
  work: string,
  childTmp: string,
  env: Record<string, string | undefined>,
  raw: Record<string, unknown>,
  reference: { keys: string[]; scores: string },
  slowestSiteMs: number,
  log: (s: string) => void,
  report: Record<string, unknown>,
): Promise<boolean> {
  const { default: pg } = await import('pg');
  const { openPostgresStore } = await import('../store/postgres.ts');
  const schema = `crash_${process.pid}_${Math.floor(rand() * 1e6)}`;
  const url = new URL(args.pg!);
  url.searchParams.set('schema', schema);
  // expiry: a killed worker's site comes back after it; the slowest clean site fits in it several times over
  // (a site runs slower on a loaded machine than in the clean run: three times the slowest clean site)
  const expireInSeconds = Math.max(30, Math.ceil((slowestSiteMs * 3) / 1000));
  const file = join(work, 'distributed.json');
  await writeFile(
    file,
    JSON.stringify({ ...raw, distributed: { expireInSeconds, retryLimit: 20, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 0, retryBackoff: false, heartbeatSeconds: 2, lockPollMs: 200 } }, null, 2),
  );
  const pgEnv = { ...env, GOVAUDIT_DATABASE_URL: url.toString(), GOVAUDIT_LOG_LEVEL: 'info' };
  const store = await openPostgresStore(args.pg!, { schema });
  const workers: Child[] = [];
  try {
    const enqueue = govaudit(['audit', '--config', file, '--distributed', '--detach', '--quiet'], pgEnv);
    const enq = await enqueue.exited;
    if (enq.code !== 0) throw new Error(`enqueue failed:\n${enqueue.output().slice(-2000)}`);
    const runId = enqueue.output().trim().split('\n').pop()!;
    log(`postgres: run ${runId} enqueued (job expiry ${expireInSeconds} s); killing workers mid-site…`);
    const kills: { siteId: string; afterMs: number; orphanedBrowsers: number }[] = [];
    const deadline = Date.now() + (args.workerKills * (expireInSeconds + 60) + 600) * 1_000;
    let worker: Child | null = null;
    while ((await store.getRun(runId))?.state !== 'done') {
      if (Date.now() > deadline) throw new Error('hang guard: the distributed run did not finish');
      if (!worker || worker.child.exitCode !== null || worker.child.signalCode !== null) {
        worker = govaudit(['worker', '--config', file, '--concurrency', '1'], pgEnv);
        workers.push(worker);
      }
      if (kills.length >= args.workerKills) {
        await delay(500);
        continue;
      }
      // mid-site: this worker is auditing a site
      const w = worker;
      const running = await waitRunning(store, runId, w);
      if (!running) continue;
      // anywhere in the site: in the crawl, or later with the browser up (its first 80 % of a clean site's time)
      const afterMs = Math.round(rand() * Math.max(slowestSiteMs * 0.8, 1_000));
      await delay(afterMs);
      if (!stillOn(w, running)) continue;
      w.child.kill('SIGKILL');
      await w.exited;
      await delay(200);
      const orphaned = browsersUnder(childTmp).length;
      kills.push({ siteId: running, afterMs, orphanedBrowsers: orphaned });
      log(`worker kill ${kills.length} during ${running}: ${orphaned} browser processes left until the next worker starts`);
    }
    const results = await runResults(store, runId);
    if (worker) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    const postgres = {
      expireInSeconds,
      kills: kills.length,
      killsLeavingBrowsers: kills.filter((k) => k.orphanedBrowsers > 0).length,
      leftoverBrowsers: browsersUnder(childTmp).length,
      leftoverProfiles: profilesUnder(childTmp).length,
      finalState: results.state,
      comparison: compare(reference, results),
    };
    report.postgres = postgres;
    const pgOk = postgres.kills >= args.workerKills && postgres.leftoverBrowsers === 0 && postgres.leftoverProfiles === 0 && ok(postgres.comparison);
    log(`postgres: ${postgres.kills} worker kills, ${postgres.killsLeavingBrowsers} left a browser, ${postgres.leftoverBrowsers} left after the reap; findings ${ok(postgres.comparison) ? 'equal' : 'DIFFER'} → ${pgOk ? 'PASS' : 'FAIL'}`);
    return pgOk;
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await store.close();
    const client = new pg.Client({ connectionString: args.pg! });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
    await client.end();
  }
}

/** JSON log lines (pino) a child wrote. */
function logLines(c: Child): Record<string, unknown>[] {
  return c
    .output()
    .split('\n')
    .flatMap((l) => {
      if (!l.startsWith('{')) return [];
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The site `worker` is auditing right now (its last "site started" not yet scored); null once it exited. */
async function waitRunning(store: Store, runId: string, worker: Child): Promise<string | null> {
  for (;;) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return null;
    if ((await store.getRun(runId))?.state === 'done') return null;
    const lines = logLines(worker);
    const started = lines.filter((l) => l.msg === 'site started').map((l) => l.siteId as string);
    const scored = lines.filter((l) => l.msg === 'site scored').map((l) => l.siteId as string);
    const current = started.find((id) => started.filter((s) => s === id).length > scored.filter((s) => s === id).length);
    if (current) return current;
    await delay(100);
  }
}

/** Is `worker` still auditing `siteId`? */
function stillOn(worker: Child, siteId: string): boolean {
  const lines = logLines(worker).filter((l) => l.siteId === siteId);
  return lines.filter((l) => l.msg === 'site started').length > lines.filter((l) => l.msg === 'site scored').length;
}

process.exitCode = await main();
