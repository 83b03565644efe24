// Many generated sites served by ONE process (the scale bench audits hundreds; a process per site does not fit):
// each site's portal on its own port of 127.0.0.2 (so each is its own host for politeness and host locks), and
// three external hosts on 127.0.0.3–5 shared by all of them (the national, provincial and city portals every
// district site links to). Every answer comes after the site's latency, at most `slots` requests in service per
// portal (`externalSlots` per external host). A site's `kind` makes it slow (10× latency), broken (every page
// answers 503) or hostile (connections accepted, never answered: the auditor's timeouts must end it). Run as a
// child process: `startFarm` (control.ts) forks it and talks over IPC. Portal pages answer 200 with a strong ETag (a
// hash of the body) and a Last-Modified, and honour If-None-Match / If-Modified-Since with a bodiless 304 as nginx does
// for static pages, so a second night can be crawled incrementally (the bench's `--incremental`).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSiteModel, type SiteModel } from './model.ts';
import { createExternal, createPortal, type Answer } from './routes.ts';

export type FarmSiteKind = 'normal' | 'slow' | 'broken' | 'hostile';

export interface FarmOptions {
  sites: { seed: string; pages: number; kind: FarmSiteKind }[];
  latencyMs: number;
  /** Requests in service at once per portal. */
  slots: number;
  /** Requests in service at once per shared external host. */
  externalSlots: number;
}

export interface FarmSite {
  seed: string;
  kind: FarmSiteKind;
  homepage: string;
  pages: number;
}

export type FarmRequest = { type: 'stats'; id: number } | { type: 'stop' };
export type FarmReply = { type: 'ready'; sites: FarmSite[] } | { type: 'stats'; id: number; stats: FarmStats };

export interface FarmStats {
  requests: number;
  /** Body bytes sent. */
  bytes: number;
  /** Requests from Chromium (they carry Sec-Fetch-* headers; the crawler's do not): the browser checks' page loads. */
  browserRequests: number;
  /** Body bytes sent to Chromium. */
  browserBytes: number;
  /** Requests carrying If-None-Match or If-Modified-Since. */
  conditional: number;
  /** Answered 304 Not Modified (no body). */
  notModified: number;
  /** Most requests in service or waiting at once on one portal (the politeness the auditor kept). */
  peakInFlightPerPortal: number;
  /** Most portals with a request in flight at once (sites being crawled at the same time). */
  peakPortalsBusy: number;
}

const MAIN_ADDRESS = '127.0.0.2';
/** When every portal page last changed (before the first night). */
const LAST_MODIFIED = 'Mon, 30 Nov 2026 08:00:00 GMT';
const LAST_MODIFIED_MS = Date.parse(LAST_MODIFIED);
const EXTERNAL_ADDRESSES = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
const REFUSED_ADDRESS = '127.0.0.6';

interface Host {
  inService: number;
  waiting: (() => void)[];
  inFlight: number;
}

async function listen(server: Server, address: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port: 0, backlog: 4096 }, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as FarmOptions;
  const servers: Server[] = [];
  const stats: FarmStats = { requests: 0, bytes: 0, browserRequests: 0, browserBytes: 0, conditional: 0, notModified: 0, peakInFlightPerPortal: 0, peakPortalsBusy: 0 };
  let portalsBusy = 0;

  const serve = (answer: () => ((path: string) => Answer) | null, slots: number, latencyMs: number, portal: boolean) => {
    const h: Host = { inService: 0, waiting: [], inFlight: 0 };
    return (req: IncomingMessage, res: ServerResponse) => {
      stats.requests++;
      const browser = req.headers['sec-fetch-dest'] !== undefined;
      if (browser) stats.browserRequests++;
      if (h.inFlight++ === 0 && portal) stats.peakPortalsBusy = Math.max(stats.peakPortalsBusy, ++portalsBusy);
      if (portal) stats.peakInFlightPerPortal = Math.max(stats.peakInFlightPerPortal, h.inFlight);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (--h.inFlight === 0 && portal) portalsBusy--;
        h.inService--;
        h.waiting.shift()?.();
      };
      const go = () => {
        h.inService++;
        res.once('close', release);
        const fn = answer();
        if (!fn) return; // hostile: never answers; the client gives up and closes
        setTimeout(() => {
          if (res.destroyed) return release();
          const a = fn(req.url ?? '/');
          const inm = req.headers['if-none-match'];
          const ims = req.headers['if-modified-since'];
          if (inm !== undefined || ims !== undefined) stats.conditional++;
          if (portal && a.status === 200) {
            const etag = `"${createHash('sha1').update(a.body).digest('hex').slice(0, 20)}"`;
            if (inm !== undefined ? inm === etag : ims !== undefined && Date.parse(ims) >= LAST_MODIFIED_MS) {
              stats.notModified++;
              res.writeHead(304, { etag, 'last-modified': LAST_MODIFIED, server: 'TRS WCM bench' });
              return res.end();
            }
            res.writeHead(200, { ...a.headers, etag, 'last-modified': LAST_MODIFIED, 'content-length': String(a.body.length), server: 'TRS WCM bench' });
          } else res.writeHead(a.status, { ...a.headers, 'content-length': String(a.body.length), server: 'TRS WCM bench' });
          if (req.method === 'HEAD') res.end();
          else {
            stats.bytes += a.body.length;
            if (browser) stats.browserBytes += a.body.length;
            res.end(a.body);
          }
        }, latencyMs);
      };
      if (h.inService < slots) go();
      else h.waiting.push(go);
    };
  };

  const start = async (address: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => {
    const server = createServer({ keepAliveTimeout: 75_000, headersTimeout: 90_000 }, handler);
    servers.push(server);
    return `http://${address}:${await listen(server, address)}`;
  };

  // the shared external hosts answer from the first site's model (links to them from any site get the same answers)
  let externalModel: SiteModel | null = null;
  const external: string[] = [];
  for (const [i, address] of EXTERNAL_ADDRESSES.entries()) {
    let fn: ((p: string) => Answer) | null = null;
    external.push(await start(address, serve(() => (fn ??= createExternal(externalModel!, i)), opts.externalSlots, opts.latencyMs, false)));
  }
  const probe = createServer();
  const refused = `http://${REFUSED_ADDRESS}:${await listen(probe, REFUSED_ADDRESS)}`;
  await new Promise((r) => probe.close(r));

  const broken = (): Answer => ({ status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '1' }, body: Buffer.from('<html><body>Service Unavailable</body></html>') });
  const sites: FarmSite[] = [];
  for (const s of opts.sites) {
    let fn: ((p: string) => Answer) | null = null;
    const answer = () => (s.kind === 'hostile' ? null : s.kind === 'broken' ? broken : fn);
    const latency = s.kind === 'slow' ? opts.latencyMs * 10 : opts.latencyMs;
    const main = await start(MAIN_ADDRESS, serve(answer, opts.slots, latency, true));
    const model = buildSiteModel({ pages: s.pages, seed: s.seed, hosts: { main, external, refused } });
    fn = createPortal(model);
    externalModel ??= model;
    sites.push({ seed: s.seed, kind: s.kind, homepage: `${main}/`, pages: model.pages });
  }

  const reply = (msg: FarmReply) => process.send?.(msg);
  process.on('message', (msg: FarmRequest) => {
    if (msg.type === 'stats') reply({ type: 'stats', id: msg.id, stats: { ...stats } });
    else if (msg.type === 'stop') {
      for (const s of servers) s.closeAllConnections();
      Promise.all(servers.map((s) => new Promise((r) => s.close(r)))).then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', sites });
}

main().catch((err) => {
  process.stderr.write(`bench farm: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
