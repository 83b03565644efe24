// Test helpers for the crawler: tiny node:http servers on loopback and a parsed district config.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { districtSchema, type DistrictConfig, type DistrictConfigInput } from '../../config/schema.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  port: number;
  /** Every request seen, as `METHOD path`. */
  log: string[];
  close(): Promise<void>;
}

/** Starts an HTTP server on `host` (default 127.0.0.1), port 0. */
export async function startServer(handler: Handler, host = '127.0.0.1'): Promise<TestServer> {
  const log: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A validated district config with one site; `input` overrides the defaults. */
export function testConfig(input: Partial<DistrictConfigInput> & { homepage?: string } = {}): DistrictConfig {
  const { homepage, ...rest } = input;
  const parsed = districtSchema.parse({
    district: '测试区',
    contact: 'mailto:web@test.gov.cn',
    sites: [{ id: 'test', name: '测试网站', unit: '测试单位', homepage: homepage ?? 'http://www.test.gov.cn/' }],
    ...rest,
    crawl: { connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000, retries: 2, ...(rest.crawl ?? {}) },
  });
  return { ...parsed, baseDir: '.', file: 'test.json' };
}

/** Records the waits asked of `sleep` and returns at once. */
export function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** A response of a route table: status (default 200), headers, body (string is sent as UTF-8 HTML). */
export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A handler serving a fixed table of paths (with query); anything else is a plain 404. */
export function routes(table: Record<string, Route | ((req: IncomingMessage, res: ServerResponse) => void)>): Handler {
  return (req, res) => {
    const route = table[req.url ?? '/'];
    if (typeof route === 'function') return route(req, res);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = route.body ?? '';
    res.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...(route.headers ?? {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** A small HTML page with a title and body. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

/** Starts `handler` as www.test.gov.cn, crawls it once, and returns the crawl with the server's request log. */
export async function crawlOnce(
  handler: Handler,
  opts: { config?: Partial<DistrictConfigInput>; site?: Record<string, unknown>; keep?: { text?: boolean; html?: boolean }; maxPages?: number; signal?: AbortSignal } = {},
) {
  const { crawlSite } = await import('../../crawler/crawl.ts');
  const { createFetcher } = await import('../../crawler/fetcher.ts');
  const server = await startServer(handler);
  const origin = `http://www.test.gov.cn:${server.port}`;
  try {
    const config = testConfig({
      resolve: { 'www.test.gov.cn': ['127.0.0.1'], 'www.other.gov.cn': ['127.0.0.1'] },
      ...opts.config,
      sites: [{ id: 'test', name: '测试网站', unit: '测试单位', homepage: `${origin}/`, ...opts.site }],
    });
    const fetcher = createFetcher({ config, sleep: async () => {} });
    try {
      const result = await crawlSite({ site: config.sites[0], config, fetcher, keep: opts.keep, maxPages: opts.maxPages, signal: opts.signal, now: () => new Date('2026-11-20T02:00:00Z') });
      return { ...result, origin, log: server.log, port: server.port };
    } finally {
      await fetcher.close();
    }
  } finally {
    await server.close();
  }
}

/** Paths of URLs on `origin`, sorted. */
export function paths(urls: string[], origin: string): string[] {
  return urls.map((u) => (u.startsWith(origin) ? u.slice(origin.length) : u)).sort();
}
