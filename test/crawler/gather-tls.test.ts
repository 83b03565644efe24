// The transport gatherer against a local HTTPS server whose test CA is made at test time (openssl): a valid chain
// through an intermediate, expired, expiring, wrong-host and self-signed certificates, plain HTTP on the HTTPS port,
// nothing listening, and the extra CA bundle. Dates are judged by the security check at a pinned clock, so the
// verdicts are the same on any day the test runs.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSecureContext, createServer, type Server, type SecureContext } from 'node:tls';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { security } from '../../checks/security.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { tlsGatherer } from '../../crawler/gather-tls.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { hasOpenssl, makeTestCa, type TestCa } from './test-ca.ts';
import { testConfig } from './server.ts';

const NOW = new Date('2026-11-20T02:00:00Z');
const HOSTS = ['valid.x.gov.cn', 'expired.x.gov.cn', 'expiring.x.gov.cn', 'wrong.x.gov.cn', 'self.x.gov.cn'];
let ca: TestCa;
let tlsServer: Server;
let plain: HttpServer;
let tlsPort = 0;
let plainPort = 0;

beforeAll(async () => {
  if (!hasOpenssl()) return;
  ca = makeTestCa();
  const leaf = (name: string, from: string, to: string, hosts = [`${name}.x.gov.cn`]) => ca.leaf(name, hosts, from, to);
  const issued: Record<string, { key: string; cert: string }> = {
    'valid.x.gov.cn': ((l) => ({ key: l.key, cert: l.cert + ca.intermediate.cert }))(ca.leaf('valid', ['valid.x.gov.cn'], '20260101000000Z', '20271231000000Z', 'intermediate')),
    'expired.x.gov.cn': leaf('expired', '20250101000000Z', '20261101000000Z'),
    'expiring.x.gov.cn': leaf('expiring', '20260101000000Z', '20261210000000Z'),
    'wrong.x.gov.cn': leaf('wrong', '20260101000000Z', '20271231000000Z', ['other.x.gov.cn']),
    'self.x.gov.cn': ca.selfSigned('self', ['self.x.gov.cn'], '20260101000000Z', '20271231000000Z'),
  };
  const contexts = new Map<string, SecureContext>(Object.entries(issued).map(([h, c]) => [h, createSecureContext(c)]));
  tlsServer = createServer({ ...issued['valid.x.gov.cn'], SNICallback: (name, cb) => cb(null, contexts.get(name)) }, (s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
  tlsPort = (tlsServer.address() as AddressInfo).port;
  plain = createHttpServer((_q, res) => res.end('plain'));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  plainPort = (plain.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => (tlsServer ? tlsServer.close(r) : r(null)));
  await new Promise((r) => (plain ? plain.close(r) : r(null)));
  ca?.remove();
});

/** Gathers for an HTTPS homepage on `host` (or an HTTP one whose HTTPS is probed on `httpsPort`), then runs the check. */
async function audit(host: string, opts: { port?: number; caFile?: string | null; http?: boolean } = {}) {
  const port = opts.port ?? tlsPort;
  const homepage = opts.http ? `http://${host}:${plainPort}/` : `https://${host}:${port}/`;
  const caFile = opts.caFile === null ? undefined : (opts.caFile ?? ca.rootFile);
  const config = testConfig({
    homepage,
    resolve: Object.fromEntries(HOSTS.map((h) => [h, ['127.0.0.1']])),
    crawl: { allowPrivateNetworks: true, retries: 0, connectTimeoutMs: 1000 },
    security: { tlsTimeoutMs: 2000, httpsPort: port, ...(caFile ? { caFile } : {}) },
  });
  const resolver = createResolver(config.resolve);
  const fetcher = createFetcher({ config, resolver });
  const site = config.sites[0];
  const home: PageArtifact = {
    url: homepage, finalUrl: homepage, depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 10,
    fetchedAt: NOW.toISOString(), timeMs: 1, isHtml: true, title: '首页', meta: {}, links: [], text: '首页', html: '<title>首页</title>',
  };
  const artifacts: SiteArtifacts = { site, unavailable: {}, pages: [home] };
  try {
    await tlsGatherer.gather({ site, config, now: NOW, fetcher, resolver, needed: new Set(['tls']) } as unknown as GatherContext, artifacts);
  } finally {
    await fetcher.close();
  }
  const checked = security.run(
    { ...artifacts, crawl: { homepage, pagesCrawled: 1, truncated: false, maxPages: 1, maxDepth: 1, robotsRespected: true, robotsDisallowed: [], trapsSkipped: [], requests: 1, startedAt: '', finishedAt: '' }, cloaking: { agents: [], pages: [] }, linkVisibility: { pages: [] } },
    { now: NOW, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() },
  );
  const findings = Array.isArray(checked) ? checked : checked.findings;
  return { tls: artifacts.tls!, findings: findings.map((f) => [f.code, f.evidence.problems ?? f.evidence.kind ?? f.evidence.daysLeft]) };
}

describe.skipIf(!hasOpenssl())('tls gatherer', () => {
  it('accepts a chain through an intermediate to the extra CA, and records it', async () => {
    const { tls, findings } = await audit('valid.x.gov.cn');
    expect(tls.probe).toMatchObject({ connected: true, trusted: true, hostMatches: true, trustAnchor: 'CN=govaudit test root CA', address: '127.0.0.1' });
    expect(tls.probe.chain!.map((c) => c.subject)).toEqual(['CN=valid.x.gov.cn', 'CN=govaudit test intermediate CA', 'CN=govaudit test root CA']);
    expect(tls.extraCas).toBe(1);
    expect(tls.httpRedirect).toMatchObject({ url: 'http://valid.x.gov.cn/', status: null });
    expect(findings).toEqual([]);
  }, 20_000);

  it('without the extra CA the same chain is untrusted', async () => {
    const { findings } = await audit('valid.x.gov.cn', { caFile: null });
    expect(findings).toEqual([['security.tls-invalid', ['unknown-issuer']]]);
  }, 20_000);

  it('reports expired, wrong-host and self-signed certificates, and one expiring in 19 days', async () => {
    expect((await audit('expired.x.gov.cn')).findings).toEqual([['security.tls-invalid', ['expired']]]);
    expect((await audit('wrong.x.gov.cn')).findings).toEqual([['security.tls-invalid', ['wrong-host']]]);
    expect((await audit('self.x.gov.cn')).findings).toEqual([['security.tls-invalid', ['self-signed']]]);
    expect((await audit('expiring.x.gov.cn')).findings).toEqual([['security.tls-expiring', 19]]);
  }, 30_000);

  it('reports no HTTPS when nothing listens or plain HTTP answers on the port, and an HTTP homepage not redirected', async () => {
    const closed = await audit('valid.x.gov.cn', { http: true, port: 1 });
    expect(closed.tls.probe.error).toBe('refused');
    expect(closed.findings).toEqual([['security.no-https', 'not-offered']]);
    const notTls = await audit('valid.x.gov.cn', { http: true, port: plainPort });
    expect(notTls.tls.probe.error).toBe('not-tls');
    const offered = await audit('valid.x.gov.cn', { http: true });
    expect(offered.tls.httpsUrl).toBe(`https://valid.x.gov.cn:${tlsPort}/`);
    expect(offered.findings).toEqual([['security.no-https', 'not-redirected']]);
  }, 30_000);

  it('says when the CA file cannot be read', async () => {
    const bad = join(ca.dir, 'empty.pem');
    writeFileSync(bad, 'not a certificate');
    const { tls } = await audit('valid.x.gov.cn', { caFile: bad });
    expect(tls.caFileError).toContain('no PEM certificate');
    expect((await audit('valid.x.gov.cn', { caFile: join(ca.dir, 'missing.pem') })).tls.caFileError).toContain('ENOENT');
  }, 20_000);
});
