// The transport gatherer (runs after the crawl): probes the site's HTTPS endpoint with a TLS handshake and tells
// whether plain HTTP is sent on to HTTPS — from the crawl's homepage answer when the homepage is plain HTTP, else by
// asking http://host/. Extra trusted CAs come from `security.caFile`. It measures; the security check judges.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Fetcher } from './fetcher.ts';
import type { Gatherer } from './gatherer.ts';
import type { HttpRedirectInfo, TlsArtifact } from '../contract/artifacts/tls.ts';
import { certificatesFromPem, systemRootCertificates } from './tls-chain.ts';
import { probeTls } from './tls-probe.ts';
import { normalizeUrl } from './url.ts';

export const tlsGatherer: Gatherer = {
  id: 'tls',
  produces: ['tls'],
  after: ['crawl'],
  async gather(ctx, artifacts) {
    const cfg = ctx.config.security;
    const homepage = normalizeUrl(ctx.site.homepage) ?? ctx.site.homepage;
    const extra = await extraCas(cfg.caFile, ctx.config.baseDir);
    const crawledHome = artifacts.pages?.find((p) => p.depth === 0 && (p.url === homepage || p.finalUrl === homepage)) ?? artifacts.pages?.find((p) => p.depth === 0);
    const httpsUrl = httpsUrlFor(homepage, crawledHome, cfg.httpsPort);
    const probe = await probeTls({ url: httpsUrl, resolver: ctx.resolver, roots: [...systemRootCertificates(), ...extra.certs], timeoutMs: cfg.tlsTimeoutMs, signal: ctx.signal });
    const httpRedirect = homepage.startsWith('http:') ? fromCrawl(homepage, crawledHome) : await askHttp(ctx.fetcher, homepage, ctx.signal);
    const artifact: TlsArtifact = { homepage, httpsUrl, probe, httpRedirect, extraCas: extra.certs.length, ...(extra.error ? { caFileError: extra.error } : {}) };
    artifacts.tls = artifact;
  },
};

/** The HTTPS URL to probe: the homepage's origin when it is (or redirects to) HTTPS, else its host on `httpsPort`. */
export function httpsUrlFor(homepage: string, crawled: PageArtifact | undefined, httpsPort: number): string {
  for (const candidate of [homepage, crawled?.finalUrl]) {
    if (candidate?.startsWith('https:')) return `${new URL(candidate).origin}/`;
  }
  const u = new URL(homepage);
  return `https://${u.hostname}${httpsPort === 443 ? '' : `:${httpsPort}`}/`;
}

function fromCrawl(homepage: string, page: PageArtifact | undefined): HttpRedirectInfo | null {
  if (!page) return null;
  const finalUrl = page.finalUrl || null;
  return { url: homepage, status: page.status, finalUrl, toHttps: Boolean(finalUrl?.startsWith('https:')), ...(page.error ? { error: page.error } : {}) };
}

/** An HTTPS homepage: does http://host/ answer, and does it end on HTTPS? */
async function askHttp(fetcher: Fetcher, homepage: string, signal?: AbortSignal): Promise<HttpRedirectInfo> {
  const url = `http://${new URL(homepage).hostname}/`;
  const r = await fetcher.fetch(url, { method: 'GET', htmlOnly: true, signal });
  return { url, status: r.status, finalUrl: r.status === null ? null : r.finalUrl, toHttps: r.finalUrl.startsWith('https:'), ...(r.error ? { error: r.error } : {}) };
}

async function extraCas(file: string | undefined, baseDir: string): Promise<{ certs: X509Certificate[]; error?: string }> {
  if (!file) return { certs: [] };
  const path = isAbsolute(file) ? file : resolvePath(baseDir, file);
  try {
    const certs = certificatesFromPem(await readFile(path, 'utf8'));
    return certs.length ? { certs } : { certs, error: `${path}: no PEM certificate in the file` };
  } catch (e) {
    return { certs: [], error: `${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}
