import { createServer as createHttpServer } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createFetcher } from '../../crawler/fetcher.ts';
import { testConfig } from './server.ts';

describe('HEAD requests', () => {
  it('keep the connection alive, so checking many links does not open a connection per link', async () => {
    let connections = 0;
    const server = createHttpServer((req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': '3' });
      res.end(req.method === 'HEAD' ? undefined : 'png');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const fetcher = createFetcher({ config: testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] }, crawl: { concurrencyPerHost: 1 } }) });
    const statuses: (number | null)[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetcher.fetch(`http://www.test.gov.cn:${port}/${i}.png`, { method: 'HEAD', decode: false })).status);
    await fetcher.close();
    server.closeAllConnections();
    server.close();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(connections).toBe(1);
  });

  it('still read every answer right from a server that sends a body with its HEAD answers', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((sock) => {
      sockets.add(sock);
      let buf = '';
      sock.on('error', () => {});
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        for (let i = buf.indexOf('\r\n\r\n'); i >= 0; i = buf.indexOf('\r\n\r\n')) {
          const path = buf.slice(0, i).split(' ')[1];
          buf = buf.slice(i + 4);
          const body = `body of ${path}`;
          sock.write(`HTTP/1.1 ${path.includes('gone') ? '404 Not Found' : '200 OK'}\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`);
          setTimeout(() => !sock.destroyed && sock.write(body), 5);
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const fetcher = createFetcher({ config: testConfig({ resolve: { 'www.test.gov.cn': ['127.0.0.1'] }, crawl: { concurrencyPerHost: 1, retries: 0 } }) });
    const got: [string, number | null, string | undefined][] = [];
    for (const [method, path] of [['HEAD', '/a.png'], ['GET', '/b.html'], ['HEAD', '/gone.png'], ['GET', '/c.html'], ['HEAD', '/d.png']] as const) {
      const r = await fetcher.fetch(`http://www.test.gov.cn:${port}${path}`, { method, decode: false });
      got.push([`${method} ${path}`, r.status, r.error]);
    }
    await fetcher.close();
    for (const s of sockets) s.destroy();
    server.close();
    expect(got).toEqual([
      ['HEAD /a.png', 200, undefined],
      ['GET /b.html', 200, undefined],
      ['HEAD /gone.png', 404, undefined],
      ['GET /c.html', 200, undefined],
      ['HEAD /d.png', 200, undefined],
    ]);
  });
});
