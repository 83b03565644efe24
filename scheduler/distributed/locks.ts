// PostgreSQL advisory locks that hold across workers and machines. A site audit holds one lock for the site and
// one per host it crawls (homepage host and `scope` hosts), all on a dedicated connection: no site is ever audited
// twice at once (pg-boss expiry alone cannot promise it: a slow worker may still run when its job is handed on),
// and two sites sharing a host are not crawled at once, so the host's politeness budget (crawl.concurrencyPerHost,
// crawl.delayMs) holds across workers. PostgreSQL frees the locks when the connection ends, so a killed worker
// leaves none behind.
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import type { SiteConfig } from '../../config/schema.ts';

/** Locks held on one connection; `release` frees them and returns the connection. */
export interface HeldLocks {
  release(): Promise<void>;
}

/**
 * Lock keys of a site audit, namespaced by store schema: its id, and each host it crawls — the homepage's host with
 * its port when not the default (the unit the crawler's per-host budget counts), and the `scope` hosts.
 */
export function siteLockKeys(schema: string, site: SiteConfig): string[] {
  const hosts = new Set([new URL(site.homepage).host.toLowerCase(), ...(site.scope ?? []).map((h) => h.toLowerCase())]);
  return [`govaudit:${schema}:site:${site.id}`, ...[...hosts].sort().map((h) => `govaudit:${schema}:host:${h}`)];
}

/**
 * Takes every lock in `keys` (all or none, so two waiters never deadlock), retrying every `pollMs` while another
 * holder has any of them. Rejects when `signal` aborts. `onWait` is told once when it has to wait.
 */
export async function acquireLocks(pool: pg.Pool, keys: string[], opts: { pollMs: number; signal?: AbortSignal; onWait?: () => void }): Promise<HeldLocks> {
  const client = await pool.connect();
  const onError = () => undefined;
  client.on('error', onError);
  let waited = false;
  try {
    for (;;) {
      opts.signal?.throwIfAborted();
      const taken: string[] = [];
      for (const key of keys) {
        const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
        if (!rows[0].ok) break;
        taken.push(key);
      }
      if (taken.length === keys.length) return held(client, keys, onError);
      for (const key of taken) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      if (!waited) opts.onWait?.();
      waited = true;
      await delay(opts.pollMs, undefined, { signal: opts.signal });
    }
  } catch (e) {
    client.off('error', onError);
    client.release(true);
    throw e;
  }
}

function held(client: pg.PoolClient, keys: string[], onError: () => void): HeldLocks {
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        for (const key of keys) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
        client.off('error', onError);
        client.release();
      } catch {
        // the connection is gone, and its locks with it
        client.release(true);
      }
    },
  };
}

/**
 * Runs `fn` while holding a transaction-scoped advisory lock on `key`, waiting for it (bounded by `timeoutMs`).
 * Used to finalise a run exactly once: each finishing worker checks completion in turn.
 */
export async function withExclusiveLock<T>(pool: pg.Pool, key: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const onError = () => undefined;
  client.on('error', onError);
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw e;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
