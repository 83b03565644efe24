// The incremental crawl bench (issue 19 item 2; not part of `npm test`): the generated TRS-shaped portal of
// bench/site (routes and model; served here by a child process that adds ETag / Last-Modified to its HTML answers and
// honours If-None-Match / If-Modified-Since like nginx does for static pages), audited three times with one SQLite
// store: night 1 (nothing kept yet), night 2 incremental on the unchanged site, and night 2 full (`--full`) for
// comparison. Prints per night: requests, 304s, bytes sent by the server (headers and bodies, counted on its sockets),
// wall time, the crawl process's CPU time, and whether the findings equal the full night's.
//   nice -n 10 node bin/run-ts.mjs bench/incremental.ts [--pages 5000] [--latency 200] [--kbps 0] [--slots 8] [--concurrency 4] [--out FILE]
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSiteModel } from './site/model.ts';
import { createExternal, createPortal, type Answer } from './site/routes.ts';
import { identity } from '../checks/identity.ts';
import { interaction } from '../checks/interaction.ts';
import { interpretations } from '../checks/interpretations.ts';
import { links } from '../checks/links.ts';
import { parseConfig } from '../config/load.ts';
import { crawlGatherer } from '../crawler/gather-crawl.ts';
import { documentMetaGatherer } from '../crawler/gather-document-meta.ts';
import { runAudit } from '../scheduler/audit.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import type { StoredFinding } from '../store/types.ts';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'string' },
    pages: { type: 'string', default: '5000' },
    latency: { type: 'string', default: '200' },
    slots: { type: 'string', default: '8' },
    /** A body's transfer time on top of the latency, at this many kilobits per second (0: none, the default). */
    kbps: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '4' },
    out: { type: 'string' },
  },
});

interface Counters {
  requests: number;
  conditional: number;
  notModified: number;
  /** Bytes written on the server's sockets (status lines, headers and bodies). */
  bytes: number;
  byMethod: Record<string, number>;
}

type Msg = { type: 'reset' | 'stats'; id: number };
type Reply = { type: 'ready'; hosts: { main: string; external: string[]; refused: string }; pages: number } | { type: 'stats'; id: number; stats: Counters } | { type: 'reset'; id: number };

/** HTML pages last changed before night 1. */
const LAST_MODIFIED = 'Mon, 30 Nov 2026 08:00:00 GMT';

// ---- the site process
async function serve(opts: { pages: number; latencyMs: number; slots: number; kbps: number }): Promise<void> {
  let counters: Counters = { requests: 0, conditional: 0, notModified: 0, bytes: 0, byMethod: {} };
  const sockets = new Set<Socket>();
  /** Bytes already counted of each socket (a socket serves several nights' requests when kept alive). */
  const counted = new WeakMap<Socket, number>();
  const settle = (s: Socket) => {
    const before = counted.get(s) ?? 0;
    counters.bytes += s.bytesWritten - before;
    counted.set(s, s.bytesWritten);
  };
  const answerWithValidators = (a: Answer): Answer => {
    if (a.status !== 200 || !a.headers['content-type']?.startsWith('text/html')) return a;
    const etag = `"${createHash('sha1').update(a.body).digest('hex').slice(0, 20)}"`;
    return { ...a, headers: { ...a.headers, etag, 'last-modified': LAST_MODIFIED } };
  };
  const handler = (answer: (path: string) => Answer) => {
    let inService = 0;
    const waiting: (() => void)[] = [];
    return (req: IncomingMessage, res: ServerResponse) => {
      const method = req.method ?? 'GET';
      counters.requests++;
      counters.byMethod[method] = (counters.byMethod[method] ?? 0) + 1;
      const run = () => {
        inService++;
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          inService--;
          waiting.shift()?.();
          settle(req.socket);
        };
        res.once('close', release);
        res.once('finish', () => setImmediate(() => settle(req.socket)));
        setTimeout(() => {
          if (res.destroyed) return release();
          const a = answerWithValidators(answer(req.url ?? '/'));
          const inm = req.headers['if-none-match'];
          const ims = req.headers['if-modified-since'];
          if (inm || ims) counters.conditional++;
          const fresh = a.headers.etag !== undefined && (inm !== undefined ? inm === a.headers.etag : ims !== undefined && Date.parse(ims) >= Date.parse(LAST_MODIFIED));
          if (fresh) {
            counters.notModified++;
            res.writeHead(304, { etag: a.headers.etag, 'last-modified': LAST_MODIFIED, server: 'TRS WCM bench' });
            return res.end();
          }
          const send = () => {
            res.writeHead(a.status, { ...a.headers, 'content-length': String(a.body.length), server: 'TRS WCM bench' });
            res.end(method === 'HEAD' ? undefined : a.body);
          };
          if (opts.kbps > 0 && method !== 'HEAD') setTimeout(send, (a.body.length * 8) / opts.kbps);
          else send();
        }, opts.latencyMs);
      };
      if (inService < opts.slots) run();
      else waiting.push(run);
    };
  };
  const listen = async (address: string, answer: (p: string) => Answer): Promise<string> => {
    const server = createServer({ keepAliveTimeout: 75_000 }, handler(answer));
    server.on('connection', (s) => {
      sockets.add(s);
      s.once('close', () => {
        settle(s);
        sockets.delete(s);
      });
    });
    await new Promise<void>((resolve) => server.listen({ host: address, port: 0, backlog: 4096 }, resolve));
    return `http://${address}:${(server.address() as AddressInfo).port}`;
  };
  let portal: (p: string) => Answer = () => ({ status: 503, headers: {}, body: Buffer.alloc(0) });
  const externals: ((p: string) => Answer)[] = [];
  const main = await listen('127.0.0.2', (p) => portal(p));
  const external: string[] = [];
  for (const [i, address] of ['127.0.0.3', '127.0.0.4', '127.0.0.5'].entries()) external.push(await listen(address, (p) => externals[i](p)));
  const refused = 'http://127.0.0.6:9';
  const model = buildSiteModel({ pages: opts.pages, hosts: { main, external, refused } });
  portal = createPortal(model);
  for (let i = 0; i < 3; i++) externals.push(createExternal(model, i));
  const reply = (r: Reply) => process.send?.(r);
  process.on('message', (m: Msg) => {
    if (m.type === 'reset') {
      for (const s of sockets) settle(s);
      counters = { requests: 0, conditional: 0, notModified: 0, bytes: 0, byMethod: {} };
      reply({ type: 'reset', id: m.id });
    } else {
      for (const s of sockets) settle(s);
      reply({ type: 'stats', id: m.id, stats: counters });
    }
  });
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', hosts: { main, external, refused }, pages: model.pages });
}

// ---- the bench
async function bench(): Promise<void> {
  const pages = Number(args.pages);
  const latencyMs = Number(args.latency);
  const slots = Number(args.slots);
  const concurrency = Number(args.concurrency);
  const kbps = Number(args.kbps);
  const runTs = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));
  const child = fork(runTs, [fileURLToPath(import.meta.url), '--serve', JSON.stringify({ pages, latencyMs, slots, kbps })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (r: Reply) => void>();
  const ready = new Promise<Extract<Reply, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench site exited (code ${code})`)));
    child.on('message', (r: Reply) => {
      if (r.type === 'ready') resolve(r);
      else pending.get(r.id)?.(r);
    });
  });
  const ask = (type: 'reset' | 'stats') =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ type, id });
    });
  const site = await ready;
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-bench-incremental-'));
  const raw = {
    district: '基准测试区',
    maxPages: pages * 2 + 100,
    crawl: { allowPrivateNetworks: true, maxExternalLinks: 200, concurrencyPerHost: concurrency },
    sites: [{ id: 'portal', name: '基准门户', unit: '基准单位', homepage: `${site.hosts.main}/` }],
  };
  const config = parseConfig(raw, join(dir, 'district.json'));
  const store = await openSqliteStore(join(dir, 'data'));
  const la = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  const nights: { name: string; wallS: number; cpuS: number; requests: number; conditional: number; notModified: number; bytes: number; byMethod: Record<string, number>; pages: number; findings: StoredFinding[]; load: string }[] = [];
  const night = async (name: string, now: string, full: boolean) => {
    await ask('reset');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { run, summary } = await runAudit({ config, store, now: new Date(now), checks: [links, identity, interaction, interpretations], gatherers: [crawlGatherer, documentMetaGatherer], full });
    const wallS = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(cpu0);
    const s = (await ask('stats')) as Extract<Reply, { type: 'stats' }>;
    const findings = await store.listFindings(run.id);
    nights.push({ name, wallS, cpuS: (c.user + c.system) / 1e6, ...s.stats, pages: summary.sites[0].pages, findings, load: la() });
    const n = nights.at(-1)!;
    process.stdout.write(`${name}: ${n.pages} pages, ${n.requests} requests (${n.notModified} answered 304), ${(n.bytes / 1e6).toFixed(1)} MB, ${wallS.toFixed(1)} s wall, ${n.cpuS.toFixed(1)} s CPU, ${findings.length} findings, load ${n.load}\n`);
  };
  const loadBefore = la();
  let cache: { pagesKept: number; payloadBytes: number; linkChecksKept: number } | undefined;
  try {
    await night('night 1 (full, nothing kept)', '2026-12-01T18:00:00.000Z', false);
    await night('night 2 incremental', '2026-12-02T18:00:00.000Z', false);
    await night('night 2 full (--full)', '2026-12-02T19:00:00.000Z', true);
    const kept = store.db.prepare('SELECT count(*) AS rows, sum(length(payload)) AS bytes FROM page_cache').get() as { rows: number; bytes: number };
    const checks = store.db.prepare('SELECT count(*) AS rows FROM link_check_cache').get() as { rows: number };
    cache = { pagesKept: kept.rows, payloadBytes: kept.bytes, linkChecksKept: checks.rows };
  } finally {
    await store.close();
    child.kill();
    await rm(dir, { recursive: true, force: true });
  }
  const [first, inc, full] = nights;
  const key = (f: StoredFinding[]) =>
    f
      .map((x) => JSON.stringify([x.check, x.code, x.url, x.identity, x.severity, x.evidence, x.state, x.firstSeen]))
      .sort()
      .join('\n');
  const same = key(inc.findings) === key(full.findings);
  const sameAsFirst = key(inc.findings.map((f) => ({ ...f, state: 'new', firstSeen: '' }))) === key(first.findings.map((f) => ({ ...f, state: 'new', firstSeen: '' })));
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}`,
    loadBefore,
    setup: { pages, latencyMs, kbps, slots, concurrencyPerHost: concurrency, htmlPages: site.pages },
    nights: nights.map(({ findings, ...n }) => ({ ...n, findings: findings.length })),
    ratios: {
      bytes: +(inc.bytes / first.bytes).toFixed(3),
      wall: +(inc.wallS / first.wallS).toFixed(3),
      requests: +(inc.requests / first.requests).toFixed(3),
      bytesVsFull2: +(inc.bytes / full.bytes).toFixed(3),
      wallVsFull2: +(inc.wallS / full.wallS).toFixed(3),
    },
    cache,
    identicalFindings: same,
    identicalToNight1: sameAsFirst,
  };
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (args.out) await writeFile(args.out, JSON.stringify(result, null, 2) + '\n');
}

if (args.serve) await serve(JSON.parse(args.serve));
else await bench();
