// The embedded SQLite store (better-sqlite3, WAL, synchronous=FULL so a kill -9 never loses a committed write).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import { sqliteMigrations } from './migrations.ts';
import type { LockRecord, ProbeRecord, PurgeCounts, RunRecord, RunState, SiteRunRecord, Store, StoredFinding } from './types.ts';

type Row = Record<string, unknown>;

/** Opens (creating if needed) the store in `dir/govaudit.sqlite`; `':memory:'` for tests. */
export function openSqliteStore(dir: string): SqliteStore {
  let file = dir;
  if (dir !== ':memory:') {
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'govaudit.sqlite');
  }
  return new SqliteStore(new Database(file));
}

/**
 * Puts the database in WAL mode. Changing the journal mode answers "database is locked" at once, without waiting
 * for busy_timeout, while another process is opening the same new file; so it is retried for up to 5 s.
 */
function switchToWal(db: Database.Database): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 50) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || waited >= 5_000) throw e;
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;

  constructor(readonly db: Database.Database) {
    // first, so every later statement (switching to WAL included) waits for another process instead of failing
    db.pragma('busy_timeout = 5000');
    switchToWal(db);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    this.migrate();
  }

  /**
   * Applies the missing migrations, each in a write transaction that reads the version itself: two processes opening
   * a new store at the same moment take turns, and the second finds the tables made ("table runs already exists").
   */
  private migrate(): void {
    const step = this.db.transaction((): boolean => {
      const v = this.db.pragma('user_version', { simple: true }) as number;
      if (v >= sqliteMigrations.length) return false;
      this.db.exec(sqliteMigrations[v]);
      this.db.pragma(`user_version = ${v + 1}`);
      return true;
    });
    while (step.immediate()) {
      // next migration
    }
  }

  async createRun(run: { id: string; kind: string; asOf: string; startedAt: string; siteIds: string[]; state?: RunState }): Promise<RunRecord> {
    this.db
      .prepare('INSERT INTO runs (id, kind, state, as_of, started_at, site_ids) VALUES (?, ?, ?, ?, ?, ?)')
      .run(run.id, run.kind, run.state ?? 'running', run.asOf, run.startedAt, JSON.stringify(run.siteIds));
    return (await this.getRun(run.id))!;
  }

  async updateRun(id: string, patch: Partial<Pick<RunRecord, 'state' | 'finishedAt' | 'summary' | 'error'>>): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (patch.state !== undefined) (sets.push('state = ?'), values.push(patch.state));
    if (patch.finishedAt !== undefined) (sets.push('finished_at = ?'), values.push(patch.finishedAt));
    if (patch.summary !== undefined) (sets.push('summary = ?'), values.push(JSON.stringify(patch.summary)));
    if (patch.error !== undefined) (sets.push('error = ?'), values.push(patch.error));
    if (!sets.length) return;
    this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
    return row ? toRun(row) : null;
  }

  async listRuns(opts: { from?: string; to?: string; limit?: number; state?: RunRecord['state'] } = {}): Promise<RunRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (opts.from) (where.push('as_of >= ?'), values.push(opts.from));
    if (opts.to) (where.push('as_of < ?'), values.push(opts.to));
    if (opts.state) (where.push('state = ?'), values.push(opts.state));
    const sql = `SELECT * FROM runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY as_of DESC, started_at DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...values, opts.limit ?? 1000) as Row[]).map(toRun);
  }

  async startSiteRun(runId: string, siteId: string, startedAt: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO site_runs (run_id, site_id, state, started_at) VALUES (?, ?, 'running', ?)
         ON CONFLICT (run_id, site_id) DO UPDATE SET state = 'running', started_at = excluded.started_at`,
      )
      .run(runId, siteId, startedAt);
  }

  async finishSiteRun(rec: Omit<SiteRunRecord, 'startedAt'>): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO site_runs (run_id, site_id, state, finished_at, score, verdict, scorecard, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id, site_id) DO UPDATE SET state = excluded.state, finished_at = excluded.finished_at,
           score = excluded.score, verdict = excluded.verdict, scorecard = excluded.scorecard, error = excluded.error`,
      )
      .run(
        rec.runId,
        rec.siteId,
        rec.state,
        rec.finishedAt,
        rec.score,
        rec.verdict,
        rec.scorecard === null ? null : JSON.stringify(rec.scorecard),
        rec.error,
      );
  }

  async getSiteRun(runId: string, siteId: string): Promise<SiteRunRecord | null> {
    const row = this.db.prepare('SELECT * FROM site_runs WHERE run_id = ? AND site_id = ?').get(runId, siteId) as Row | undefined;
    return row ? toSiteRun(row) : null;
  }

  async listSiteRuns(runId: string): Promise<SiteRunRecord[]> {
    return (this.db.prepare('SELECT * FROM site_runs WHERE run_id = ? ORDER BY site_id').all(runId) as Row[]).map(toSiteRun);
  }

  async previousSiteRun(siteId: string, before?: { asOf: string; runId: string }): Promise<SiteRunRecord | null> {
    const row = (
      before
        ? this.db
            .prepare(
              `SELECT s.* FROM site_runs s JOIN runs r ON r.id = s.run_id
               WHERE s.site_id = ? AND s.state = 'done' AND s.run_id <> ? AND (r.as_of < ? OR (r.as_of = ? AND r.started_at < (SELECT started_at FROM runs WHERE id = ?)))
               ORDER BY r.as_of DESC, r.started_at DESC LIMIT 1`,
            )
            .get(siteId, before.runId, before.asOf, before.asOf, before.runId)
        : this.db
            .prepare(
              `SELECT s.* FROM site_runs s JOIN runs r ON r.id = s.run_id WHERE s.site_id = ? AND s.state = 'done'
               ORDER BY r.as_of DESC, r.started_at DESC LIMIT 1`,
            )
            .get(siteId)
    ) as Row | undefined;
    return row ? toSiteRun(row) : null;
  }

  async siteHistory(siteId: string, limit: number): Promise<SiteRunRecord[]> {
    return (
      this.db
        .prepare(
          `SELECT s.* FROM site_runs s JOIN runs r ON r.id = s.run_id WHERE s.site_id = ? AND s.state = 'done'
           ORDER BY r.as_of DESC, r.started_at DESC LIMIT ?`,
        )
        .all(siteId, limit) as Row[]
    ).map(toSiteRun);
  }

  async savePages(runId: string, siteId: string, pages: PageArtifact[]): Promise<void> {
    const stmt = this.db.prepare(
      `INSERT OR REPLACE INTO pages (run_id, site_id, url, final_url, status, error, content_type, charset, title, meta, depth, bytes, time_ms, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const p of pages)
        stmt.run(runId, siteId, p.url, p.finalUrl, p.status, p.error ?? null, p.contentType, p.charset, p.title, JSON.stringify(p.meta), p.depth, p.bytes, Math.round(p.timeMs), p.fetchedAt);
    })();
  }

  async saveLinkTargets(runId: string, siteId: string, targets: LinkTarget[]): Promise<void> {
    const stmt = this.db.prepare(
      `INSERT OR REPLACE INTO link_targets (run_id, site_id, url, internal, method, status, error, soft404, on_homepage, found_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      for (const t of targets)
        stmt.run(runId, siteId, t.url, t.internal ? 1 : 0, t.method, t.status, t.error ?? null, t.soft404 ? 1 : 0, t.onHomepage ? 1 : 0, JSON.stringify(t.foundOn));
    })();
  }

  async countPages(runId: string, siteId?: string): Promise<number> {
    const row = (siteId
      ? this.db.prepare('SELECT COUNT(*) n FROM pages WHERE run_id = ? AND site_id = ?').get(runId, siteId)
      : this.db.prepare('SELECT COUNT(*) n FROM pages WHERE run_id = ?').get(runId)) as { n: number };
    return row.n;
  }

  async saveFindings(runId: string, siteId: string, findings: StoredFinding[]): Promise<void> {
    const del = this.db.prepare('DELETE FROM findings WHERE run_id = ? AND site_id = ?');
    const ins = this.db.prepare(
      `INSERT OR REPLACE INTO findings (run_id, site_id, identity, check_id, code, severity, review, url, message, evidence, first_seen, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      del.run(runId, siteId);
      for (const f of findings)
        ins.run(runId, siteId, f.identity, f.check, f.code, f.severity, f.review ? 1 : 0, f.url, f.message, JSON.stringify(f.evidence), f.firstSeen, f.state);
    })();
  }

  async listFindings(runId: string, siteId?: string): Promise<StoredFinding[]> {
    const rows = (siteId
      ? this.db.prepare('SELECT * FROM findings WHERE run_id = ? AND site_id = ? ORDER BY site_id, check_id, code, url, identity').all(runId, siteId)
      : this.db.prepare('SELECT * FROM findings WHERE run_id = ? ORDER BY site_id, check_id, code, url, identity').all(runId)) as Row[];
    return rows.map(toFinding);
  }

  async upsertRecords(
    kind: string,
    records: { key: string; siteKey: string | null; data: unknown; updatedAt: string }[],
  ): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    const get = this.db.prepare('SELECT data FROM records WHERE kind = ? AND key = ?');
    const put = this.db.prepare(
      `INSERT INTO records (kind, key, site_key, data, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET site_key = excluded.site_key, data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const r of records) {
        const json = JSON.stringify(r.data);
        const old = get.get(kind, r.key) as { data: string } | undefined;
        if (!old) inserted++;
        else if (old.data !== json) updated++;
        else continue;
        put.run(kind, r.key, r.siteKey, json, r.updatedAt);
      }
    })();
    return { inserted, updated };
  }

  async listRecords<T = unknown>(kind: string, opts: { siteKey?: string } = {}): Promise<{ key: string; siteKey: string | null; data: T; updatedAt: string }[]> {
    const rows = (opts.siteKey !== undefined
      ? this.db.prepare('SELECT * FROM records WHERE kind = ? AND site_key = ? ORDER BY key').all(kind, opts.siteKey)
      : this.db.prepare('SELECT * FROM records WHERE kind = ? ORDER BY key').all(kind)) as Row[];
    return rows.map((r) => ({ key: r.key as string, siteKey: (r.site_key as string) ?? null, data: JSON.parse(r.data as string) as T, updatedAt: r.updated_at as string }));
  }

  async saveProbes(probes: ProbeRecord[]): Promise<void> {
    const stmt = this.db.prepare(
      'INSERT OR REPLACE INTO probes (site_id, at, url, ok, status, error, time_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const p of probes) stmt.run(p.siteId, new Date(p.at).toISOString(), p.url, p.ok ? 1 : 0, p.status, p.error, Math.round(p.timeMs));
    })();
  }

  async listProbes(opts: { from: string; to: string; siteId?: string }): Promise<ProbeRecord[]> {
    const from = new Date(opts.from).toISOString();
    const to = new Date(opts.to).toISOString();
    const rows = (opts.siteId !== undefined
      ? this.db.prepare('SELECT * FROM probes WHERE site_id = ? AND at >= ? AND at < ? ORDER BY at, site_id').all(opts.siteId, from, to)
      : this.db.prepare('SELECT * FROM probes WHERE at >= ? AND at < ? ORDER BY at, site_id').all(from, to)) as Row[];
    return rows.map((r) => ({
      siteId: r.site_id as string,
      at: r.at as string,
      url: r.url as string,
      ok: r.ok === 1,
      status: (r.status as number) ?? null,
      error: (r.error as string) ?? null,
      timeMs: r.time_ms as number,
    }));
  }

  async acquireLock(lock: LockRecord, opts: { staleBefore: string; replace?: string }): Promise<boolean> {
    this.db
      .prepare(
        `INSERT INTO locks (name, holder, pid, host, run_id, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, run_id = excluded.run_id,
           acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at
         WHERE locks.holder = excluded.holder OR locks.heartbeat_at < ? OR locks.holder = ?`,
      )
      .run(lock.name, lock.holder, lock.pid, lock.host, lock.runId, lock.acquiredAt, lock.heartbeatAt, opts.staleBefore, opts.replace ?? null);
    return (await this.getLock(lock.name))?.holder === lock.holder;
  }

  async heartbeatLock(name: string, holder: string, at: string, runId?: string | null): Promise<boolean> {
    const info =
      runId === undefined
        ? this.db.prepare('UPDATE locks SET heartbeat_at = ? WHERE name = ? AND holder = ?').run(at, name, holder)
        : this.db.prepare('UPDATE locks SET heartbeat_at = ?, run_id = ? WHERE name = ? AND holder = ?').run(at, runId, name, holder);
    return info.changes === 1;
  }

  async releaseLock(name: string, holder: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM locks WHERE name = ? AND holder = ?').run(name, holder).changes === 1;
  }

  async getLock(name: string): Promise<LockRecord | null> {
    const r = this.db.prepare('SELECT * FROM locks WHERE name = ?').get(name) as Row | undefined;
    if (!r) return null;
    return {
      name: r.name as string,
      holder: r.holder as string,
      pid: r.pid as number,
      host: r.host as string,
      runId: (r.run_id as string) ?? null,
      acquiredAt: r.acquired_at as string,
      heartbeatAt: r.heartbeat_at as string,
    };
  }

  async purgeRawData(before: string): Promise<PurgeCounts> {
    const cutoff = new Date(before).toISOString();
    const old = `SELECT id FROM runs WHERE started_at < ? AND state IN ('done', 'failed', 'interrupted')`;
    return this.db.transaction(() => ({
      pages: this.db.prepare(`DELETE FROM pages WHERE run_id IN (${old})`).run(cutoff).changes,
      linkTargets: this.db.prepare(`DELETE FROM link_targets WHERE run_id IN (${old})`).run(cutoff).changes,
      probes: this.db.prepare('DELETE FROM probes WHERE at < ?').run(cutoff).changes,
    }))();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toRun(r: Row): RunRecord {
  return {
    id: r.id as string,
    kind: r.kind as string,
    state: r.state as RunRecord['state'],
    asOf: r.as_of as string,
    startedAt: r.started_at as string,
    finishedAt: (r.finished_at as string) ?? null,
    siteIds: JSON.parse(r.site_ids as string) as string[],
    summary: r.summary ? (JSON.parse(r.summary as string) as Record<string, unknown>) : null,
    error: (r.error as string) ?? null,
  };
}

function toSiteRun(r: Row): SiteRunRecord {
  return {
    runId: r.run_id as string,
    siteId: r.site_id as string,
    state: r.state as SiteRunRecord['state'],
    startedAt: (r.started_at as string) ?? null,
    finishedAt: (r.finished_at as string) ?? null,
    score: (r.score as number) ?? null,
    verdict: (r.verdict as string) ?? null,
    scorecard: r.scorecard ? JSON.parse(r.scorecard as string) : null,
    error: (r.error as string) ?? null,
  };
}

function toFinding(r: Row): StoredFinding {
  return {
    check: r.check_id as string,
    code: r.code as string,
    severity: r.severity as StoredFinding['severity'],
    ...(r.review ? { review: true as const } : {}),
    siteId: r.site_id as string,
    url: (r.url as string) ?? null,
    message: r.message as string,
    evidence: JSON.parse(r.evidence as string) as Record<string, unknown>,
    identity: r.identity as string,
    firstSeen: r.first_seen as string,
    state: r.state as StoredFinding['state'],
  };
}
