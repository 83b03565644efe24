// PostgreSQL advisory locks that hold across workers and machines. A site audit holds one lock for the site and
// one per host it crawls (homepage host and `scope` hosts): no site is ever audited twice at once (pg-boss expiry
// alone cannot promise it: a slow worker may still run when its job is handed on), and two sites sharing a host are
// not crawled at once, so the host's politeness budget (crawl.concurrencyPerHost, crawl.delayMs) holds across
// workers. A worker holds the locks of all its sites in flight on ONE connection (LockSession), so its PostgreSQL
// connections do not grow with --concurrency; session-level advisory locks are re-entrant within a session, so an
// in-process keyed mutex makes two sites of one worker exclude each other too. PostgreSQL frees the locks when the
// connection ends, so a killed worker leaves none behind; a worker whose lock connection drops aborts the sites
// that held locks on it (another worker may take them at once) and opens a new connection for the next ones.
import pg from 'pg';
import type { SiteConfig } from '../../config/schema.ts';

/** Locks held for one site; `lost` aborts when the lock connection dropped; `release` frees them. */
export interface HeldLocks {
  /** Aborts when the locks were lost (the lock connection ended): the holder must stop its work. */
  lost: AbortSignal;
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

export interface LockSessionOptions {
  connectionString: string;
  /** How often the connection is checked while it holds locks (a dead peer is noticed within about this), ms. */
  pingMs?: number;
  onLost?: (error: Error, keys: string[]) => void;
}

interface Holder {
  keys: string[];
  lost: AbortController;
  /** The connection its PostgreSQL locks live on. */
  client: pg.Client;
}

/**
 * One worker's advisory locks: a single PostgreSQL connection holds the locks of every site the worker has in
 * flight, and a keyed in-process mutex keeps two of its own sites from sharing a key. `acquire` takes all keys or
 * none (so two waiters never deadlock), retrying every `pollMs` while another worker holds one (and at once when
 * one of this worker's own sites frees one).
 */
export class LockSession {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  /** Keys held by this process → their holder. */
  private readonly held = new Map<string, Holder>();
  private readonly holders = new Set<Holder>();
  private readonly wakers = new Set<() => void>();
  private ping: NodeJS.Timeout | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Connections opened so far (1 + reconnections after a drop). */
  connections = 0;

  constructor(private readonly opts: LockSessionOptions) {}

  /** Keys held by this worker right now. */
  heldKeys(): string[] {
    return [...this.held.keys()].sort();
  }

  async acquire(keys: string[], opts: { pollMs: number; signal?: AbortSignal; onWait?: () => void }): Promise<HeldLocks> {
    let waited = false;
    for (;;) {
      opts.signal?.throwIfAborted();
      if (this.closed) throw new Error('the lock session is closed');
      if (keys.every((k) => !this.held.has(k))) {
        const client = await this.connection();
        // claim locally before the round trip (synchronously with the check above), so no sibling claims them too
        if (keys.every((k) => !this.held.has(k))) {
          const holder: Holder = { keys, lost: new AbortController(), client };
          for (const k of keys) this.held.set(k, holder);
          this.holders.add(holder);
          let ok = false;
          try {
            ok = await this.tryAll(client, keys);
          } catch (e) {
            this.forget(holder);
            // the connection dropped under the query: try again on a new one; anything else is the caller's
            if (this.client === client) throw e;
          }
          if (ok && this.client === client && !holder.lost.signal.aborted) return this.handle(holder);
          if (ok) await this.unlockAll(client, keys).catch(() => undefined);
          this.forget(holder);
        }
      }
      if (!waited) opts.onWait?.();
      waited = true;
      await this.wait(opts.pollMs, opts.signal);
    }
  }

  /** Ends the connection; the sites still holding locks are told they lost them. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopPing();
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    for (const w of this.wakers) w();
    if (client) {
      this.dropped(client, new Error('the lock session was closed'));
      await client.end().catch(() => undefined);
    }
  }

  private handle(holder: Holder): HeldLocks {
    let released: Promise<void> | null = null;
    return {
      lost: holder.lost.signal,
      release: () =>
        (released ??= (async () => {
          if (this.client === holder.client && !holder.lost.signal.aborted) await this.unlockAll(holder.client, holder.keys).catch(() => undefined);
          this.forget(holder);
        })()),
    };
  }

  private forget(holder: Holder): void {
    if (!this.holders.delete(holder)) return;
    for (const k of holder.keys) if (this.held.get(k) === holder) this.held.delete(k);
    if (this.holders.size === 0) this.stopPing();
    for (const w of [...this.wakers]) w();
  }

  /** One query at a time on the connection (pg queues concurrent ones, but that use is deprecated). */
  private query<R extends pg.QueryResultRow>(client: pg.Client, text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const run = this.tail.then(() => client.query<R>(text, values));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async tryAll(client: pg.Client, keys: string[]): Promise<boolean> {
    const sql = 'SELECT k AS key, pg_try_advisory_lock(hashtext(k)) AS ok FROM unnest($1::text[]) AS k';
    const { rows } = await this.query<{ key: string; ok: boolean }>(client, sql, [keys]);
    const taken = rows.filter((r) => r.ok).map((r) => r.key);
    if (taken.length === keys.length) return true;
    if (taken.length) await this.unlockAll(client, taken);
    return false;
  }

  private async unlockAll(client: pg.Client, keys: string[]): Promise<void> {
    await this.query(client, 'SELECT pg_advisory_unlock(hashtext(k)) FROM unnest($1::text[]) AS k', [keys]);
  }

  private wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        done();
        reject(signal!.reason);
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.opts.connectionString, application_name: 'govaudit-worker-locks', keepAlive: true });
      client.on('error', (e) => this.dropped(client, e));
      client.on('end', () => this.dropped(client, new Error('the lock connection ended')));
      try {
        await client.connect();
      } catch (e) {
        client.removeAllListeners();
        throw e;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        throw new Error('the lock session is closed');
      }
      this.connections++;
      this.client = client;
      this.startPing();
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** The connection is gone: its locks with it. Every site that held some is aborted; the next acquire reconnects. */
  private dropped(client: pg.Client, error: Error): void {
    if (this.client === client) this.client = null;
    const lost = [...this.holders].filter((h) => h.client === client && !h.lost.signal.aborted);
    for (const h of lost) {
      this.opts.onLost?.(error, h.keys);
      h.lost.abort(new Error(`lost the site's advisory locks: ${error.message}`));
    }
    // the aborted sites keep their in-process claims until they release, so none of their keys is reused early
    client.end().catch(() => undefined);
  }

  private startPing(): void {
    if (this.ping || !this.opts.pingMs) return;
    this.ping = setInterval(() => {
      const client = this.client;
      if (!client || this.holders.size === 0) return;
      this.query(client, 'SELECT 1', []).catch((e: Error) => this.dropped(client, e));
    }, this.opts.pingMs);
    this.ping.unref();
  }

  private stopPing(): void {
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
  }
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
