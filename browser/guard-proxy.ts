// The browser's only way out: a forward proxy on loopback, in this process, that Chromium is told to use for every
// request (launch-args.ts: `--proxy-server`, loopback not bypassed, and a host resolver that resolves nothing, so
// Chromium never looks a name up itself). The proxy asks the caller where a host may be reached — the crawler's
// resolver and address rule — and connects to exactly that address, or refuses. So every tab (Lighthouse's, a
// service worker's, a popup's) is covered, and a name answered differently the second time (DNS rebinding) is
// judged on the address actually connected to. HTTPS and WebSockets pass as CONNECT tunnels (TLS stays end to end);
// plain HTTP is forwarded. A refusal is a reset connection (a network error to the page, never a made-up response).
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Where `host` may be reached: the address to connect to, or null (refused, or does not resolve). */
export type ConnectRule = (host: string) => Promise<string | null>;

export interface GuardProxy {
  port: number;
  /** Connections refused so far (host:port), for logs and tests. */
  refused: string[];
  close(): Promise<void>;
}

/** Limit for opening a connection to a site, ms. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Hop-by-hop headers (RFC 9110 §7.6.1), not forwarded. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'upgrade']);
const MAX_REFUSED_KEPT = 1_000;

/** Starts the proxy on 127.0.0.1 (a free port). */
export async function startGuardProxy(rule: ConnectRule): Promise<GuardProxy> {
  const refused: string[] = [];
  const sockets = new Set<Duplex>();
  const track = (s: Duplex) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const refuse = (what: string) => {
    if (refused.length < MAX_REFUSED_KEPT) refused.push(what);
  };

  /** The checked address of `host`, or null. IPv6 literals come in brackets. */
  const target = async (host: string): Promise<string | null> => {
    try {
      return await rule(host.replace(/^\[|\]$/g, ''));
    } catch {
      return null;
    }
  };

  const server: Server = createServer((req, res) => void forward(req, res));
  server.on('connection', track);
  server.on('clientError', (_e, socket) => socket.destroy());

  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
      if (url.protocol !== 'http:') throw new Error('not http');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const port = Number(url.port || 80);
    const address = await target(url.hostname);
    if (!address) {
      refuse(`${url.hostname}:${port}`);
      req.socket.destroy();
      return;
    }
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) if (!HOP.has(req.rawHeaders[i].toLowerCase())) headers.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    const upstream = httpRequest({ host: address, port, method: req.method, path: `${url.pathname}${url.search}`, headers, setHost: false, agent: false, timeout: CONNECT_TIMEOUT_MS });
    upstream.on('response', (up) => {
      const out: string[] = [];
      for (let i = 0; i < up.rawHeaders.length; i += 2) if (!HOP.has(up.rawHeaders[i].toLowerCase())) out.push(up.rawHeaders[i], up.rawHeaders[i + 1]);
      res.writeHead(up.statusCode ?? 502, up.statusMessage, out);
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timeout')));
    upstream.on('error', () => {
      if (!res.headersSent) req.socket.destroy();
      else res.destroy();
    });
    req.pipe(upstream);
  }

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(req.url ?? '');
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const [, host, portText] = m;
    const port = Number(portText);
    void target(host).then((address) => {
      if (!address || port < 1 || port > 65_535) {
        refuse(`${host}:${port}`);
        client.destroy();
        return;
      }
      const upstream: Socket = netConnect({ host: address, port, timeout: CONNECT_TIMEOUT_MS });
      track(upstream);
      upstream.once('connect', () => {
        upstream.setTimeout(0);
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.once('timeout', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
