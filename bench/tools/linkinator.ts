// Runs linkinator's CLI (recursive, the bench's concurrency) as a measured process and reads its JSON report.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { linkinatorCli } from './install.ts';
import { runMeasured } from './measure.ts';
import { sameUrl, type LinkRun } from './types.ts';

interface LinkinatorReport {
  links: { url: string; status?: number; state: 'OK' | 'BROKEN' | 'SKIPPED' }[];
}

export async function runLinkinator(opts: { homepage: string; concurrency: number; workDir: string; timeoutMs: number }): Promise<LinkRun> {
  const stdoutFile = join(opts.workDir, 'linkinator.json');
  // a generous per-request timeout: linkinator's queue starts more requests than --concurrency, and the site's
  // slots make the extra ones wait; that wait must not count as a broken link
  const measured = await runMeasured(process.execPath, [linkinatorCli, opts.homepage, '--recurse', '--concurrency', String(opts.concurrency), '--format', 'json', '--timeout', '600000'], {
    stdoutFile,
    timeFile: join(opts.workDir, 'linkinator.time'),
    timeoutMs: opts.timeoutMs,
  });
  let report: LinkinatorReport;
  try {
    report = JSON.parse(await readFile(stdoutFile, 'utf8')) as LinkinatorReport;
  } catch {
    throw new Error(`linkinator gave no JSON report (exit ${measured.exitCode}): ${measured.stderrTail.slice(-600)}`);
  }
  const broken = new Map<string, string>();
  for (const l of report.links) if (l.state === 'BROKEN') broken.set(sameUrl(l.url), String(l.status ?? 0));
  return { tool: 'linkinator', measured, broken };
}
