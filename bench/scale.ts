// The scale bench (issue 19; not part of `npm test`): N generated district sites served by one farm process
// (bench/site/farm.ts: each site its own portal host, a fixed latency per answer, a few slow, broken and hostile
// sites), audited with the full check set — browser checks included, on their usual samples — by 1, 2 and 4
// `govaudit worker` processes (each `--concurrency C`) against PostgreSQL. Prints per setup: sites/hour on this
// machine, the peak sites in flight per worker, the peak RSS (and PSS) of each worker's process tree (Node and its
// Chromium children, sampled from /proc every second), PostgreSQL bytes per site (the run's schema size, and the
// cluster's WAL bytes written during the run), and the machines needed for 14,000 sites in an 8-hour night.
//   nice -n 19 node bin/run-ts.mjs bench/scale.ts [--sites 200] [--workers 1,2,4] [--concurrency 20] [--pages 60]
//     [--latency 200] [--browser-concurrency 2] [--server-slots 4] [--incremental 1] [--set path=json ...]   (GOVAUDIT_BENCH_DATABASE_URL, default GOVAUDIT_TEST_DATABASE_URL)
// The CPU is also split by kind of process (Node, Chromium's browser process, renderers, GPU, utilities); with
// `--set` (a config override, e.g. accessibility.lighthouse=false) a part is left out to see what it costs. With the
// first worker setup, two more nights of the same sites a day later (`--incremental 0` skips them): incremental
// (conditional requests to the farm, which answers 304 for unchanged pages) and full (`--full`), printed side by side
// with night 1 as ratios of bytes, wall and CPU time, and whether the findings are the same.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { startFarm, type FarmHandle } from './site/control.ts';
import type { FarmSiteKind } from './site/farm.ts';
import { parseConfig } from '../config/load.ts';
import { enqueueAudit } from '../scheduler/distributed/enqueue.ts';
import { openQueue, queueSchemaFor } from '../scheduler/distributed/queue.ts';
import { WORKER_KIND, type WorkerRecord } from '../scheduler/distributed/status.ts';
import { openPostgresStore } from '../store/postgres.ts';

const { values: args } = parseArgs({
  options: {
    sites: { type: 'string', default: '200' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '20' },
    pages: { type: 'string', default: '60' },
    latency: { type: 'string', default: '200' },
    'browser-concurrency': { type: 'string', default: '2' },
    // requests each portal serves at once (more wait, as at a real server's worker pool)
    'server-slots': { type: 'string', default: '4' },
    // a config override for profiling by leaving one part out, e.g. --set accessibility.lighthouse=false (repeatable)
    set: { type: 'string', multiple: true, default: [] },
    // with the first worker setup, two more nights on the unchanged sites: incremental, then full (1: on, 0: off)
    incremental: { type: 'string', default: '1' },
    // each worker's tree in a memory cgroup of its own with this hard limit in MB (0: measured without a limit)
    'memory-limit-mb': { type: 'string', default: '0' },
  },
});
const N = Number(args.sites);
const C = Number(args.concurrency);
const PAGES = Number(args.pages);
const LATENCY = Number(args.latency);
const DB = process.env.GOVAUDIT_BENCH_DATABASE_URL ?? process.env.GOVAUDIT_TEST_DATABASE_URL ?? 'postgres://govaudit@127.0.0.1:5432/govaudit_test';
const INCREMENTAL = args.incremental !== '0';
const MEMORY_LIMIT_MB = Number(args['memory-limit-mb']);
const NIGHT_SITES = 14_000;
const NIGHT_HOURS = 8;
const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** Every 50 sites: one slow (10× latency), one broken (503 everywhere); every 100: one hostile (never answers). */
function kindOf(i: number): FarmSiteKind {
  if (i % 50 === 7) return 'slow';
  if (i % 50 === 23) return 'broken';
  if (i % 100 === 41) return 'hostile';
  return 'normal';
}

// ---- /proc sampling: a worker's process tree (the worker and every descendant: Chromium and its renderers)
function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(name));
      kids.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  return kids;
}

function kb(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

const TICKS = 100; // USER_HZ on Linux

/** What a process of a worker's tree is, from its command line: the Node worker, or which kind of Chromium process. */
function kindOfProcess(pid: number): string {
  let argv: string[];
  try {
    // Chromium rewrites its children's command lines into one space-separated string (setproctitle)
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return 'gone';
  }
  if (/node$/.test(argv[0] ?? '')) return 'node';
  const type = argv.find((a) => a.startsWith('--type='))?.slice(7);
  if (!type) return /chrom/i.test(argv[0] ?? '') ? 'chromium-browser' : (argv[0] ?? '?').split('/').pop()!;
  if (type === 'utility') return `chromium-utility:${argv.find((a) => a.startsWith('--utility-sub-type='))?.slice(19) ?? '?'}`;
  return `chromium-${type}`;
}
const processKinds = new Map<number, string>();

/**
 * RSS and PSS (MB) of `pid` and its descendants, how many processes that is, and each one's CPU seconds so far
 * (recorded in `cpu` by pid: a process's CPU is counted up to its last sample, so one that ends between two samples
 * loses under a second).
 */
function treeMemory(pid: number, kids: Map<number, number[]>, cpu: Map<number, number>): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const raw = readFileSync(`/proc/${p}/stat`, 'utf8');
      const stat = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      cpu.set(p, (Number(stat[11]) + Number(stat[12])) / TICKS);
      if (!processKinds.has(p)) processKinds.set(p, kindOfProcess(p));
      rss += kb(readFileSync(`/proc/${p}/status`, 'utf8'), 'VmRSS');
      pss += kb(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'), 'Pss');
      processes++;
    } catch {
      /* exited between the listing and the read */
    }
    stack.push(...(kids.get(p) ?? []));
  }
  return { rss: rss / 1024, pss: pss / 1024, processes };
}

// ---- memory cgroups: each worker (and every process it starts: Chromium and its renderers) in a cgroup of its own,
// when this process may create one (cgroup v1's memory controller, or v2 with memory enabled). The kernel's own count
// of the tree's memory, each page once: anonymous memory (`rss` / `anon`) plus the file pages mapped into its
// processes (`mapped_file` / `file_mapped`: Chromium's code), sampled each second; and the peak of everything charged
// to it, page cache included (`max_usage_in_bytes` / `memory.peak`). With a limit, the kernel reclaims cache and kills
// the tree's largest process if it still does not fit: a run whose sites all end `done` under a limit fits in it.
interface MemoryGroup {
  dir: string;
  v: 1 | 2;
}

function ownMemoryCgroup(): MemoryGroup | null {
  let lines: string[];
  try {
    lines = readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n');
  } catch {
    return null;
  }
  const v1 = lines.map((l) => l.split(':')).find(([, ctl]) => ctl.split(',').includes('memory'));
  if (v1 && existsSync(`/sys/fs/cgroup/memory${v1[2]}`)) return { dir: `/sys/fs/cgroup/memory${v1[2] === '/' ? '' : v1[2]}`, v: 1 };
  const v2 = lines.find((l) => l.startsWith('0::'))?.slice(3);
  for (const root of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified']) {
    const dir = `${root}${v2 === '/' ? '' : (v2 ?? '')}`;
    try {
      if (readFileSync(`${root}/cgroup.controllers`, 'utf8').split(/\s+/).includes('memory') && existsSync(dir)) return { dir, v: 2 };
    } catch {
      /* not this root */
    }
  }
  return null;
}

/** Moves `pid` into a new memory cgroup (limited to `limitMb` when > 0); null when that is not possible here. */
function memoryGroupFor(pid: number, name: string, limitMb: number): MemoryGroup | null {
  const own = ownMemoryCgroup();
  if (!own) return null;
  const dir = join(own.dir, name);
  try {
    mkdirSync(dir);
    if (limitMb > 0) writeFileSync(join(dir, own.v === 1 ? 'memory.limit_in_bytes' : 'memory.max'), String(limitMb * 1024 * 1024));
    writeFileSync(join(dir, 'cgroup.procs'), String(pid));
    return { dir, v: own.v };
  } catch (e) {
    process.stderr.write(`scale bench: no memory cgroup for worker ${pid} (${(e as Error).message}); measured from /proc only\n`);
    return null;
  }
}

/** The tree's resident memory counted once (anonymous + mapped files), in MB. */
function groupResidentMb(g: MemoryGroup): number {
  try {
    const stat = readFileSync(join(g.dir, 'memory.stat'), 'utf8');
    const field = (k: string) => Number(new RegExp(`^${k} (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
    const bytes = g.v === 1 ? field('total_rss') + field('total_mapped_file') : field('anon') + field('file_mapped');
    return bytes / 1024 / 1024;
  } catch {
    return 0;
  }
}

/** What the group says at the end: the peak of all memory charged (page cache included), and for a limit how often it was reached and whether the kernel killed a process. */
function groupSummary(g: MemoryGroup): { peakChargedMB: number; limitHits: number | null; oomKills: number | null } {
  const read = (f: string) => {
    try {
      return readFileSync(join(g.dir, f), 'utf8');
    } catch {
      return '';
    }
  };
  if (g.v === 1) {
    const oom = /^oom_kill (\d+)$/m.exec(read('memory.oom_control'));
    return { peakChargedMB: Math.round(Number(read('memory.max_usage_in_bytes')) / 1024 / 1024), limitHits: Number(read('memory.failcnt')), oomKills: oom ? Number(oom[1]) : null };
  }
  const events = read('memory.events');
  const num = (k: string) => Number(new RegExp(`^${k} (\\d+)$`, 'm').exec(events)?.[1] ?? 0);
  return { peakChargedMB: Math.round(Number(read('memory.peak') || 0) / 1024 / 1024), limitHits: num('max'), oomKills: num('oom_kill') };
}

/** Removes an emptied group (its processes have ended). */
function removeGroup(g: MemoryGroup): void {
  try {
    rmdirSync(g.dir);
  } catch {
    /* still busy: left for the system */
  }
}

const la = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(2);
const kib = (bytes: number) => +(bytes / 1024).toFixed(1);

async function main(): Promise<void> {
  const farm: FarmHandle = await startFarm({
    sites: Array.from({ length: N }, (_, i) => ({ seed: `scale-${i}`, pages: PAGES, kind: kindOf(i) })),
    latencyMs: LATENCY,
    slots: Number(args['server-slots']),
    externalSlots: 64,
  });
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-scale-'));
  const raw = {
    district: '规模基准区',
    asOf: '2026-11-20T10:00:00+08:00',
    maxPages: PAGES * 2 + 100,
    crawl: { allowPrivateNetworks: true, maxExternalLinks: 200 },
    accessibility: { concurrency: Number(args['browser-concurrency']) },
    security: { httpsPort: 1 },
    distributed: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5, expireInSeconds: 3_600, heartbeatSeconds: 2, retryLimit: 0 },
    sites: farm.sites.map((s, i) => ({ id: `s${String(i).padStart(3, '0')}`, name: `规模站点${i}`, unit: `单位${i}`, homepage: s.homepage })),
  };
  for (const assignment of args.set ?? []) {
    const eq = assignment.indexOf('=');
    if (eq < 1) throw new Error(`--set wants path=json (e.g. accessibility.lighthouse=false), got "${assignment}"`);
    const [path, value] = [assignment.slice(0, eq), assignment.slice(eq + 1)];
    const keys = path.split('.');
    let at = raw as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = JSON.parse(value);
  }
  const file = join(dir, 'district.json');
  await writeFile(file, JSON.stringify(raw));
  const config = parseConfig(raw, file);
  const kinds = farm.sites.reduce<Record<string, number>>((a, s) => ((a[s.kind] = (a[s.kind] ?? 0) + 1), a), {});
  console.log(
    JSON.stringify({
      bench: 'scale',
      logs: dir,
      date: new Date().toISOString(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memGB: +(totalmem() / 1024 ** 3).toFixed(1),
      load: la(),
      overrides: args.set,
      sites: N,
      kinds,
      pagesPerSite: farm.sites[0]?.pages,
      latencyMs: LATENCY,
      concurrencyPerWorker: C,
      browserConcurrency: config.accessibility.concurrency,
      accessibilityPagesPerSite: config.accessibility.maxPages,
    }),
  );

  const admin = new pg.Client({ connectionString: DB });
  await admin.connect();
  const walBytes = async () => Number((await admin.query('SELECT wal_bytes FROM pg_stat_wal')).rows[0].wal_bytes);

  for (const [setupIndex, n] of String(args.workers).split(',').map(Number).entries()) {
    const schema = `scale_${n}w_${process.pid}`;
    const store = await openPostgresStore(DB, { schema });
    const url = new URL(DB);
    url.searchParams.set('schema', schema);
    const env: NodeJS.ProcessEnv = { ...process.env, GOVAUDIT_DATABASE_URL: url.toString(), GOVAUDIT_LOG_LEVEL: 'warn' };
    delete env.GOVAUDIT_DATA;
    // each worker's log (warnings and errors) goes to a file beside the config
    const workers: ChildProcess[] = Array.from({ length: n }, (_, i) => {
      const log = openSync(join(dir, `worker-${n}w-${i}.log`), 'w');
      // `--out` as in the documented deployment (docs/operations.md): the worker writes scorecards and takes the
      // problem screenshots (config `screenshots`) in its browser
      const out = join(dir, `out-${n}w-${i}`);
      return spawn(process.execPath, ['bin/govaudit.mjs', 'worker', '--config', file, '--concurrency', String(C), '--out', out], { cwd: repoRoot, env, stdio: ['ignore', log, log] });
    });
    const groups = workers.map((w, i) => memoryGroupFor(w.pid!, `govaudit-scale-${process.pid}-${n}w-${i}`, MEMORY_LIMIT_MB));
    while ((await store.listRecords(WORKER_KIND)).filter((r) => !(r.data as unknown as WorkerRecord).stoppedAt).length < n) await delay(500);

    /** One night of all N sites by these workers: what it cost and what it found. */
    const night = async (label: string, asOf: Date, full: boolean) => {
      const sizeBefore = await schemaBytes(admin, schema);
      const farmBefore = await farm.stats();
      const wal0 = await walBytes();
      const peak = new Map<number, { rss: number; pss: number; processes: number }>();
      const peakResident = groups.map(() => 0);
      const cpuByPid = new Map<number, number>();
      const cpuAtStart = new Map<number, number>();
      for (const w of workers) treeMemory(w.pid!, children(), cpuAtStart);
      let peakInFlight = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const kids = children();
          for (const w of workers) {
            const m = treeMemory(w.pid!, kids, cpuByPid);
            const p = peak.get(w.pid!) ?? { rss: 0, pss: 0, processes: 0 };
            peak.set(w.pid!, { rss: Math.max(p.rss, m.rss), pss: Math.max(p.pss, m.pss), processes: Math.max(p.processes, m.processes) });
          }
          for (const [i, g] of groups.entries()) if (g) peakResident[i] = Math.max(peakResident[i], groupResidentMb(g));
          const records = await store.listRecords(WORKER_KIND).catch(() => []);
          for (const r of records) peakInFlight = Math.max(peakInFlight, (r.data as unknown as WorkerRecord).active?.length ?? 0);
          await delay(1_000);
        }
      })();

      const boss = await openQueue(store, config.distributed, 'client');
      const t0 = Date.now();
      const { runId } = await enqueueAudit({ config, store, boss, now: asOf, full });
      await boss.stop({ graceful: false, wait: true });
      let last = 0;
      for (;;) {
        const run = await store.getRun(runId);
        if (run?.state !== 'running') break;
        if (Date.now() - last > 60_000) {
          last = Date.now();
          const states = (await store.listSiteRuns(runId)).reduce<Record<string, number>>((a, s) => ((a[s.state] = (a[s.state] ?? 0) + 1), a), {});
          process.stderr.write(`[${n} worker(s), ${label}] ${Math.round((Date.now() - t0) / 1000)} s ${JSON.stringify(states)} load ${la()}\n`);
        }
        await delay(1_000);
      }
      const seconds = (Date.now() - t0) / 1000;
      sampling = false;
      await sampler;
      const wal = (await walBytes()) - wal0;
      const farmAfter = await farm.stats();
      const siteRuns = await store.listSiteRuns(runId);
      const pages = await store.countPages(runId);
      const sizeAfter = await schemaBytes(admin, schema);
      // what the night found, as comparable lines (site, code, place), for the incremental nights' comparison
      const findings = (await store.listFindings(runId)).map((f) => `${f.siteId} ${f.code} ${f.url ?? ''} ${f.identity}`).sort();
      const sitesPerHour = (N / seconds) * 3_600;
      // CPU of the worker trees during the run (Node, Chromium and its renderers): what a site costs whatever else
      // the machine runs; on a machine of its own with the CPU the limit, 2 cores give 7,200 CPU-s an hour
      let cpuSeconds = 0;
      for (const [pid, s] of cpuByPid) cpuSeconds += s - (cpuAtStart.get(pid) ?? 0);
      const cpuPerSite = cpuSeconds / N;
      // the same CPU by kind of process (Node; Chromium's browser, renderers, GPU, network and other utilities)
      const cpuByKind: Record<string, number> = {};
      for (const [pid, s] of cpuByPid) {
        const k = processKinds.get(pid) ?? '?';
        cpuByKind[k] = (cpuByKind[k] ?? 0) + s - (cpuAtStart.get(pid) ?? 0);
      }
      const cpuSecondsPerSiteByProcess = Object.fromEntries(Object.entries(cpuByKind).map(([k, v]) => [k, +(v / N).toFixed(2)]));
      const cpuBoundSitesPerHour = (cpus().length * 3_600) / cpuPerSite;
      const result = {
        workers: n,
        night: label,
        concurrencyPerWorker: C,
        seconds: +seconds.toFixed(1),
        done: siteRuns.filter((s) => s.state === 'done').length,
        failed: siteRuns.filter((s) => s.state === 'failed').length,
        pagesStored: pages,
        findings: findings.length,
        sitesPerHourPer2CoreMachine: Math.round(sitesPerHour),
        machinesFor14000SitesIn8h: Math.ceil(NIGHT_SITES / (sitesPerHour * NIGHT_HOURS)),
        cpuSecondsPerSite: +cpuPerSite.toFixed(1),
        cpuSecondsPerSiteByProcess,
        cpuBoundSitesPerHourPer2CoreMachine: Math.round(cpuBoundSitesPerHour),
        cpuBoundMachinesFor14000SitesIn8h: Math.ceil(NIGHT_SITES / (cpuBoundSitesPerHour * NIGHT_HOURS)),
        peakSitesInFlightPerWorker: peakInFlight,
        peakRssMBPerWorkerTree: [...peak.values()].map((p) => Math.round(p.rss)),
        peakPssMBPerWorkerTree: [...peak.values()].map((p) => Math.round(p.pss)),
        peakProcessesPerWorkerTree: [...peak.values()].map((p) => p.processes),
        // the kernel's count (memory cgroup per worker): resident pages of the tree counted once, and all charged
        cgroupPeakResidentMBPerWorkerTree: groups.map((g, i) => (g ? Math.round(peakResident[i]) : null)),
        cgroupMemoryLimitMB: MEMORY_LIMIT_MB > 0 && groups.some(Boolean) ? MEMORY_LIMIT_MB : null,
        cgroupPerWorkerTree: groups.map((g) => (g ? groupSummary(g) : null)),
        pgSchemaKiBPerSite: kib((sizeAfter - sizeBefore) / N),
        pgWalKiBPerSite: kib(wal / N),
        farmRequests: farmAfter.requests - farmBefore.requests,
        farmConditionalRequests: farmAfter.conditional - farmBefore.conditional,
        farmNotModified: farmAfter.notModified - farmBefore.notModified,
        farmMiBServed: mb(farmAfter.bytes - farmBefore.bytes),
        // of which the browser checks' page loads (Chromium fetches a page's images, styles and scripts; it keeps no
        // cache between nights) and the crawler's (pages, link checks: what incremental crawls save)
        farmBrowserRequests: farmAfter.browserRequests - farmBefore.browserRequests,
        farmBrowserMiB: mb(farmAfter.browserBytes - farmBefore.browserBytes),
        farmCrawlerMiB: mb(farmAfter.bytes - farmAfter.browserBytes - (farmBefore.bytes - farmBefore.browserBytes)),
        farmPeakInFlightPerPortal: farmAfter.peakInFlightPerPortal,
        farmPeakPortalsBusy: farmAfter.peakPortalsBusy,
        load: la(),
      };
      console.log(JSON.stringify(result));
      return { result, findings };
    };

    const first = await night('night 1', new Date(config.asOf!), false);
    // the incremental figures (issue 19 item 2) at scale, with the first setup's workers: night 2 on the unchanged
    // sites crawled incrementally, then night 2 again in full (`audit --full`), both a day later
    if (INCREMENTAL && setupIndex === 0) {
      const nextDay = new Date(Date.parse(config.asOf!) + 86_400_000);
      const inc = await night('night 2 incremental', nextDay, false);
      const full = await night('night 2 full', nextDay, true);
      const ratio = (a: number, b: number) => +(a / b).toFixed(3);
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
      console.log(
        JSON.stringify({
          incremental: `${n} worker(s), ${N} sites`,
          bytesNight2OverNight1: ratio(inc.result.farmMiBServed, first.result.farmMiBServed),
          crawlerBytesNight2OverNight1: ratio(inc.result.farmCrawlerMiB, first.result.farmCrawlerMiB),
          browserBytesNight2OverNight1: ratio(inc.result.farmBrowserMiB, first.result.farmBrowserMiB),
          wallNight2OverNight1: ratio(inc.result.seconds, first.result.seconds),
          wallNight2OverFullNight2: ratio(inc.result.seconds, full.result.seconds),
          cpuNight2OverNight1: ratio(inc.result.cpuSecondsPerSite, first.result.cpuSecondsPerSite),
          cpuNight2OverFullNight2: ratio(inc.result.cpuSecondsPerSite, full.result.cpuSecondsPerSite),
          requestsNight2OverNight1: ratio(inc.result.farmRequests, first.result.farmRequests),
          notModified: inc.result.farmNotModified,
          findingsNight1: first.findings.length,
          findingsIncrementalEqualFull: same(inc.findings, full.findings),
          findingsIncrementalEqualNight1: same(inc.findings, first.findings),
        }),
      );
    }
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.on('exit', r)))));
    await delay(1_000); // Chromium's last processes leave the group after the worker
    for (const g of groups) if (g) removeGroup(g);
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${queueSchemaFor(schema)} CASCADE`);
  }
  await admin.end();
  await farm.stop();
}

/** Bytes of every relation of the store schema and its queue schema (tables, indexes, TOAST). */
async function schemaBytes(client: pg.Client, schema: string): Promise<number> {
  const { rows } = await client.query(
    `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'm')`,
    [[schema, queueSchemaFor(schema)]],
  );
  return Number(rows[0].bytes);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`scale bench: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
