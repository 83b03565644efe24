// Diagnostic (not part of the bench): the bench site and govaudit's links-only child with its memory sampled every
// 5 s (GOVAUDIT_BENCH_MEMLOG=1) and stderr shown; extra Node flags after the page count, e.g. --heapsnapshot-signal.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSite } from './site/control.ts';

const pages = Number(process.argv[2] ?? 20_000);
const nodeFlags = process.argv.slice(3);
const site = await startSite({ pages, latencyMs: 0, slots: 4 });
const dir = await mkdtemp(join(tmpdir(), 'govaudit-memprobe-'));
const args = { homepage: site.hosts.main, concurrency: 4, maxPages: pages * 2 + 100, out: join(dir, 'out.json') };
const child = spawn(process.execPath, [...nodeFlags, fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url)), fileURLToPath(new URL('./tools/govaudit-child.ts', import.meta.url)), JSON.stringify(args)], {
  stdio: 'inherit',
  env: { ...process.env, GOVAUDIT_BENCH_MEMLOG: '1' },
});
process.stderr.write(`child pid ${child.pid}, out ${args.out}\n`);
const code = await new Promise((r) => child.on('exit', r));
process.stderr.write(`exit ${code}\n`);
await site.stop();
