// The probe job: one GET of every site's homepage, spread over `availability.spreadSeconds` so sites sharing a
// server are not hit at once, each bounded by `availability.probeTimeoutMs` (no retries: a retry would hide
// the failure the rule counts). Every probe is stored as soon as it is taken.
import { setTimeout as delay } from 'node:timers/promises';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import { createFetcher, type Fetcher } from '../crawler/fetcher.ts';
import { createResolver } from '../crawler/resolver.ts';
import type { ProbeRecord, Store } from '../store/types.ts';

export interface ProbeJobOptions {
  config: DistrictConfig;
  store: Store;
  /** Injected in tests; default a fetcher made for probing (see probeFetcher). */
  fetcher?: Fetcher;
  clock?: () => Date;
  /** Waits between sites; injected in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Spread the sites over `availability.spreadSeconds` (default true; a one-off run probes all at once). */
  spread?: boolean;
  onProbe?: (p: ProbeRecord) => void;
}

/** A fetcher configured for probes: the probe time limit as the overall deadline, no retries. */
export function probeFetcher(config: DistrictConfig): Fetcher {
  const timeout = config.availability.probeTimeoutMs;
  const crawl = { ...config.crawl, retries: 0, requestTimeoutMs: timeout, connectTimeoutMs: Math.min(config.crawl.connectTimeoutMs, timeout), headersTimeoutMs: Math.min(config.crawl.headersTimeoutMs, timeout), bodyTimeoutMs: Math.min(config.crawl.bodyTimeoutMs, timeout) };
  return createFetcher({ config: { ...config, crawl }, resolver: createResolver(config.resolve) });
}

/** Probes one homepage. Never throws. */
export async function probeHomepage(fetcher: Fetcher, site: SiteConfig, opts: { timeoutMs: number; clock?: () => Date; signal?: AbortSignal }): Promise<ProbeRecord> {
  const at = (opts.clock ?? (() => new Date()))();
  // The fetcher's own deadline is the limit; this guard only catches a fetcher that overruns it.
  const guard = AbortSignal.timeout(opts.timeoutMs + 500);
  const started = performance.now();
  try {
    const r = await fetcher.fetch(site.homepage, { method: 'GET', decode: false, maxBytes: 512 * 1024, signal: AbortSignal.any(opts.signal ? [guard, opts.signal] : [guard]) });
    const timeMs = Math.round(r.timeMs ?? performance.now() - started);
    const late = timeMs > opts.timeoutMs || (guard.aborted && !opts.signal?.aborted);
    const error = late ? 'timeout' : (r.error ?? null);
    return { siteId: site.id, at: at.toISOString(), url: site.homepage, ok: !error && r.status !== null && r.status < 400, status: r.status, error, timeMs };
  } catch {
    return { siteId: site.id, at: at.toISOString(), url: site.homepage, ok: false, status: null, error: 'network', timeMs: Math.round(performance.now() - started) };
  }
}

/** Probes every site once, spread over the configured seconds; returns the probes taken (fewer if stopped). */
export async function runProbes(opts: ProbeJobOptions): Promise<ProbeRecord[]> {
  const { config, store } = opts;
  const sites = config.sites;
  const fetcher = opts.fetcher ?? probeFetcher(config);
  const sleep = opts.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).then(() => undefined));
  const spreadMs = opts.spread === false ? 0 : config.availability.spreadSeconds * 1000;
  const gap = sites.length > 1 ? Math.floor(spreadMs / sites.length) : 0;
  const taken: ProbeRecord[] = [];
  try {
    await Promise.all(
      sites.map(async (site, i) => {
        if (i > 0 && gap > 0) await sleep(i * gap, opts.signal).catch(() => undefined);
        if (opts.signal?.aborted) return;
        const probe = await probeHomepage(fetcher, site, { timeoutMs: config.availability.probeTimeoutMs, clock: opts.clock, signal: opts.signal });
        if (opts.signal?.aborted && !probe.ok) return; // our own stop is not the site's failure
        await store.saveProbes([probe]);
        taken.push(probe);
        opts.onProbe?.(probe);
      }),
    );
  } finally {
    if (!opts.fetcher) await fetcher.close();
  }
  return taken.sort((a, b) => a.at.localeCompare(b.at) || a.siteId.localeCompare(b.siteId));
}
