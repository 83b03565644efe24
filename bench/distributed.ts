// Distributed-mode throughput: K generated TRS-style portals (bench/site, each its own server process with a fixed
// latency per answer and 4 requests in service per host) audited single-process and by N `govaudit worker` processes
// (concurrency 1) against PostgreSQL; browser checks off. Prints one JSON line per setup (docs/operations.md "Distributed mode").
//   node bin/run-ts.mjs bench/distributed.ts [single,1,2,4] [sites 8] [pages 100] [latencyMs 100]   (GOVAUDIT_BENCH_DATABASE_URL)
import { spawn } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { startSite } from './site/control.ts';
import { parseConfig } from '../config/load.ts';
import { runAudit } from '../scheduler/audit.ts';
import { enqueueAudit } from '../scheduler/distributed/enqueue.ts';
import { openQueue } from '../scheduler/distributed/queue.ts';
import { WORKER_KIND } from '../scheduler/distributed/status.ts';
import { openPostgresStore } from '../store/postgres.ts';
import { openSqliteStore } from '../store/sqlite.ts';

const [modes = 'single,1,2,4', k = '8', pages = '100', latency = '100'] = process.argv.slice(2);
const DB = process.env.GOVAUDIT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const sites = await Promise.all(Array.from({ length: Number(k) }, (_, i) => startSite({ pages: Number(pages), latencyMs: Number(latency), slots: 4, seed: `s${i}` })));
const dir = await mkdtemp(join(tmpdir(), 'govaudit-btp-'));
const raw = {
  district: '基准测试区',
  asOf: '2026-11-20T10:00:00+08:00',
  maxPages: Number(pages) * 2 + 100,
  crawl: { allowPrivateNetworks: true, maxExternalLinks: 200 },
  accessibility: { chromePath: '/bin/false' },
  security: { httpsPort: 1 },
  distributed: { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5, expireInSeconds: 3600, heartbeatSeconds: 5 },
  sites: sites.map((s, i) => ({ id: `s${i}`, name: `基准站点${i}`, unit: `单位${i}`, homepage: `${s.hosts.main}/` })),
};
const file = join(dir, 'district.json');
await writeFile(file, JSON.stringify(raw));
const config = parseConfig(raw, file);
const now = new Date(config.asOf!);
const la = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const cpu = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};
console.log(JSON.stringify({ sites: sites.length, pagesPerSite: sites[0].pages, latencyMs: Number(latency), load: la() }));

for (const c of modes.split(',')) {
  if (c === 'single') {
    const store = openSqliteStore(join(dir, `single-${Date.now()}`));
    const t0 = Date.now(); const c0 = cpu();
    const { summary } = await runAudit({ config, store, now });
    const s = (Date.now() - t0) / 1000;
    console.log(JSON.stringify({ mode: 'single-process (siteConcurrency 3)', seconds: s, sitesPerMinute: +((sites.length / s) * 60).toFixed(2), cpuS: +(cpu() - c0).toFixed(1), pages: summary.sites.reduce((a, x) => a + x.pages, 0), load: la() }));
    await store.close();
    continue;
  }
  const n = Number(c);
  const schema = `btp_${n}_${process.pid}`;
  const store = await openPostgresStore(DB, { schema });
  const url = new URL(DB);
  url.searchParams.set('schema', schema);
  const env: NodeJS.ProcessEnv = { ...process.env, GOVAUDIT_DATABASE_URL: url.toString(), GOVAUDIT_LOG_LEVEL: 'warn' };
  delete env.GOVAUDIT_DATA;
  const workers = Array.from({ length: n }, () => spawn(process.execPath, ['bin/govaudit.mjs', 'worker', '--config', file, '--concurrency', '1'], { cwd: repoRoot, env, stdio: 'ignore' }));
  while ((await store.listRecords(WORKER_KIND)).length < n) await delay(500);
  const boss = await openQueue(store, config.distributed, 'client');
  const t0 = Date.now();
  const { runId } = await enqueueAudit({ config, store, boss, now });
  await boss.stop({ graceful: false, wait: true });
  while ((await store.getRun(runId))?.state === 'running') await delay(250);
  const s = (Date.now() - t0) / 1000;
  const runs = await store.listSiteRuns(runId);
  const pagesDone = await store.countPages(runId);
  console.log(JSON.stringify({ mode: `${n} worker(s), concurrency 1`, seconds: s, sitesPerMinute: +((sites.length / s) * 60).toFixed(2), done: runs.filter((x) => x.state === 'done').length, pages: pagesDone, load: la() }));
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((r) => w.on('exit', r))));
  await store.pool.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA ${schema}_queue CASCADE`);
  await store.close();
}
for (const s of sites) await s.stop();
process.exit(0);
