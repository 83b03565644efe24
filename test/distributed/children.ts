// Test support for the distributed tests: `govaudit` child processes (real processes, as operators run them) with
// their output collected, and polling waits bounded by a hang guard.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** Everything written so far (stdout and stderr). */
  output(): string;
  /** JSON log lines (pino) written to stdout so far. */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/** Starts `node bin/govaudit.mjs …args` with the given environment additions. */
export function govaudit(args: string[], env: Record<string, string | undefined>): Child {
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  const child = spawn(process.execPath, ['bin/govaudit.mjs', ...args], { cwd: repoRoot, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    process: child,
    output: () => out,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    exited,
  };
}

/** Polls `probe` until it returns a value other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`hang guard: gave up after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await delay(everyMs);
  }
}

/** Waits for a child to exit, killing it (SIGKILL) if it has not after `timeoutMs`. */
export async function exitOf(child: Child, timeoutMs: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), timeoutMs)));
  const code = await Promise.race([child.exited, guard]);
  clearTimeout(timer);
  if (code === 'hang') {
    child.process.kill('SIGKILL');
    throw new Error(`hang guard: the child did not exit within ${Math.round(timeoutMs / 1000)} s; output:\n${child.output().slice(-3000)}`);
  }
  return code;
}
