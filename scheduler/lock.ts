// The audit lock: one audit at a time across processes and restarts. The lock is a row in the store with a
// heartbeat; it is taken over when its heartbeat is stale, or at once when its holder ran on this host and its
// process is gone (a kill -9 or a power loss leaves the row behind).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { LockRecord, Store } from '../store/types.ts';

/** The lock every audit takes. */
export const AUDIT_LOCK = 'audit';

export interface LockOptions {
  store: Store;
  name?: string;
  /** A holder whose heartbeat is older than this is presumed dead (another host, or a hung process). */
  staleMs?: number;
  /** How often the holder renews its heartbeat. */
  heartbeatMs?: number;
  clock?: () => Date;
  /** Whether a process of this host is alive (injected in tests). */
  isAlive?: (pid: number) => boolean;
  pid?: number;
  host?: string;
  /** Called when the heartbeat finds the lock taken by someone else (our work must stop). */
  onLost?: (current: LockRecord | null) => void;
}

export interface HeldLock {
  readonly record: LockRecord;
  /** The holder we took over, when the lock was stale or its process dead. */
  readonly replaced: LockRecord | null;
  /** Records the run the lock now protects. */
  setRun(runId: string | null): Promise<void>;
  /** Renews the heartbeat now; false when the lock was lost. */
  beat(): Promise<boolean>;
  /** Stops the heartbeat and frees the lock. */
  release(): Promise<void>;
}

export type AcquireResult = { acquired: true; lock: HeldLock } | { acquired: false; holder: LockRecord | null };

/** Tries once to take the lock; never waits. */
export async function acquireLock(opts: LockOptions): Promise<AcquireResult> {
  const store = opts.store;
  const name = opts.name ?? AUDIT_LOCK;
  const clock = opts.clock ?? (() => new Date());
  const staleMs = opts.staleMs ?? 120_000;
  const host = opts.host ?? hostname();
  const pid = opts.pid ?? process.pid;
  const isAlive = opts.isAlive ?? processAlive;
  const now = clock();
  const current = await store.getLock(name);
  // This host's holder is dead when its process is gone, or when it has our own pid: a process holds the lock at
  // most once, so that row is a previous incarnation's (a restarted container often gets the same pid).
  const dead = current && current.host === host && (current.pid === pid || !isAlive(current.pid)) ? current.holder : undefined;
  const record: LockRecord = {
    name,
    holder: `${host}:${pid}:${randomUUID().slice(0, 8)}`,
    pid,
    host,
    runId: null,
    acquiredAt: now.toISOString(),
    heartbeatAt: now.toISOString(),
  };
  const ok = await store.acquireLock(record, { staleBefore: new Date(now.getTime() - staleMs).toISOString(), replace: dead });
  if (!ok) return { acquired: false, holder: await holderWithRun(store, name, clock) };
  const replaced = current && current.holder !== record.holder ? current : null;
  return { acquired: true, lock: holdLock(record, replaced, { ...opts, clock, heartbeatMs: opts.heartbeatMs ?? Math.max(1_000, Math.floor(staleMs / 6)) }) };
}

function holdLock(record: LockRecord, replaced: LockRecord | null, opts: LockOptions & { clock: () => Date; heartbeatMs: number }): HeldLock {
  let runId: string | null = null;
  let released = false;
  const beat = async (): Promise<boolean> => {
    if (released) return false;
    const ok = await opts.store.heartbeatLock(record.name, record.holder, opts.clock().toISOString(), runId);
    if (!ok) {
      stop();
      opts.onLost?.(await opts.store.getLock(record.name).catch(() => null));
    }
    return ok;
  };
  const timer = setInterval(() => void beat().catch(() => undefined), opts.heartbeatMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  return {
    record,
    replaced,
    async setRun(id) {
      runId = id;
      await beat();
    },
    beat,
    async release() {
      if (released) return;
      released = true;
      stop();
      await opts.store.releaseLock(record.name, record.holder);
    },
  };
}

/** Whether a process of this host with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lock holder looks alive, for `govaudit status`. */
export function describeHolder(lock: LockRecord, now: Date, staleMs = 120_000, isAlive = processAlive): 'alive' | 'stale' | 'dead' {
  if (lock.host === hostname() && !isAlive(lock.pid)) return 'dead';
  return now.getTime() - new Date(lock.heartbeatAt).getTime() > staleMs ? 'stale' : 'alive';
}

/** How long a refused caller waits for a holder that has just taken the lock to record its run. */
const RUN_NAMING_WAIT_MS = 3_000;

/**
 * The lock's holder; when it took the lock a moment ago and has not yet named its run, waits briefly for the run id,
 * so "another audit is running" can say which run.
 */
async function holderWithRun(store: Store, name: string, clock: () => Date): Promise<LockRecord | null> {
  let holder = await store.getLock(name);
  const fresh = (h: LockRecord) => clock().getTime() - Date.parse(h.acquiredAt) < RUN_NAMING_WAIT_MS;
  for (let waited = 0; holder && !holder.runId && fresh(holder) && waited < RUN_NAMING_WAIT_MS; waited += 100) {
    await delay(100);
    holder = await store.getLock(name);
  }
  return holder;
}

/** A holder as messages show it: `host pid N (run R, since T)`, or `(since T)` before it has named its run. */
export function holderText(holder: LockRecord | null): string {
  if (!holder) return 'unknown holder';
  return `${holder.host} pid ${holder.pid} (${holder.runId ? `run ${holder.runId}, ` : ''}since ${holder.acquiredAt})`;
}
