// govaudit as the bench runs it, in its own process: a one-site audit with only the links check (so only the
// crawl gatherer runs), a throw-away SQLite store, and the broken targets written out as JSON for comparison.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { links } from '../../checks/links.ts';
import { parseConfig } from '../../config/load.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

export interface GovauditChildArgs {
  homepage: string;
  concurrency: number;
  maxPages: number;
  out: string;
}

export interface GovauditChildResult {
  broken: { url: string; code: string; detail: string }[];
  pagesCrawled: number;
  requests: number;
  linksChecked: number;
  /** The audit alone (no process start), ms. */
  auditMs: number;
  /** Stored page rows (the pages went to the store). */
  storedPages: number;
  /** process.resourceUsage() at the end: CPU seconds and peak RSS (MB) of this process. */
  cpuS: number;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as GovauditChildArgs;
  const dataDir = await mkdtemp(join(tmpdir(), 'govaudit-bench-'));
  const store = openSqliteStore(dataDir);
  try {
    const config = parseConfig(
      {
        district: '基准测试',
        maxPages: Math.min(1_000_000, args.maxPages),
        crawl: { concurrencyPerHost: args.concurrency, allowPrivateNetworks: true, maxDepth: 100, maxExternalLinks: 100_000 },
        sites: [{ id: 'bench', name: '鲤城区人民政府', unit: '鲤城区人民政府办公室', homepage: args.homepage }],
      },
      join(dataDir, 'district.json'),
    );
    const started = performance.now();
    const { scorecards } = await runAudit({ config, store, now: new Date('2026-11-20T10:00:00+08:00'), checks: [links], siteConcurrency: 1 });
    const auditMs = performance.now() - started;
    const card = scorecards[0];
    const metrics = (card?.metrics.links ?? {}) as { pagesCrawled?: number; requests?: number; linksChecked?: number };
    const usage = process.resourceUsage();
    const result: GovauditChildResult = {
      broken: (card?.findings ?? []).map((f) => ({ url: f.url ?? '', code: f.code, detail: String(f.evidence.status ?? f.evidence.error ?? f.evidence.soft404Reason ?? '') })),
      pagesCrawled: metrics.pagesCrawled ?? 0,
      requests: metrics.requests ?? 0,
      linksChecked: metrics.linksChecked ?? 0,
      auditMs,
      storedPages: await store.countPages(card?.runId ?? '', 'bench').catch(() => 0),
      cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      peakRssMb: usage.maxRSS / 1024,
    };
    await writeFile(args.out, JSON.stringify(result));
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`govaudit bench child: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
