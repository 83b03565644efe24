// The benchmark site's own process: serves the portal on 127.0.0.2 and its external hosts on 127.0.0.3–5, each
// answer after a fixed latency, at most `slots` requests in service per host (more wait their turn, like a
// government server's worker pool), and counts every request (method, URL, address family) so each tool's
// requests and duplicates are measured at the server, not taken from the tool. Controlled over IPC.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { buildSiteModel } from './model.ts';
import { createExternal, createPortal, type Answer } from './routes.ts';
import type { ServerRequest, ServerReply, ServerStats, SiteOptions } from './protocol.ts';

const MAIN_ADDRESS = '127.0.0.2';
const EXTERNAL_ADDRESSES = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
const REFUSED_ADDRESS = '127.0.0.6';

interface HostState {
  origin: string;
  inService: number;
  waiting: (() => void)[];
  inFlight: number;
  peakInFlight: number;
  connections: number;
  peakConnections: number;
}

function createCounters() {
  return { connections: 0, nonHtmlBodies: 0, urls: new Set<string>(), requests: 0, byMethod: {} as Record<string, number>, byStatus: {} as Record<string, number>, byHost: {} as Record<string, number>, seen: new Map<string, number>(), bytes: 0 };
}

async function listen(server: Server, address: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // a deep accept queue: a tool that opens far more connections than asked should wait, not be refused
    server.listen({ host: address, port, backlog: 4096 }, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function freePort(address: string): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, address);
  await new Promise((r) => probe.close(r));
  return port;
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as SiteOptions;
  const servers: Server[] = [];
  const hosts = new Map<Server, HostState>();
  let counters = createCounters();

  const handler = (answer: (path: string) => Answer, state: () => HostState) => (req: IncomingMessage, res: ServerResponse) => {
    const h = state();
    const method = req.method ?? 'GET';
    const family = req.socket.remoteFamily === 'IPv6' ? 6 : 4;
    const key = `${method} ${h.origin}${req.url} ${family}`;
    counters.requests++;
    counters.byMethod[method] = (counters.byMethod[method] ?? 0) + 1;
    counters.byHost[h.origin] = (counters.byHost[h.origin] ?? 0) + 1;
    counters.seen.set(key, (counters.seen.get(key) ?? 0) + 1);
    counters.urls.add(`${h.origin}${req.url}`);
    h.inFlight++;
    h.peakInFlight = Math.max(h.peakInFlight, h.inFlight);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      h.inFlight--;
      h.inService--;
      h.waiting.shift()?.();
    };
    const serve = () => {
      h.inService++;
      res.once('close', release);
      setTimeout(() => {
        if (res.destroyed) return release();
        const a = answer(req.url ?? '/');
        counters.byStatus[a.status] = (counters.byStatus[a.status] ?? 0) + 1;
        // `LinkChecker` lifts LinkChecker's own rate limit (0.1–0.6 s between requests to a host) as its docs let a
        // site do, so every tool is held by the same thing: the concurrency asked of it and this server's slots
        res.writeHead(a.status, { ...a.headers, 'content-length': String(a.body.length), server: 'TRS WCM bench', linkchecker: 'bench' });
        if (method === 'HEAD') res.end();
        else {
          counters.bytes += a.body.length;
          if (a.status < 300 && !a.headers['content-type']?.startsWith('text/html') && req.url !== '/robots.txt') counters.nonHtmlBodies++;
          res.end(a.body);
        }
      }, opts.latencyMs);
    };
    if (h.inService < opts.slots) serve();
    else h.waiting.push(serve);
  };

  const start = async (address: string, answer: (path: string) => Answer, port = 0) => {
    let state!: HostState;
    // nginx's keep-alive timeout: an idle connection lives 75 s, so no tool trips on one the server just closed
    const server = createServer({ keepAliveTimeout: 75_000, headersTimeout: 90_000 }, handler(answer, () => state));
    server.on('connection', (socket) => {
      counters.connections++;
      state.connections++;
      state.peakConnections = Math.max(state.peakConnections, state.connections);
      socket.once('close', () => state.connections--);
    });
    const bound = await listen(server, address, port);
    state = { origin: `http://${address}:${bound}`, inService: 0, waiting: [], inFlight: 0, peakInFlight: 0, connections: 0, peakConnections: 0 };
    servers.push(server);
    hosts.set(server, state);
    return state.origin;
  };

  // the model needs the origins, the routes need the model: bind first, then answer
  let portal: (p: string) => Answer = () => ({ status: 503, headers: {}, body: Buffer.alloc(0) });
  const externals: ((p: string) => Answer)[] = [];
  const main = await start(MAIN_ADDRESS, (p) => portal(p), opts.port ?? 0);
  const external: string[] = [];
  for (const [i, address] of EXTERNAL_ADDRESSES.entries()) external.push(await start(address, (p) => externals[i](p)));
  const refused = `http://${REFUSED_ADDRESS}:${await freePort(REFUSED_ADDRESS)}`;
  const model = buildSiteModel({ pages: opts.pages, seed: opts.seed, hosts: { main, external, refused } });
  portal = createPortal(model);
  EXTERNAL_ADDRESSES.forEach((_, i) => {
    externals.push(createExternal(model, i));
  });

  const stats = (): ServerStats => {
    const duplicates: { key: string; count: number }[] = [];
    let duplicateRequests = 0;
    for (const [key, count] of counters.seen) {
      if (count < 2) continue;
      duplicateRequests += count - 1;
      if (duplicates.length < 50) duplicates.push({ key, count });
    }
    return {
      requests: counters.requests,
      connections: counters.connections,
      distinctUrls: counters.urls.size,
      nonHtmlBodies: counters.nonHtmlBodies,
      distinct: counters.seen.size,
      duplicateRequests,
      duplicates,
      byMethod: counters.byMethod,
      byStatus: counters.byStatus,
      byHost: counters.byHost,
      bytes: counters.bytes,
      hosts: [...hosts.values()].map((h) => ({ origin: h.origin, peakInFlight: h.peakInFlight, peakConnections: h.peakConnections })),
    };
  };

  const reply = (msg: ServerReply) => process.send?.(msg);
  process.on('message', (msg: ServerRequest) => {
    if (msg.type === 'reset') {
      counters = createCounters();
      for (const h of hosts.values()) {
        h.peakInFlight = h.inFlight;
        h.peakConnections = h.connections;
      }
      reply({ type: 'reset', id: msg.id });
    } else if (msg.type === 'stats') reply({ type: 'stats', id: msg.id, stats: stats() });
    else if (msg.type === 'keys') {
      writeFileSync(msg.file, [...counters.seen.keys()].sort().join('\n') + '\n');
      reply({ type: 'keys', id: msg.id });
    }
    else if (msg.type === 'stop') {
      for (const s of servers) s.closeAllConnections();
      Promise.all(servers.map((s) => new Promise((r) => s.close(r)))).then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', hosts: { main, external, refused }, pages: model.pages, articles: model.articles });
}

main().catch((err) => {
  process.stderr.write(`bench site: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
