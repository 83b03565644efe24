// Runs one tool as a child process under GNU time (`/usr/bin/time -v`): wall time, user and system CPU seconds
// and peak RSS of the whole process tree's largest process, measured the same way for every tool.
import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';

export interface Measured {
  exitCode: number | null;
  wallMs: number;
  userS: number;
  sysS: number;
  /** Peak resident set size, MB. */
  peakRssMb: number;
  /** Where stdout went. */
  stdoutFile: string;
  stderrTail: string;
}

const TIME = '/usr/bin/time';

/** Runs `cmd args…`, stdout to `stdoutFile`, and reads GNU time's report (written to a file, not mixed with stderr). */
export async function runMeasured(cmd: string, args: string[], opts: { stdoutFile: string; timeFile: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number }): Promise<Measured> {
  const started = performance.now();
  // stdout straight into the file (no pipe: a tool that exits right after a large write loses nothing)
  const out = await open(opts.stdoutFile, 'w');
  const child = spawn(TIME, ['-v', '-o', opts.timeFile, cmd, ...args], { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ['ignore', out.fd, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4_000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  await out.close();
  const report = await readFile(opts.timeFile, 'utf8').catch(() => '');
  const num = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(report)?.[1] ?? NaN);
  return {
    exitCode,
    wallMs,
    userS: num('User time \\(seconds\\)'),
    sysS: num('System time \\(seconds\\)'),
    peakRssMb: num('Maximum resident set size \\(kbytes\\)') / 1024,
    stdoutFile: opts.stdoutFile,
    stderrTail: stderr,
  };
}
