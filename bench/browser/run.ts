// The browser part of the bench: axe-core on the same pages with govaudit's runner and with pa11y-ci (axe runner,
// Debian's Chromium), one after the other, each as its own measured process from launch to exit.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseFlags } from '../../browser/launch-args.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { pa11yCiCli } from '../tools/install.ts';
import { runMeasured, type Measured } from '../tools/measure.ts';
import type { AxeChildArgs, AxeChildResult } from './axe-child.ts';

/** The rules pa11y runs for WCAG2AA with its axe runner; govaudit is given the same tags so both do the same work. */
export const PA11Y_AA_TAGS = ['wcag2a', 'wcag21a', 'wcag2aa', 'wcag21aa', 'best-practice'];

export interface AxeRun {
  tool: 'govaudit' | 'pa11y-ci';
  measured: Measured;
  pages: number;
  pagesPerMinute: number;
  /** Pages that could not be checked. */
  failed: number;
  /** Distinct axe rule ids that found violations, over all pages. */
  rules: string[];
  /** Why pages could not be checked (distinct first lines). */
  errors: string[];
}

const runTs = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const child = fileURLToPath(new URL('./axe-child.ts', import.meta.url));

export async function runGovauditAxe(urls: string[], opts: { concurrency: number; workDir: string; timeoutMs: number; siteHosts?: string[] }): Promise<AxeRun> {
  const out = join(opts.workDir, 'axe-govaudit.json');
  const args: AxeChildArgs = { urls, concurrency: opts.concurrency, tags: PA11Y_AA_TAGS, out, siteHosts: opts.siteHosts ?? [] };
  const measured = await runMeasured(process.execPath, [runTs, child, JSON.stringify(args)], { stdoutFile: join(opts.workDir, 'axe-govaudit.out'), timeFile: join(opts.workDir, 'axe-govaudit.time'), timeoutMs: opts.timeoutMs });
  if (measured.exitCode !== 0) throw new Error(`govaudit axe exited with ${measured.exitCode}: ${measured.stderrTail.slice(-600)}`);
  const r = JSON.parse(await readFile(out, 'utf8')) as AxeChildResult;
  return summarise('govaudit', measured, urls.length, r.pages.flatMap((p) => (p.error ? [p.error] : [])), r.pages.flatMap((p) => p.rules));
}

interface Pa11yCiReport {
  total: number;
  results: Record<string, ({ code?: string; runnerExtras?: unknown } | { message?: string })[]>;
}

export async function runPa11yCi(urls: string[], opts: { concurrency: number; workDir: string; timeoutMs: number }): Promise<AxeRun> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error('no Chromium found (apt-get install chromium)');
  const config = join(opts.workDir, 'pa11y-ci.json');
  await writeFile(
    config,
    JSON.stringify({
      defaults: {
        concurrency: opts.concurrency,
        runners: ['axe'],
        standard: 'WCAG2AA',
        timeout: 60_000,
        chromeLaunchConfig: { executablePath, args: [...baseFlags, '--window-size=1280,800'] },
      },
      urls,
    }),
  );
  const stdoutFile = join(opts.workDir, 'pa11y-ci.out.json');
  const measured = await runMeasured(process.execPath, [pa11yCiCli, '--config', config, '--json'], {
    stdoutFile,
    timeFile: join(opts.workDir, 'pa11y-ci.time'),
    timeoutMs: opts.timeoutMs,
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
  let report: Pa11yCiReport;
  try {
    report = JSON.parse(await readFile(stdoutFile, 'utf8')) as Pa11yCiReport;
  } catch {
    throw new Error(`pa11y-ci gave no JSON report (exit ${measured.exitCode}): ${measured.stderrTail.slice(-600)}`);
  }
  const issues = Object.values(report.results);
  const errors = issues.flatMap((list) => list.flatMap((i) => ('message' in i && !('code' in i) ? [String(i.message)] : [])));
  const rules = issues.flatMap((list) => list.flatMap((i) => ('code' in i && i.code ? [i.code] : [])));
  return summarise('pa11y-ci', measured, urls.length, errors, rules);
}

function summarise(tool: AxeRun['tool'], measured: Measured, pages: number, errors: string[], rules: string[]): AxeRun {
  return { tool, measured, pages, failed: errors.length, errors: [...new Set(errors.map((e) => e.split('\n')[0].slice(0, 200)))], pagesPerMinute: pages / (measured.wallMs / 60_000), rules: [...new Set(rules)].sort() };
}
