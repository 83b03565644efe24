// The dashboard: web pages for the center and each unit (district overview, a page per site and per unit, the
// bulletin archive, review and rectification), a Hono app (dashboard/app.tsx) served by @hono/node-server.
// `govaudit serve` mounts `handler`; `govaudit dashboard` runs it alone via `listen`. Bound to 127.0.0.1 by default;
// on any other address every request needs a signed-in user or a token (dashboard/tokens.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import { createApp } from './app.tsx';

export interface DashboardOptions {
  store: Store;
  config: DistrictConfig;
  /** Force tokens on or off; default: required unless the server listens on loopback only. */
  requireToken?: boolean;
  /** The clock for bulletin previews and sessions (default: the config's `asOf`, else the real time). */
  now?: () => Date;
  /** Runs shown per site in its history and trend (default 30). */
  historyRuns?: number;
  /** Mark cookies `Secure` (default: when the request URL is https). */
  secureCookies?: boolean;
  /** Waits before answering a failed sign-in (default: a real sleep). */
  delay?: (ms: number) => Promise<void>;
}

export interface Dashboard {
  /** The request handler, for a server someone else runs (`govaudit serve`). */
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Starts its own server (host default 127.0.0.1; port 0 = any free port). */
  listen(port?: number, host?: string): Promise<{ port: number; host: string; url: string }>;
  /** Stops the server started by `listen`. */
  close(): Promise<void>;
}

/** Creates the dashboard. */
export function createDashboard(opts: DashboardOptions): Dashboard {
  const now = opts.now ?? (() => (opts.config.asOf ? new Date(opts.config.asOf) : new Date()));
  const app = createApp({ store: opts.store, config: opts.config, requireToken: opts.requireToken, now, historyRuns: opts.historyRuns ?? 30, secureCookies: opts.secureCookies, delay: opts.delay });
  const listener = getRequestListener(app.fetch, {
    // A malformed request (bad Host, aborted body) answers 400 without details and without logging anything of it.
    errorHandler: () => new Response('bad request\n', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  });
  const handler = (req: IncomingMessage, res: ServerResponse) => listener(req, res);
  let server: Server | null = null;
  return {
    handler,
    async listen(port = 8080, host = '127.0.0.1') {
      if (server) throw new Error('dashboard: already listening');
      const s = createServer((req, res) => void handler(req, res));
      s.headersTimeout = 20_000;
      s.requestTimeout = 30_000;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      server = s;
      const bound = (s.address() as AddressInfo).port;
      return { port: bound, host, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/` };
    },
    async close() {
      const s = server;
      server = null;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeIdleConnections();
        setTimeout(() => s.closeAllConnections(), 1_000).unref();
      });
    },
  };
}
