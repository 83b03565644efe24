// Test support for the service's process-level tests: a fixture district written to a config file, and
// `govaudit serve` child processes whose JSON log lines can be awaited.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface District {
  server: FixtureServer;
  dir: string;
  configFile: string;
  close(): Promise<void>;
}

/**
 * Serves the given demo sites and writes their config. `delayMs` paces requests per host so an audit lasts long
 * enough to be stopped mid-way; the browser is /bin/false (a missing path would fall back to the system browser), so
 * the browser checks are "not measured" and the audits quick.
 */
export async function setupDistrict(opts: { sites: string[]; delayMs: number }): Promise<District> {
  const server = await startFixtureServer({ sites: opts.sites });
  const raw = server.config() as Record<string, unknown> & { crawl: Record<string, unknown>; accessibility?: Record<string, unknown> };
  raw.crawl = { ...raw.crawl, delayMs: opts.delayMs };
  raw.accessibility = { ...raw.accessibility, chromePath: '/bin/false' };
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-serve-'));
  const configFile = join(dir, 'district.json');
  await writeFile(configFile, JSON.stringify(raw, null, 2));
  return {
    server,
    dir,
    configFile,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export type LogLine = Record<string, unknown> & { msg?: string };

export interface ServeChild {
  child: ChildProcess;
  lines: LogLine[];
  stderr: () => string;
  /** Resolves with the first log line (past or future) matching; rejects on exit or after `timeoutMs`. */
  waitFor(match: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `node bin/govaudit.mjs serve …args`. */
export function spawnServe(args: string[]): ServeChild {
  const child = spawn(process.execPath, ['bin/govaudit.mjs', 'serve', ...args], { cwd: repoRoot, env: { ...process.env, GOVAUDIT_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const waiters = new Set<{ match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }>();
  let buffer = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of waiters) if (w.match(line)) (waiters.delete(w), w.resolve(line));
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) => child.on('exit', (code, signal) => r({ code, signal, at: Date.now() })));
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitFor(match, timeoutMs = 150_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.add(w);
        const timer = setTimeout(() => (waiters.delete(w), reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${err.slice(-500)}`))), timeoutMs);
        void exited.then(() => {
          if (!waiters.has(w)) return;
          waiters.delete(w);
          clearTimeout(timer);
          reject(new Error(`serve exited before the expected log line; stderr: ${err.slice(-500)}`));
        });
        const done = w.resolve;
        w.resolve = (l) => (clearTimeout(timer), done(l));
      });
    },
  };
}
