// The PostgreSQL store (distributed mode): the same Store interface as SQLite over the `pg` driver, with the
// same schema expressed for PostgreSQL. Chosen by a postgres:// URL in config `store` or GOVAUDIT_DATABASE_URL.
import pg from 'pg';
import type { LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import { postgresMigrations } from './postgres-migrations.ts';
import type { LockRecord, ProbeRecord, PurgeCounts, RunRecord, RunState, SiteRunRecord, Store, StoredFinding } from './types.ts';

type Row = Record<string, unknown>;

/** Connects, applies migrations (under an advisory lock, so concurrent workers migrate once) and returns the store. */
export async function openPostgresStore(url: string, opts: { schema?: string } = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  pool.on('error', () => {
    /* an idle client lost its connection: the next query reconnects */
  });
  const store = new PostgresStore(pool, opts.schema ?? 'govaudit');
  await store.migrate();
  return store;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  }

  private q(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
    return this.pool.query(sql.replaceAll('§', this.schema), values);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`govaudit-migrate-${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.schema_version (version INTEGER NOT NULL)`);
      const { rows } = await client.query(`SELECT max(version) AS v FROM ${this.schema}.schema_version`);
      const current = Number(rows[0]?.v ?? 0);
      for (let v = current; v < postgresMigrations.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(postgresMigrations[v].replaceAll('§', this.schema));
          await client.query(`INSERT INTO ${this.schema}.schema_version (version) VALUES ($1)`, [v + 1]);
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`govaudit-migrate-${this.schema}`]).catch(() => {});
      client.release();
    }
  }

  async createRun(run: { id: string; kind: string; asOf: string; startedAt: string; siteIds: string[]; state?: RunState }): Promise<RunRecord> {
    await this.q('INSERT INTO §.runs (id, kind, state, as_of, started_at, site_ids) VALUES ($1, $2, $3, $4, $5, $6)', [
      run.id, run.kind, run.state ?? 'running', run.asOf, run.startedAt, JSON.stringify(run.siteIds),
    ]);
    return (await this.getRun(run.id))!;
  }

  async updateRun(id: string, patch: Partial<Pick<RunRecord, 'state' | 'finishedAt' | 'summary' | 'error'>>): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    const add = (col: string, v: unknown) => {
      values.push(v);
      sets.push(`${col} = $${values.length}`);
    };
    if (patch.state !== undefined) add('state', patch.state);
    if (patch.finishedAt !== undefined) add('finished_at', patch.finishedAt);
    if (patch.summary !== undefined) add('summary', JSON.stringify(patch.summary));
    if (patch.error !== undefined) add('error', patch.error);
    if (!sets.length) return;
    values.push(id);
    await this.q(`UPDATE §.runs SET ${sets.join(', ')} WHERE id = $${values.length}`, values);
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const { rows } = await this.q('SELECT * FROM §.runs WHERE id = $1', [id]);
    return rows[0] ? toRun(rows[0]) : null;
  }

  async listRuns(opts: { from?: string; to?: string; limit?: number; state?: RunRecord['state'] } = {}): Promise<RunRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (opts.from) (values.push(opts.from), where.push(`as_of >= $${values.length}`));
    if (opts.to) (values.push(opts.to), where.push(`as_of < $${values.length}`));
    if (opts.state) (values.push(opts.state), where.push(`state = $${values.length}`));
    values.push(opts.limit ?? 1000);
    const { rows } = await this.q(
      `SELECT * FROM §.runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY as_of DESC, started_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toRun);
  }

  async startSiteRun(runId: string, siteId: string, startedAt: string): Promise<void> {
    await this.q(
      `INSERT INTO §.site_runs (run_id, site_id, state, started_at) VALUES ($1, $2, 'running', $3)
       ON CONFLICT (run_id, site_id) DO UPDATE SET state = 'running', started_at = excluded.started_at`,
      [runId, siteId, startedAt],
    );
  }

  async finishSiteRun(rec: Omit<SiteRunRecord, 'startedAt'>): Promise<void> {
    await this.q(
      `INSERT INTO §.site_runs (run_id, site_id, state, finished_at, score, verdict, scorecard, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (run_id, site_id) DO UPDATE SET state = excluded.state, finished_at = excluded.finished_at,
         score = excluded.score, verdict = excluded.verdict, scorecard = excluded.scorecard, error = excluded.error`,
      [rec.runId, rec.siteId, rec.state, rec.finishedAt, rec.score, rec.verdict, rec.scorecard === null ? null : JSON.stringify(rec.scorecard), rec.error],
    );
  }

  async getSiteRun(runId: string, siteId: string): Promise<SiteRunRecord | null> {
    const { rows } = await this.q('SELECT * FROM §.site_runs WHERE run_id = $1 AND site_id = $2', [runId, siteId]);
    return rows[0] ? toSiteRun(rows[0]) : null;
  }

  async listSiteRuns(runId: string): Promise<SiteRunRecord[]> {
    const { rows } = await this.q('SELECT * FROM §.site_runs WHERE run_id = $1 ORDER BY site_id', [runId]);
    return rows.map(toSiteRun);
  }

  async previousSiteRun(siteId: string, before?: { asOf: string; runId: string }): Promise<SiteRunRecord | null> {
    const { rows } = before
      ? await this.q(
          `SELECT s.* FROM §.site_runs s JOIN §.runs r ON r.id = s.run_id
           WHERE s.site_id = $1 AND s.state = 'done' AND s.run_id <> $2
             AND (r.as_of < $3 OR (r.as_of = $3 AND r.started_at < (SELECT started_at FROM §.runs WHERE id = $2)))
           ORDER BY r.as_of DESC, r.started_at DESC LIMIT 1`,
          [siteId, before.runId, before.asOf],
        )
      : await this.q(
          `SELECT s.* FROM §.site_runs s JOIN §.runs r ON r.id = s.run_id WHERE s.site_id = $1 AND s.state = 'done'
           ORDER BY r.as_of DESC, r.started_at DESC LIMIT 1`,
          [siteId],
        );
    return rows[0] ? toSiteRun(rows[0]) : null;
  }

  async siteHistory(siteId: string, limit: number): Promise<SiteRunRecord[]> {
    const { rows } = await this.q(
      `SELECT s.* FROM §.site_runs s JOIN §.runs r ON r.id = s.run_id WHERE s.site_id = $1 AND s.state = 'done'
       ORDER BY r.as_of DESC, r.started_at DESC LIMIT $2`,
      [siteId, limit],
    );
    return rows.map(toSiteRun);
  }

  async savePages(runId: string, siteId: string, pages: PageArtifact[]): Promise<void> {
    for (let i = 0; i < pages.length; i += 500) {
      const chunk = pages.slice(i, i + 500);
      await this.q(
        `INSERT INTO §.pages (run_id, site_id, url, final_url, status, error, content_type, charset, title, meta, depth, bytes, time_ms, fetched_at)
         SELECT $1, $2, * FROM jsonb_to_recordset($3::jsonb) AS x(url text, final_url text, status int, error text, content_type text, charset text, title text, meta text, depth int, bytes int, time_ms int, fetched_at text)
         ON CONFLICT (run_id, site_id, url) DO UPDATE SET final_url = excluded.final_url, status = excluded.status, error = excluded.error,
           content_type = excluded.content_type, charset = excluded.charset, title = excluded.title, meta = excluded.meta,
           depth = excluded.depth, bytes = excluded.bytes, time_ms = excluded.time_ms, fetched_at = excluded.fetched_at`,
        [
          runId,
          siteId,
          JSON.stringify(
            chunk.map((p) => ({
              url: p.url, final_url: p.finalUrl, status: p.status, error: p.error ?? null, content_type: p.contentType, charset: p.charset,
              title: p.title, meta: JSON.stringify(p.meta), depth: p.depth, bytes: p.bytes, time_ms: Math.round(p.timeMs), fetched_at: p.fetchedAt,
            })),
          ),
        ],
      );
    }
  }

  async saveLinkTargets(runId: string, siteId: string, targets: LinkTarget[]): Promise<void> {
    for (let i = 0; i < targets.length; i += 500) {
      const chunk = targets.slice(i, i + 500);
      await this.q(
        `INSERT INTO §.link_targets (run_id, site_id, url, internal, method, status, error, soft404, on_homepage, found_on)
         SELECT $1, $2, * FROM jsonb_to_recordset($3::jsonb) AS x(url text, internal boolean, method text, status int, error text, soft404 boolean, on_homepage boolean, found_on text)
         ON CONFLICT (run_id, site_id, url) DO UPDATE SET internal = excluded.internal, method = excluded.method, status = excluded.status,
           error = excluded.error, soft404 = excluded.soft404, on_homepage = excluded.on_homepage, found_on = excluded.found_on`,
        [
          runId,
          siteId,
          JSON.stringify(
            chunk.map((t) => ({
              url: t.url, internal: t.internal, method: t.method, status: t.status, error: t.error ?? null, soft404: Boolean(t.soft404),
              on_homepage: t.onHomepage, found_on: JSON.stringify(t.foundOn),
            })),
          ),
        ],
      );
    }
  }

  async countPages(runId: string, siteId?: string): Promise<number> {
    const { rows } = siteId
      ? await this.q('SELECT COUNT(*)::int AS n FROM §.pages WHERE run_id = $1 AND site_id = $2', [runId, siteId])
      : await this.q('SELECT COUNT(*)::int AS n FROM §.pages WHERE run_id = $1', [runId]);
    return rows[0].n as number;
  }

  async saveFindings(runId: string, siteId: string, findings: StoredFinding[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DELETE FROM ${this.schema}.findings WHERE run_id = $1 AND site_id = $2`, [runId, siteId]);
      if (findings.length)
        await client.query(
          `INSERT INTO ${this.schema}.findings (run_id, site_id, identity, check_id, code, severity, review, url, message, evidence, first_seen, state)
           SELECT $1, $2, * FROM jsonb_to_recordset($3::jsonb) AS x(identity text, check_id text, code text, severity text, review boolean, url text, message text, evidence text, first_seen text, state text)
           ON CONFLICT (run_id, site_id, identity) DO NOTHING`,
          [
            runId,
            siteId,
            JSON.stringify(
              findings.map((f) => ({
                identity: f.identity, check_id: f.check, code: f.code, severity: f.severity, review: Boolean(f.review), url: f.url,
                message: f.message, evidence: JSON.stringify(f.evidence), first_seen: f.firstSeen, state: f.state,
              })),
            ),
          ],
        );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async listFindings(runId: string, siteId?: string): Promise<StoredFinding[]> {
    const { rows } = siteId
      ? await this.q('SELECT * FROM §.findings WHERE run_id = $1 AND site_id = $2 ORDER BY site_id, check_id, code, url, identity', [runId, siteId])
      : await this.q('SELECT * FROM §.findings WHERE run_id = $1 ORDER BY site_id, check_id, code, url, identity', [runId]);
    return rows.map(toFinding);
  }

  async upsertRecords(kind: string, records: { key: string; siteKey: string | null; data: unknown; updatedAt: string }[]): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const r of records) {
        const json = JSON.stringify(r.data);
        const { rows } = await client.query(`SELECT data FROM ${this.schema}.records WHERE kind = $1 AND key = $2 FOR UPDATE`, [kind, r.key]);
        if (!rows.length) inserted++;
        else if (rows[0].data !== json) updated++;
        else continue;
        await client.query(
          `INSERT INTO ${this.schema}.records (kind, key, site_key, data, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (kind, key) DO UPDATE SET site_key = excluded.site_key, data = excluded.data, updated_at = excluded.updated_at`,
          [kind, r.key, r.siteKey, json, r.updatedAt],
        );
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
    return { inserted, updated };
  }

  async listRecords<T = unknown>(kind: string, opts: { siteKey?: string } = {}): Promise<{ key: string; siteKey: string | null; data: T; updatedAt: string }[]> {
    const { rows } =
      opts.siteKey !== undefined
        ? await this.q('SELECT * FROM §.records WHERE kind = $1 AND site_key = $2 ORDER BY key COLLATE "C"', [kind, opts.siteKey])
        : await this.q('SELECT * FROM §.records WHERE kind = $1 ORDER BY key COLLATE "C"', [kind]);
    return rows.map((r: Row) => ({ key: r.key as string, siteKey: (r.site_key as string) ?? null, data: JSON.parse(r.data as string) as T, updatedAt: r.updated_at as string }));
  }

  async saveProbes(probes: ProbeRecord[]): Promise<void> {
    for (let i = 0; i < probes.length; i += 500) {
      await this.q(
        `INSERT INTO §.probes (site_id, at, url, ok, status, error, time_ms)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(site_id text, at text, url text, ok boolean, status int, error text, time_ms int)
         ON CONFLICT (site_id, at) DO UPDATE SET url = excluded.url, ok = excluded.ok, status = excluded.status, error = excluded.error, time_ms = excluded.time_ms`,
        [
          JSON.stringify(
            probes.slice(i, i + 500).map((p) => ({
              site_id: p.siteId, at: new Date(p.at).toISOString(), url: p.url, ok: p.ok, status: p.status, error: p.error, time_ms: Math.round(p.timeMs),
            })),
          ),
        ],
      );
    }
  }

  async listProbes(opts: { from: string; to: string; siteId?: string }): Promise<ProbeRecord[]> {
    const from = new Date(opts.from).toISOString();
    const to = new Date(opts.to).toISOString();
    const { rows } =
      opts.siteId !== undefined
        ? await this.q('SELECT * FROM §.probes WHERE site_id = $1 AND at >= $2 AND at < $3 ORDER BY at, site_id COLLATE "C"', [opts.siteId, from, to])
        : await this.q('SELECT * FROM §.probes WHERE at >= $1 AND at < $2 ORDER BY at, site_id COLLATE "C"', [from, to]);
    return rows.map((r: Row) => ({
      siteId: r.site_id as string,
      at: r.at as string,
      url: r.url as string,
      ok: r.ok as boolean,
      status: (r.status as number) ?? null,
      error: (r.error as string) ?? null,
      timeMs: r.time_ms as number,
    }));
  }

  async acquireLock(lock: LockRecord, opts: { staleBefore: string; replace?: string }): Promise<boolean> {
    await this.q(
      `INSERT INTO §.locks AS l (name, holder, pid, host, run_id, acquired_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, host = excluded.host, run_id = excluded.run_id,
         acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at
       WHERE l.holder = excluded.holder OR l.heartbeat_at < $8 OR l.holder = $9`,
      [lock.name, lock.holder, lock.pid, lock.host, lock.runId, lock.acquiredAt, lock.heartbeatAt, opts.staleBefore, opts.replace ?? null],
    );
    return (await this.getLock(lock.name))?.holder === lock.holder;
  }

  async heartbeatLock(name: string, holder: string, at: string, runId?: string | null): Promise<boolean> {
    const { rowCount } =
      runId === undefined
        ? await this.q('UPDATE §.locks SET heartbeat_at = $1 WHERE name = $2 AND holder = $3', [at, name, holder])
        : await this.q('UPDATE §.locks SET heartbeat_at = $1, run_id = $2 WHERE name = $3 AND holder = $4', [at, runId, name, holder]);
    return rowCount === 1;
  }

  async releaseLock(name: string, holder: string): Promise<boolean> {
    const { rowCount } = await this.q('DELETE FROM §.locks WHERE name = $1 AND holder = $2', [name, holder]);
    return rowCount === 1;
  }

  async getLock(name: string): Promise<LockRecord | null> {
    const { rows } = await this.q('SELECT * FROM §.locks WHERE name = $1', [name]);
    const r = rows[0] as Row | undefined;
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
    const client = await this.pool.connect();
    const old = `SELECT id FROM ${this.schema}.runs WHERE started_at < $1 AND state IN ('done', 'failed', 'interrupted')`;
    try {
      await client.query('BEGIN');
      const pages = (await client.query(`DELETE FROM ${this.schema}.pages WHERE run_id IN (${old})`, [cutoff])).rowCount ?? 0;
      const linkTargets = (await client.query(`DELETE FROM ${this.schema}.link_targets WHERE run_id IN (${old})`, [cutoff])).rowCount ?? 0;
      const probes = (await client.query(`DELETE FROM ${this.schema}.probes WHERE at < $1`, [cutoff])).rowCount ?? 0;
      await client.query('COMMIT');
      return { pages, linkTargets, probes };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => {});
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
    score: r.score === null || r.score === undefined ? null : Number(r.score),
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
