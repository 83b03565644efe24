// The bench's results: numbers per tool, ratios govaudit/peer, the physical floor, the issue's targets, and their
// renderings as a terminal table and as the committed bench/RESULTS.md.
import type { AxeRun } from './browser/run.ts';
import type { Difference } from './compare.ts';
import type { ServerStats } from './site/protocol.ts';
import type { LinkRun, LinkTool } from './tools/types.ts';

export interface LinkResult {
  tool: LinkTool;
  wallS: number;
  pagesPerS: number;
  /** Requests counted at the server, and how many repeated an earlier one (same method, URL, family). */
  requests: number;
  duplicates: number;
  duplicateSample: string[];
  byMethod: Record<string, number>;
  /** Successful GETs of non-HTML resources (bodies a link check does not need). */
  nonHtmlBodies: number;
  connections: number;
  /** Most requests the portal saw from the tool at once, and most open connections. */
  peakInFlight: number;
  peakConnections: number;
  cpuS: number;
  cpuPer1000Pages: number;
  peakRssMb: number;
  /** This tool's own floor: its requests × latency ÷ concurrency. */
  ownFloorS: number;
  broken: number;
  differences: Difference[];
  own?: Record<string, number>;
}

export interface Target {
  name: string;
  value: string;
  goal: string;
  met: boolean;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; os: string; loadBefore: number[]; loadAfter: number[] };
  options: { pages: number; latencyMs: number; concurrency: number; serverSlotsPerHost: number; govauditHeapMb: number };
  site: { pages: number; articles: number; brokenTargets: number; brokenByCause: Record<string, number> };
  /** requests × latency ÷ concurrency, requests = the site's distinct URLs a checker must ask (fewest any tool asked). */
  floor: { requests: number; seconds: number };
  link: LinkResult[];
  ratios: Record<string, { wall: number; cpu: number; peakRss: number; requests: number }>;
  axe?: { pages: number; concurrency: number; runs: (Omit<AxeRun, 'measured'> & { wallS: number; cpuS: number; peakRssMb: number })[]; ratio?: number };
  /** The same govaudit audit with the wording check off and on: whole-process CPU, wall, RSS; the check's own CPU. */
  wording?: WordingResult;
  targets: Target[];
  failures: string[];
}

export interface WordingResult {
  off: { cpuS: number; wallS: number; peakRssMb: number };
  on: { cpuS: number; wallS: number; peakRssMb: number };
  /** (on − off) ÷ off, whole-process CPU. */
  cpuShare: number;
  /** The check's own run (lexicon, pinyin dictionary, all pages) ÷ the off audit's CPU. */
  checkCpuS: number;
  checkShare: number;
  pagesScanned: number;
  serious: number;
  typos: number;
}

export function linkResult(run: LinkRun, stats: ServerStats, sitePages: number, opts: { latencyMs: number; concurrency: number }, differences: Difference[]): LinkResult {
  const m = run.measured;
  const main = stats.hosts[0];
  const cpuS = m.userS + m.sysS;
  return {
    tool: run.tool,
    wallS: m.wallMs / 1000,
    pagesPerS: sitePages / (m.wallMs / 1000),
    requests: stats.requests,
    duplicates: stats.duplicateRequests,
    duplicateSample: stats.duplicates.slice(0, 5).map((d) => `${d.key} ×${d.count}`),
    byMethod: stats.byMethod,
    nonHtmlBodies: stats.nonHtmlBodies,
    connections: stats.connections,
    peakInFlight: main?.peakInFlight ?? 0,
    peakConnections: main?.peakConnections ?? 0,
    cpuS,
    cpuPer1000Pages: (cpuS / sitePages) * 1000,
    peakRssMb: m.peakRssMb,
    ownFloorS: (stats.requests * opts.latencyMs) / opts.concurrency / 1000,
    broken: run.broken.size,
    differences,
    own: run.own,
  };
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');

/** The comparison table, one row per measure, one column per tool. */
export function table(r: BenchResult): string[][] {
  const tools = r.link;
  const row = (label: string, get: (t: LinkResult) => string) => [label, ...tools.map(get)];
  return [
    ['', ...tools.map((t) => t.tool)],
    row('wall time (s)', (t) => f1(t.wallS)),
    row('wall ÷ floor', (t) => f2(t.wallS / r.floor.seconds)),
    row('pages/s', (t) => f1(t.pagesPerS)),
    row('requests', (t) => String(t.requests)),
    row('  GET / HEAD', (t) => `${t.byMethod.GET ?? 0} / ${t.byMethod.HEAD ?? 0}`),
    row('  duplicates', (t) => String(t.duplicates)),
    row('  non-HTML bodies fetched', (t) => String(t.nonHtmlBodies)),
    row('connections opened', (t) => String(t.connections)),
    row('peak in flight / open', (t) => `${t.peakInFlight} / ${t.peakConnections}`),
    row('CPU user+sys (s)', (t) => f1(t.cpuS)),
    row('CPU s / 1,000 pages', (t) => f2(t.cpuPer1000Pages)),
    row('peak RSS (MB)', (t) => f1(t.peakRssMb)),
    row('broken found', (t) => String(t.broken)),
    row('differences (unexplained)', (t) => `${t.differences.length} (${t.differences.filter((d) => !d.explained).length})`),
  ];
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Everything a reader needs: the table, ratios, targets, differences and their causes, the browser part. */
export function renderText(r: BenchResult, markdown: boolean): string {
  const t = markdown ? markdownTable : formatTable;
  const out: string[] = [];
  const o = r.options;
  out.push(
    `${r.date} · ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.machine.os} · load ${r.machine.loadBefore.map(f2).join(' ')} before, ${r.machine.loadAfter.map(f2).join(' ')} after`,
    `site: ${r.site.pages} pages (${r.site.articles} articles), ${r.site.brokenTargets} broken targets; latency ${o.latencyMs} ms, concurrency ${o.concurrency} per host for every tool, server slots ${o.serverSlotsPerHost} per host${o.govauditHeapMb ? `; govaudit run with --max-old-space-size=${o.govauditHeapMb}` : ''}`,
    ...(r.link.length ? [`physical floor: ${r.floor.requests} requests × ${o.latencyMs} ms ÷ ${o.concurrency} = ${f1(r.floor.seconds)} s`] : []),
    '',
  );
  if (r.link.length) out.push(t(table(r)), '');
  if (Object.keys(r.ratios).length) {
    out.push(t([['govaudit ÷', 'wall', 'CPU', 'peak RSS', 'requests'], ...Object.entries(r.ratios).map(([peer, x]) => [peer, f2(x.wall), f2(x.cpu), f2(x.peakRss), f2(x.requests)])]), '');
  }
  if (r.axe) {
    out.push(
      t([
        [`axe on ${r.axe.pages} pages (${r.axe.concurrency} at once)`, 'wall (s)', 'pages/min', 'checked pages/min', 'CPU (s)', 'peak RSS (MB)', 'failed pages'],
        ...r.axe.runs.map((a) => [a.tool, f1(a.wallS), f1(a.pagesPerMinute), f1(((a.pages - a.failed) * 60) / a.wallS), f1(a.cpuS), f1(a.peakRssMb), String(a.failed)]),
      ]),
      r.axe.ratio !== undefined ? `govaudit ÷ pa11y-ci pages/min: ${f2(r.axe.ratio)}` : '',
      ...r.axe.runs.map((a) => `${a.tool} rules with violations: ${a.rules.join(', ') || 'none'}${a.errors.length ? `; pages not checked: ${a.errors.join('; ')}` : ''}`),
      '',
    );
  }
  if (r.wording) {
    const w = r.wording;
    out.push(
      t([
        ['wording check (same audit off / on)', 'CPU (s)', 'wall (s)', 'peak RSS (MB)'],
        ['links only', f1(w.off.cpuS), f1(w.off.wallS), f1(w.off.peakRssMb)],
        ['links + wording', f1(w.on.cpuS), f1(w.on.wallS), f1(w.on.peakRssMb)],
      ]),
      `wording CPU share: +${(w.cpuShare * 100).toFixed(1)}% of the audit's CPU (whole process: text and HTML kept, check run); the check's own run ${f2(w.checkCpuS)} s = ${(w.checkShare * 100).toFixed(1)}% (${w.pagesScanned} pages scanned, ${w.serious} serious, ${w.typos} typo findings)`,
      '',
    );
  }
  out.push(t([['target', 'value', 'goal', 'met'], ...r.targets.map((x) => [x.name, x.value, x.goal, x.met ? 'yes' : 'NO'])]), '');
  const diffs = r.link.flatMap((l) => l.differences);
  if (diffs.length) {
    out.push('Differences from the site’s broken set:');
    for (const d of diffs) out.push(`${markdown ? '- ' : '  '}${d.tool} ${d.kind} ${d.url} (${d.detail}): ${d.cause}${d.explained ? '' : ' — UNEXPLAINED'}`);
    out.push('');
  }
  for (const f of r.failures) out.push(`FAILED: ${f}`);
  return out.join('\n');
}
