// `npm run bench`: govaudit side by side with linkinator and linkchecker on one generated site served from its own
// process (same latency, same concurrency, requests counted at the server), then govaudit's audit again with the
// wording check on (its CPU share), then axe with govaudit's runner and with pa11y-ci on the same pages. Prints the
// table, writes bench/results/latest.json (and bench/RESULTS.md with --record); exits 1 when a tool's broken set
// differs from the site's without a known cause, or a tool fails.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, usage, type BenchArgs } from './args.ts';
import { runGovauditAxe, runPa11yCi, type AxeRun } from './browser/run.ts';
import { compareWithTruth } from './compare.ts';
import { linkResult, renderText, type BenchResult, type LinkResult, type Target } from './report.ts';
import { startSite, type SiteHandle } from './site/control.ts';
import { brokenRedirects, brokenTruth, buildSiteModel, type SiteModel } from './site/model.ts';
import { samplePages } from './site/sample.ts';
import { runGovaudit } from './tools/govaudit.ts';
import { ensureLinkchecker, ensureNodePeers } from './tools/install.ts';
import { runLinkchecker } from './tools/linkchecker.ts';
import { runLinkinator } from './tools/linkinator.ts';
import type { LinkRun, LinkTool } from './tools/types.ts';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const recordFile = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const TOOL_TIMEOUT_MS = 20 * 60_000;

async function linkPart(args: BenchArgs, site: SiteHandle, model: SiteModel, workDir: string, result: BenchResult): Promise<void> {
  const truth = brokenTruth(model);
  const redirects = brokenRedirects(model);
  const homepage = `${site.hosts.main}/`;
  const tools = (['govaudit', 'linkinator', 'linkchecker'] as LinkTool[]).filter((t) => args.parts.includes(t));
  const common = { homepage, concurrency: args.concurrency, workDir, timeoutMs: TOOL_TIMEOUT_MS };
  const distinctUrls: number[] = [];
  for (const tool of tools) {
    await site.reset();
    process.stderr.write(`bench: ${tool} on ${site.pages} pages…\n`);
    let run: LinkRun;
    try {
      if (tool === 'govaudit') run = await runGovaudit({ ...common, pages: site.pages, heapMb: args.heapMb });
      else if (tool === 'linkinator') run = await runLinkinator(common);
      else run = await runLinkchecker({ ...common, binary: ensureLinkchecker() });
    } catch (e) {
      result.failures.push(`${tool}: ${(e as Error).message}`);
      continue;
    }
    const stats = await site.stats();
    distinctUrls.push(stats.distinctUrls);
    const differences = compareWithTruth(tool, run.broken, truth, redirects);
    const r = linkResult(run, stats, site.pages, args, differences);
    result.link.push(r);
    process.stderr.write(`bench: ${tool} ${r.wallS.toFixed(1)} s, ${r.requests} requests, ${r.cpuS.toFixed(1)} CPU s, ${r.peakRssMb.toFixed(0)} MB\n`);
    for (const d of differences.filter((x) => !x.explained)) result.failures.push(`${tool} ${d.kind} ${d.url}: ${d.cause}`);
  }
  if (distinctUrls.length) {
    const requests = Math.min(...distinctUrls);
    result.floor = { requests, seconds: (requests * args.latencyMs) / args.concurrency / 1000 };
  }
}

/**
 * The wording check's cost: the same govaudit audit of the same site with the check off and on, one after the other
 * (the off run is the link part's own when it ran). Whole-process CPU under GNU time; the check's own CPU besides.
 */
async function wordingPart(args: BenchArgs, site: SiteHandle, workDir: string, result: BenchResult): Promise<void> {
  const common = { homepage: `${site.hosts.main}/`, concurrency: args.concurrency, pages: site.pages, workDir, timeoutMs: TOOL_TIMEOUT_MS, heapMb: args.heapMb };
  const measure = (run: LinkRun) => ({ cpuS: run.measured.userS + run.measured.sysS, wallS: run.measured.wallMs / 1000, peakRssMb: run.measured.peakRssMb });
  try {
    const offLink = result.link.find((l) => l.tool === 'govaudit');
    let off = offLink ? { cpuS: offLink.cpuS, wallS: offLink.wallS, peakRssMb: offLink.peakRssMb } : undefined;
    if (!off) {
      await site.reset();
      process.stderr.write(`bench: govaudit (wording off) on ${site.pages} pages…\n`);
      off = measure(await runGovaudit(common));
    }
    await site.reset();
    process.stderr.write(`bench: govaudit (wording on) on ${site.pages} pages…\n`);
    const onRun = await runGovaudit({ ...common, wording: true });
    const on = measure(onRun);
    const own = onRun.own ?? {};
    result.wording = {
      off, on,
      cpuShare: (on.cpuS - off.cpuS) / off.cpuS,
      checkCpuS: own.wordingCheckCpuS ?? NaN,
      checkShare: (own.wordingCheckCpuS ?? NaN) / off.cpuS,
      pagesScanned: own.wordingPagesScanned ?? 0,
      serious: own.wordingSerious ?? 0,
      typos: own.wordingTypos ?? 0,
    };
    process.stderr.write(`bench: wording on ${on.cpuS.toFixed(1)} CPU s vs off ${off.cpuS.toFixed(1)} (+${(result.wording.cpuShare * 100).toFixed(1)}%)\n`);
  } catch (e) {
    result.failures.push(`wording: ${(e as Error).message}`);
  }
}

async function axePart(args: BenchArgs, model: SiteModel, workDir: string, result: BenchResult): Promise<void> {
  const urls = samplePages(model, args.axePages);
  const runs: AxeRun[] = [];
  for (const run of [runGovauditAxe, runPa11yCi]) {
    process.stderr.write(`bench: axe (${run === runGovauditAxe ? 'govaudit' : 'pa11y-ci'}) on ${urls.length} pages…\n`);
    try {
      runs.push(await run(urls, { concurrency: args.axeConcurrency, workDir, timeoutMs: TOOL_TIMEOUT_MS, siteHosts: [model.hosts.main, ...model.hosts.external, model.hosts.refused] }));
    } catch (e) {
      result.failures.push(`axe: ${(e as Error).message}`);
    }
  }
  const [gov, pa11y] = [runs.find((r) => r.tool === 'govaudit'), runs.find((r) => r.tool === 'pa11y-ci')];
  result.axe = {
    pages: urls.length,
    concurrency: args.axeConcurrency,
    runs: runs.map(({ measured: m, ...r }) => ({ ...r, wallS: m.wallMs / 1000, cpuS: m.userS + m.sysS, peakRssMb: m.peakRssMb })),
    ratio: gov && pa11y ? gov.pagesPerMinute / pa11y.pagesPerMinute : undefined,
  };
  // a page the peer could not check is its own failure (listed in the table), not the bench's
  if (gov?.failed) result.failures.push(`axe: govaudit could not check ${gov.failed} of ${gov.pages} pages`);
}

function targets(args: BenchArgs, r: BenchResult): Target[] {
  const out: Target[] = [];
  const gov = r.link.find((l) => l.tool === 'govaudit');
  const lk = r.link.find((l) => l.tool === 'linkinator');
  if (gov) {
    if (r.floor.seconds > 0) out.push({ name: 'wall time ÷ physical floor', value: (gov.wallS / r.floor.seconds).toFixed(2), goal: '≤ 1.25', met: gov.wallS <= 1.25 * r.floor.seconds });
    if (lk) out.push({ name: 'wall time ÷ linkinator’s', value: (gov.wallS / lk.wallS).toFixed(2), goal: '≤ 1', met: gov.wallS <= lk.wallS });
    if (lk) out.push({ name: 'CPU per 1,000 pages ÷ linkinator’s', value: (gov.cpuPer1000Pages / lk.cpuPer1000Pages).toFixed(2), goal: '≤ 0.5', met: gov.cpuPer1000Pages <= 0.5 * lk.cpuPer1000Pages });
    out.push({ name: 'duplicate requests', value: String(gov.duplicates), goal: '0', met: gov.duplicates === 0 });
    out.push({ name: 'non-HTML bodies fetched (HEAD where no body is needed)', value: String(gov.nonHtmlBodies), goal: '0', met: gov.nonHtmlBodies === 0 });
    if (args.pages >= 100_000) out.push({ name: `peak RSS at ${r.site.pages} pages (MB)`, value: gov.peakRssMb.toFixed(0), goal: '< 400', met: gov.peakRssMb < 400 });
  }
  if (r.wording) out.push({ name: 'CPU the wording check adds to the audit', value: `${(r.wording.cpuShare * 100).toFixed(1)}%`, goal: '≤ 10%', met: r.wording.cpuShare <= 0.1 });
  if (r.axe?.ratio !== undefined) out.push({ name: 'axe pages/min ÷ pa11y-ci’s', value: r.axe.ratio.toFixed(2), goal: '≥ 2', met: r.axe.ratio >= 2 });
  return out;
}

function ratios(links: LinkResult[]): BenchResult['ratios'] {
  const gov = links.find((l) => l.tool === 'govaudit');
  const out: BenchResult['ratios'] = {};
  if (!gov) return out;
  for (const peer of links.filter((l) => l.tool !== 'govaudit')) {
    out[peer.tool] = { wall: gov.wallS / peer.wallS, cpu: gov.cpuS / peer.cpuS, peakRss: gov.peakRssMb / peer.peakRssMb, requests: gov.requests / peer.requests };
  }
  return out;
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${usage}\n`);
    return 2;
  }
  if (args.parts.some((p) => p === 'linkinator' || p === 'axe')) ensureNodePeers();
  if (args.parts.includes('linkchecker')) ensureLinkchecker();
  const workDir = await mkdtemp(join(tmpdir(), 'govaudit-bench-'));
  const loadBefore = loadavg();
  const site = await startSite({ pages: args.pages, latencyMs: args.latencyMs, slots: args.concurrency });
  const model = buildSiteModel({ pages: args.pages, hosts: site.hosts });
  const truth = brokenTruth(model);
  const byCause: Record<string, number> = {};
  for (const c of truth.values()) byCause[c] = (byCause[c] ?? 0) + 1;
  const result: BenchResult = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.versions.node, os: `Linux ${release()}`, loadBefore, loadAfter: [] },
    options: { pages: args.pages, latencyMs: args.latencyMs, concurrency: args.concurrency, serverSlotsPerHost: args.concurrency, govauditHeapMb: args.heapMb },
    site: { pages: site.pages, articles: site.articles, brokenTargets: truth.size, brokenByCause: byCause },
    floor: { requests: 0, seconds: NaN },
    link: [],
    ratios: {},
    targets: [],
    failures: [],
  };
  try {
    await linkPart(args, site, model, workDir, result);
    if (args.parts.includes('wording')) await wordingPart(args, site, workDir, result);
    if (args.parts.includes('axe')) await axePart(args, model, workDir, result);
  } finally {
    await site.stop();
    await rm(workDir, { recursive: true, force: true });
  }
  result.machine.loadAfter = loadavg();
  result.ratios = ratios(result.link);
  result.targets = targets(args, result);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(join(resultsDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(`${renderText(result, false)}\n`);
  if (args.record) {
    await writeFile(recordFile, `# Benchmark results\n\nWritten by \`npm run bench -- --record\` (see docs/operations.md, Performance, for what is measured and how).\n\n${renderText(result, true)}\n`);
  }
  return result.failures.length ? 1 : 0;
}

process.exitCode = await main();
