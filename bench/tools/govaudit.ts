// Runs govaudit's links-only audit (govaudit-child.ts) as its own measured process.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GovauditChildArgs, GovauditChildResult } from './govaudit-child.ts';
import { runMeasured } from './measure.ts';
import { sameUrl, type LinkRun } from './types.ts';

const runTs = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const child = fileURLToPath(new URL('./govaudit-child.ts', import.meta.url));

export async function runGovaudit(opts: { homepage: string; concurrency: number; pages: number; workDir: string; timeoutMs: number; heapMb: number; wording?: boolean }): Promise<LinkRun> {
  const out = join(opts.workDir, 'govaudit.json');
  const args: GovauditChildArgs = { homepage: opts.homepage, concurrency: opts.concurrency, maxPages: opts.pages * 2 + 100, out, ...(opts.wording ? { wording: true } : {}) };
  const v8 = opts.heapMb > 0 ? [`--max-old-space-size=${opts.heapMb}`] : [];
  const measured = await runMeasured(process.execPath, [...v8, runTs, child, JSON.stringify(args)], {
    stdoutFile: join(opts.workDir, 'govaudit.out'),
    timeFile: join(opts.workDir, 'govaudit.time'),
    timeoutMs: opts.timeoutMs,
  });
  if (measured.exitCode !== 0) throw new Error(`govaudit exited with ${measured.exitCode}: ${measured.stderrTail.slice(-600)}`);
  const r = JSON.parse(await readFile(out, 'utf8')) as GovauditChildResult;
  return {
    tool: 'govaudit',
    measured,
    broken: new Map(r.broken.map((b) => [sameUrl(b.url), `${b.code} ${b.detail}`.trim()])),
    own: {
      pagesCrawled: r.pagesCrawled, linksChecked: r.linksChecked, auditS: r.auditMs / 1000, cpuS: r.cpuS, startupCpuS: r.startupCpuS, storedPages: r.storedPages, peakRssMb: r.peakRssMb,
      ...(r.wording ? { wordingPagesScanned: r.wording.pagesScanned, wordingSerious: r.wording.serious, wordingTypos: r.wording.typos, wordingCheckCpuS: r.wording.checkCpuS } : {}),
    },
  };
}
