// Every Chromium this project launches is written down (its process group, its profile folder, the process that
// owns it) so a browser whose owner died without closing it (SIGKILL, the OOM killer) is found and killed by the next
// start of any browser-using command or the service, and its temporary profile removed. One small JSON file per
// browser in a folder under the system's temporary folder (GOVAUDIT_BROWSER_REGISTRY overrides it): processes never
// share a file, so no locking is needed. Linux: process facts come from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Name prefix of the temporary profile folders launch.ts makes. */
export const PROFILE_PREFIX = 'govaudit-chromium-';

/** One launched browser, as recorded. */
export interface BrowserRecord {
  /** Chromium's main process; it leads its own process group (puppeteer starts it detached). */
  pid?: number;
  /** The profile folder (`--user-data-dir`), removed when the browser is reaped. */
  userDataDir: string;
  /** The process that launched it, and that process's start time (clock ticks since boot, so a reused pid differs). */
  ownerPid: number;
  ownerStart: string;
  /** ISO time of the launch. */
  launchedAt: string;
}

/** What a reap did. */
export interface ReapResult {
  /** Records whose owner was dead. */
  reaped: number;
  /** Processes sent SIGKILL. */
  killed: number[];
  /** Profile folders removed. */
  removedDirs: string[];
}

/** The registry folder: GOVAUDIT_BROWSER_REGISTRY, else one per user under the temporary folder. */
export function registryDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GOVAUDIT_BROWSER_REGISTRY || join(tmpdir(), `govaudit-browsers-${process.getuid?.() ?? 'user'}`);
}

/** A process's start time (field 22 of /proc/PID/stat), or null when there is no such process. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) is in parentheses and may contain spaces: count fields after its closing one
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Is the owner of a record still the process that launched the browser? */
function ownerAlive(rec: BrowserRecord): boolean {
  return processStart(rec.ownerPid) === rec.ownerStart;
}

let cachedSelfStart: string | null = null;
function selfStart(): string {
  cachedSelfStart ??= processStart(process.pid) ?? '0';
  return cachedSelfStart;
}

/** The file of one browser's record. */
function recordFile(dir: string, userDataDir: string): string {
  return join(dir, `${userDataDir.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
}

/**
 * Writes (or rewrites, once the pid is known) the record of a browser this process launches. Written before the
 * launch with the profile folder only, so a kill during the launch still leaves a trace the reaper follows.
 */
export async function recordBrowser(userDataDir: string, pid?: number, dir = registryDir()): Promise<void> {
  const rec: BrowserRecord = { userDataDir, ownerPid: process.pid, ownerStart: selfStart(), launchedAt: new Date().toISOString(), ...(pid ? { pid } : {}) };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = recordFile(dir, userDataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(rec), { mode: 0o600 });
  await rename(tmp, file);
}

/** Removes the record of a browser that was closed normally. */
export async function forgetBrowser(userDataDir: string, dir = registryDir()): Promise<void> {
  await rm(recordFile(dir, userDataDir), { force: true }).catch(() => {});
}

/** Pids of running processes started with this profile folder (the browser and its helpers). */
export function processesUsing(userDataDir: string): number[] {
  const flag = `--user-data-dir=${userDataDir}`;
  return procPids((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(flag));
}

/** Pids in /proc that `keep` accepts; a process that is gone before it is read is skipped. */
function procPids(keep: (pid: string) => boolean): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => {
      if (!/^\d+$/.test(name)) return false;
      try {
        return keep(name);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

/** Is the process running (a zombie waiting for its parent counts as gone)? */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (up to 5 s) until the killed processes are gone: SIGKILL is delivered, not awaited. */
async function gone(pids: number[]): Promise<void> {
  for (let i = 0; i < 100 && pids.some(running); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Members of a process group (Chromium's helpers usually do not repeat `--user-data-dir`). */
function groupMembers(pgid: number): number[] {
  return procPids((pid) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) === pgid;
  });
}

function kill(target: number): void {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Kills every recorded browser whose owner is dead (its whole process group, plus any process still started with
 * its profile folder) and removes the profile folders and records. Browsers of live owners are left alone; a
 * broken record file is removed. Never throws.
 */
export async function reapOrphanedBrowsers(dir = registryDir()): Promise<ReapResult> {
  const result: ReapResult = { reaped: 0, killed: [], removedDirs: [] };
  // without /proc no owner can be told alive: reap nothing rather than a live browser's profile
  if (processStart(process.pid) === null) return result;
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  } catch {
    return result;
  }
  for (const name of names) {
    const file = join(dir, name);
    let rec: BrowserRecord;
    try {
      rec = JSON.parse(await readFile(file, 'utf8')) as BrowserRecord;
      if (typeof rec.userDataDir !== 'string' || typeof rec.ownerPid !== 'number') throw new Error('not a record');
    } catch {
      await rm(file, { force: true }).catch(() => {});
      continue;
    }
    if (ownerAlive(rec)) continue;
    result.reaped++;
    const victims = new Set(processesUsing(rec.userDataDir));
    // the group is the browser's only when its leader is still that browser (pids are reused)
    if (rec.pid && victims.has(rec.pid)) for (const p of groupMembers(rec.pid)) victims.add(p);
    if (rec.pid && victims.has(rec.pid)) kill(-rec.pid);
    for (const p of victims) kill(p);
    result.killed.push(...victims);
    await gone([...victims]);
    // only a profile folder this project made (launch.ts), whatever a record file says
    if (basename(rec.userDataDir).startsWith(PROFILE_PREFIX)) {
      await rm(rec.userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
      result.removedDirs.push(rec.userDataDir);
    }
    await rm(file, { force: true }).catch(() => {});
  }
  result.killed.sort((a, b) => a - b);
  return result;
}

let reapedOnce: Promise<ReapResult> | null = null;

/** Reaps once per process (the first launch, or a command's start); later calls get the first result. */
export function reapOnce(dir = registryDir()): Promise<ReapResult> {
  reapedOnce ??= reapOrphanedBrowsers(dir);
  return reapedOnce;
}
