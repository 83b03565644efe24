// The service's HTTP side: `GET /healthz` for monitoring (200 with the status as JSON, 503 when the store
// cannot be read or the service is stopping), everything else handed to the dashboard.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpOptions {
  /** The health document; throwing makes the answer 503. */
  health: () => Promise<Record<string, unknown>>;
  dashboard?: RequestHandler | null;
}

/** Creates (does not start) the HTTP server. */
export function createHttpServer(opts: HttpOptions): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' });
      opts.health().then(
        (doc) => send(res, doc.status === 'ok' ? 200 : 503, doc, req.method === 'HEAD'),
        (e) => send(res, 503, { status: 'error', error: (e as Error)?.message ?? String(e) }, req.method === 'HEAD'),
      );
      return;
    }
    if (opts.dashboard) {
      Promise.resolve()
        .then(() => opts.dashboard!(req, res))
        .catch(() => {
          if (!res.headersSent) send(res, 500, { error: 'dashboard error' });
          else res.end();
        });
      return;
    }
    send(res, 404, { error: 'not found', hint: 'GET /healthz; the dashboard is not installed' });
  });
}

function send(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const json = JSON.stringify(body, null, 2) + '\n';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  res.end(headOnly ? undefined : json);
}

/** Starts listening; resolves with the actual port (0 = any free port). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes the server, dropping idle keep-alive connections. */
export function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1_000).unref();
  });
}

/**
 * The dashboard's request handler (dashboard/index.ts, loaded when the service starts its HTTP side). Mounted on a
 * non-loopback address, the dashboard requires its tokens (dashboard/tokens.ts).
 */
export async function loadDashboard(deps: { config: DistrictConfig; store: Store; host: string; now?: Date }): Promise<RequestHandler> {
  const { createDashboard } = await import('../dashboard/index.ts');
  const fixed = deps.now;
  return createDashboard({
    config: deps.config,
    store: deps.store,
    ...(isLoopback(deps.host) ? {} : { requireToken: true }),
    ...(fixed ? { now: () => fixed } : {}),
  }).handler;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
