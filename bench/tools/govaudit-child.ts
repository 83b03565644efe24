// govaudit as the bench runs it, in its own process: what a links-only audit of one site does — the crawl gatherer
// (pages streamed to a throw-away SQLite store, since no check needs them), the link targets saved, the links check
// run — without loading the rest of the pipeline (browser, reports), and the broken targets written out as JSON.
// With `wording`, the same audit with the wording check on as well: the crawl keeps each page with its text and HTML
// in memory for it and saves them to the store afterwards, as the audit does (what the check costs beyond its own
// run), and the check's own CPU time is measured too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteArtifacts } from '../../crawler/gatherer.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { links } from '../../checks/links.ts';
import { wording } from '../../checks/wording.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import { createExternalLinkCache } from '../../crawler/crawl.ts';
import { createFetcher } from '../../crawler/fetcher.ts';
import { crawlGatherer } from '../../crawler/gather-crawl.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { tuneHeap } from '../../cli/heap.ts';

export interface GovauditChildArgs {
  homepage: string;
  concurrency: number;
  maxPages: number;
  out: string;
  /** Run the wording check too. */
  wording?: boolean;
}

export interface GovauditChildResult {
  broken: { url: string; code: string; detail: string }[];
  pagesCrawled: number;
  /** Requests govaudit counted itself (the server's count is the one compared). */
  requests: number;
  linksChecked: number;
  /** The audit alone (no process start), ms. */
  auditMs: number;
  /** Page rows in the store after the run (the pages were streamed there). */
  storedPages: number;
  /** This process, from process.resourceUsage(): CPU seconds, peak RSS (MB); and CPU before the audit started. */
  cpuS: number;
  startupCpuS: number;
  peakRssMb: number;
  /** With `wording`: the check's result and the CPU seconds of its run alone (lexicon and pinyin dictionary included). */
  wording?: { status: string; pagesScanned: number; serious: number; typos: number; checkCpuS: number };
}

const cpuSeconds = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};

async function main(): Promise<void> {
  // as `govaudit audit` does
  tuneHeap();
  const args = JSON.parse(process.argv[2]) as GovauditChildArgs;
  const dataDir = await mkdtemp(join(tmpdir(), 'govaudit-bench-'));
  const store = openSqliteStore(dataDir);
  const config = parseConfig(
    {
      district: '基准测试',
      maxPages: Math.min(1_000_000, args.maxPages),
      // like the peers, follow every link: no depth or external-link budget, and every query string of a path (the
      // default 20 per path guards against calendar traps; the site has ~0.1% of articles linking `reply.jsp?id=…`)
      crawl: { concurrencyPerHost: args.concurrency, allowPrivateNetworks: true, maxDepth: 100, maxExternalLinks: 100_000, maxQueryVariantsPerPath: 10_000 },
      sites: [{ id: 'bench', name: '鲤城区人民政府', unit: '鲤城区人民政府办公室', homepage: args.homepage }],
    },
    join(dataDir, 'district.json'),
  );
  const site = config.sites[0];
  const fetcher = createFetcher({ config });
  const startupCpuS = cpuSeconds();
  const memLog = process.env.GOVAUDIT_BENCH_MEMLOG === '1';
  const sampler = memLog
    ? setInterval(() => {
        const m = process.memoryUsage();
        const mb = (n: number) => Math.round(n / 1048576);
        process.stderr.write(`mem rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
      }, 5_000)
    : undefined;
  sampler?.unref();
  try {
    const started = performance.now();
    const now = new Date('2026-11-20T10:00:00+08:00');
    const run = await store.createRun({ id: 'bench', kind: 'bench', asOf: now.toISOString(), startedAt: new Date().toISOString(), siteIds: [site.id] });
    const artifacts: SiteArtifacts = { site, unavailable: {} };
    await crawlGatherer.gather(
      {
        site,
        config,
        now,
        fetcher,
        resolver: createResolver(config.resolve),
        store,
        needed: new Set([...links.requires, ...(args.wording ? wording.requires : [])]),
        externalCache: createExternalLinkCache(),
        shared: { get: async (_key, create) => create(), closeAll: async () => {} },
        savePages: (pages) => store.savePages(run.id, site.id, pages),
      },
      artifacts,
    );
    // pages a check keeps in memory are saved after the crawl, as `govaudit audit` does (scheduler/audit.ts)
    if (artifacts.pages) await store.savePages(run.id, site.id, artifacts.pages);
    await store.saveLinkTargets(run.id, site.id, artifacts.linkTargets ?? []);
    const checkCtx = { now, timezone: config.timezone, config, site, calendar: createCalendar(config.calendar) };
    const [result] = runChecks([links], artifacts, checkCtx);
    let wordingOut: GovauditChildResult['wording'];
    if (args.wording) {
      // attachments are not fetched here (their download and extraction is the attachments gatherer's, shared with
      // the privacy check): the check reads the pages
      artifacts.attachments = [];
      const before = cpuSeconds();
      const [w] = runChecks([wording], artifacts, checkCtx);
      const m = (w.metrics ?? {}) as { pagesScanned?: number; serious?: number; typos?: number };
      wordingOut = { status: w.status, pagesScanned: m.pagesScanned ?? 0, serious: m.serious ?? 0, typos: m.typos ?? 0, checkCpuS: cpuSeconds() - before };
      if (w.status === 'error') throw new Error(`wording check: ${w.reason}`);
    }
    const auditMs = performance.now() - started;
    const metrics = (result.metrics ?? {}) as { pagesCrawled?: number; requests?: number; linksChecked?: number };
    const out: GovauditChildResult = {
      broken: result.findings.map((f) => ({ url: f.url ?? '', code: f.code, detail: String(f.evidence.status ?? f.evidence.error ?? f.evidence.soft404Reason ?? '') })),
      pagesCrawled: metrics.pagesCrawled ?? 0,
      requests: metrics.requests ?? 0,
      linksChecked: metrics.linksChecked ?? 0,
      auditMs,
      storedPages: await store.countPages(run.id, site.id),
      cpuS: cpuSeconds(),
      startupCpuS,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      ...(wordingOut ? { wording: wordingOut } : {}),
    };
    if (result.status === 'error') throw new Error(`links check: ${result.reason}`);
    await writeFile(args.out, JSON.stringify(out));
  } finally {
    await fetcher.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`govaudit bench child: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
