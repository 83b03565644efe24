// Runs Debian's linkchecker (recursive, external links checked, the bench's threads) as a measured process and
// reads its CSV report (only invalid URLs are listed by default).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasured } from './measure.ts';
import { sameUrl, type LinkRun } from './types.ts';

/** Splits one line of linkchecker's `;`-separated, `"`-quoted CSV. */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export async function runLinkchecker(opts: { binary: string; homepage: string; concurrency: number; workDir: string; timeoutMs: number }): Promise<LinkRun> {
  // linkchecker drops root privileges to `nobody`: its config lives where that user can read it
  const confDir = await mkdtemp(join(tmpdir(), 'bench-linkchecker-'));
  const conf = join(confDir, 'linkcheckerrc');
  // no rate limit of its own beyond the concurrency (the site also sends the header that lifts its per-host limit)
  await writeFile(conf, `[checking]\nthreads=${opts.concurrency}\nmaxrequestspersecond=1000000\n[output]\nstatus=0\n`);
  const stdoutFile = join(opts.workDir, 'linkchecker.csv');
  const measured = await runMeasured(opts.binary, ['-f', conf, '--no-status', '--check-extern', '-t', String(opts.concurrency), '-o', 'csv', '--timeout', '60', opts.homepage], {
    stdoutFile,
    timeFile: join(opts.workDir, 'linkchecker.time'),
    timeoutMs: opts.timeoutMs,
  });
  const lines = (await readFile(stdoutFile, 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
  const header = csvFields(lines.shift() ?? '');
  const col = (name: string) => header.indexOf(name);
  if (col('url') < 0 || col('valid') < 0) throw new Error(`linkchecker gave no CSV report (exit ${measured.exitCode}): ${measured.stderrTail.slice(-600)}`);
  const broken = new Map<string, string>();
  for (const line of lines) {
    const f = csvFields(line);
    if (f[col('valid')] === 'False') broken.set(sameUrl(f[col('url')]), f[col('result')].slice(0, 80));
  }
  return { tool: 'linkchecker', measured, broken };
}
