// The one Store implementation: every query and row mapping, written once with Kysely. A StoreDialect
// (store/sqlite.ts, store/postgres.ts) supplies the connection and the few things that differ between SQLite and
// PostgreSQL: how a JSON column reads back, how text orders, and whether rows read for an update are locked.
import { isDeepStrictEqual } from 'node:util';
import type { Expression, Kysely, Selectable } from 'kysely';
import type { LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import { rowsWrite, type BulkWriter, type RowsWrite } from './bulk.ts';
import type { FindingsTable, LinkTargetsTable, LocksTable, NotifyOutboxTable, PagesTable, ProbesTable, ReviewDecisionsTable, RunsTable, SiteRunsTable, Tables, UsersTable } from './schema.ts';
import type {
  AuditEntry,
  LinkCheckRecord,
  LockRecord,
  NotificationRecord,
  NotificationState,
  PageCacheRecord,
  ProbeRecord,
  PurgeCounts,
  RunRecord,
  ReviewDecisionRecord,
  RunState,
  SessionRecord,
  SiteRunRecord,
  Store,
  StoredFinding,
  StoredPage,
  StoredRecord,
  UserRecord,
} from './types.ts';

/** What a dialect configuration gives the store. */
export interface StoreDialect {
  readonly kind: 'sqlite' | 'postgres';
  readonly db: Kysely<Tables>;
  /** JSON columns read back as text to parse (SQLite) rather than parsed by the driver (PostgreSQL jsonb). */
  readonly jsonAsText: boolean;
  /** Rows read to decide an update are locked (`FOR UPDATE`); SQLite's write transaction already excludes writers. */
  readonly lockRows: boolean;
  /** Writes many rows of one shape inside a transaction (store/bulk.ts). */
  readonly bulk: BulkWriter;
  /** A text column or expression to order by code point, as SQLite orders text (PostgreSQL: `COLLATE "C"`). */
  binary(col: string | Expression<string | null>): Expression<string>;
  /** Releases the connection(s). */
  destroy(): Promise<void>;
}

/** Keys per `IN (…)` list. */
const KEYS_PER_QUERY = 500;

export class KyselyStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  protected readonly kysely: Kysely<Tables>;
  private closed = false;

  constructor(protected readonly dialect: StoreDialect) {
    this.kind = dialect.kind;
    this.kysely = dialect.db;
  }

  // ---- runs ----

  async createRun(run: { id: string; kind: string; asOf: string; startedAt: string; siteIds: string[]; state?: RunState }): Promise<RunRecord> {
    await this.kysely
      .insertInto('runs')
      .values({ id: run.id, kind: run.kind, state: run.state ?? 'running', as_of: time(run.asOf), started_at: time(run.startedAt), site_ids: json(run.siteIds) })
      .execute();
    return (await this.getRun(run.id))!;
  }

  async updateRun(id: string, patch: Partial<Pick<RunRecord, 'state' | 'finishedAt' | 'summary' | 'error'>>): Promise<void> {
    const set = {
      ...(patch.state !== undefined ? { state: patch.state } : {}),
      ...(patch.finishedAt !== undefined ? { finished_at: timeOrNull(patch.finishedAt) } : {}),
      ...(patch.summary !== undefined ? { summary: jsonOrNull(patch.summary) } : {}),
      ...(patch.error !== undefined ? { error: text(patch.error) } : {}),
    };
    if (!Object.keys(set).length) return;
    await this.kysely.updateTable('runs').set(set).where('id', '=', id).execute();
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const row = await this.kysely.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.toRun(row) : null;
  }

  async listRuns(opts: { from?: string; to?: string; limit?: number; state?: RunState } = {}): Promise<RunRecord[]> {
    const rows = await this.kysely
      .selectFrom('runs')
      .selectAll()
      .$if(opts.from !== undefined, (q) => q.where('as_of', '>=', time(opts.from!)))
      .$if(opts.to !== undefined, (q) => q.where('as_of', '<', time(opts.to!)))
      .$if(opts.state !== undefined, (q) => q.where('state', '=', opts.state!))
      .orderBy('as_of', 'desc')
      .orderBy('started_at', 'desc')
      .orderBy(this.dialect.binary('id'), 'desc')
      .limit(opts.limit ?? 1000)
      .execute();
    return rows.map((r) => this.toRun(r));
  }

  // ---- site runs ----

  async startSiteRun(runId: string, siteId: string, startedAt: string): Promise<void> {
    await this.kysely
      .insertInto('site_runs')
      .values({ run_id: runId, site_id: siteId, state: 'running', started_at: time(startedAt) })
      .onConflict((oc) => oc.columns(['run_id', 'site_id']).doUpdateSet((eb) => ({ state: 'running', started_at: eb.ref('excluded.started_at') })))
      .execute();
  }

  async finishSiteRun(rec: Omit<SiteRunRecord, 'startedAt'>): Promise<void> {
    await finishSiteRunIn(this.kysely, rec);
  }

  async saveSiteResult(rec: Omit<SiteRunRecord, 'startedAt'>, findings: StoredFinding[]): Promise<void> {
    await this.kysely.transaction().execute(async (trx) => {
      await this.replaceFindingsIn(trx, rec.runId, rec.siteId, findings);
      await finishSiteRunIn(trx, rec);
    });
  }

  async getSiteRun(runId: string, siteId: string): Promise<SiteRunRecord | null> {
    const row = await this.kysely.selectFrom('site_runs').selectAll().where('run_id', '=', runId).where('site_id', '=', siteId).executeTakeFirst();
    return row ? this.toSiteRun(row) : null;
  }

  async listSiteRuns(runId: string): Promise<SiteRunRecord[]> {
    const rows = await this.kysely.selectFrom('site_runs').selectAll().where('run_id', '=', runId).orderBy(this.dialect.binary('site_id')).execute();
    return rows.map((r) => this.toSiteRun(r));
  }

  async listSiteRunsBetween(opts: { from: string; to: string; runStates?: RunState[]; state?: RunState }): Promise<(SiteRunRecord & { asOf: string })[]> {
    if (opts.runStates?.length === 0) return [];
    const rows = await this.newestFirst()
      .selectAll('s')
      .select('r.as_of')
      .where('r.as_of', '>=', time(opts.from))
      .where('r.as_of', '<', time(opts.to))
      .$if(opts.runStates !== undefined, (q) => q.where('r.state', 'in', opts.runStates!))
      .$if(opts.state !== undefined, (q) => q.where('s.state', '=', opts.state!))
      .execute();
    return rows.map((r) => ({ ...this.toSiteRun(r), asOf: readTime(r.as_of) }));
  }

  async previousSiteRun(siteId: string, before?: { asOf: string; runId: string }): Promise<SiteRunRecord | null> {
    const row = await this.newestFirst()
      .selectAll('s')
      .where('s.site_id', '=', siteId)
      .where('s.state', '=', 'done')
      .$if(before !== undefined, (q) =>
        q
          .where('s.run_id', '<>', before!.runId)
          .where((eb) =>
            eb.or([
              eb('r.as_of', '<', time(before!.asOf)),
              eb.and([eb('r.as_of', '=', time(before!.asOf)), eb('r.started_at', '<', eb.selectFrom('runs').select('started_at').where('id', '=', before!.runId))]),
            ]),
          ),
      )
      .limit(1)
      .executeTakeFirst();
    return row ? this.toSiteRun(row) : null;
  }

  async siteHistory(siteId: string, limit: number): Promise<SiteRunRecord[]> {
    const rows = await this.newestFirst().selectAll('s').where('s.site_id', '=', siteId).where('s.state', '=', 'done').limit(limit).execute();
    return rows.map((r) => this.toSiteRun(r));
  }

  /** Site runs joined to their run, newest audit clock first. */
  private newestFirst() {
    return this.kysely
      .selectFrom('site_runs as s')
      .innerJoin('runs as r', 'r.id', 's.run_id')
      .orderBy('r.as_of', 'desc')
      .orderBy('r.started_at', 'desc')
      .orderBy(this.dialect.binary('s.run_id'), 'desc')
      .orderBy(this.dialect.binary('s.site_id'));
  }

  // ---- raw data of a site run ----

  async savePages(runId: string, siteId: string, pages: PageArtifact[]): Promise<void> {
    await this.writeRows(pagesWrite, pages, { runId, siteId });
  }

  async saveLinkTargets(runId: string, siteId: string, targets: LinkTarget[]): Promise<void> {
    await this.writeRows(linkTargetsWrite, targets, { runId, siteId });
  }

  async countPages(runId: string, siteId?: string): Promise<number> {
    const row = await this.kysely
      .selectFrom('pages')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('run_id', '=', runId)
      .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId!))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listPages(runId: string, siteId: string): Promise<StoredPage[]> {
    const rows = await this.kysely.selectFrom('pages').selectAll().where('run_id', '=', runId).where('site_id', '=', siteId).orderBy(this.dialect.binary('url')).execute();
    return rows.map((r) => this.toPage(r));
  }

  async listLinkTargets(runId: string, siteId: string): Promise<LinkTarget[]> {
    const rows = await this.kysely.selectFrom('link_targets').selectAll().where('run_id', '=', runId).where('site_id', '=', siteId).orderBy(this.dialect.binary('url')).execute();
    return rows.map((r) => this.toLinkTarget(r));
  }

  // ---- findings ----

  async saveFindings(runId: string, siteId: string, findings: StoredFinding[]): Promise<void> {
    await this.kysely.transaction().execute((trx) => this.replaceFindingsIn(trx, runId, siteId, findings));
  }

  async listFindings(runId: string, siteId?: string): Promise<StoredFinding[]> {
    const b = this.dialect.binary;
    const rows = await this.kysely
      .selectFrom('findings')
      .selectAll()
      .where('run_id', '=', runId)
      .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId!))
      .orderBy(b('site_id'))
      .orderBy(b('check_id'))
      .orderBy(b('code'))
      .orderBy((eb) => b(eb.fn.coalesce('url', eb.val(''))))
      .orderBy(b('identity'))
      .execute();
    return rows.map((r) => this.toFinding(r));
  }

  // ---- keyed records ----

  async upsertRecords(kind: string, records: StoredRecord[]): Promise<{ inserted: number; updated: number }> {
    const wanted = lastByKey(records, (r) => r.key).map((r) => ({ key: text(r.key), siteKey: text(r.siteKey), data: json(r.data), updatedAt: time(r.updatedAt) }));
    return this.kysely.transaction().execute(async (trx) => {
      const stored = new Map<string, { siteKey: string | null; data: unknown }>();
      for (const keys of chunks(wanted.map((r) => r.key), KEYS_PER_QUERY)) {
        const rows = await trx
          .selectFrom('records')
          .select(['key', 'site_key', 'data'])
          .where('kind', '=', kind)
          .where('key', 'in', keys)
          .$if(this.dialect.lockRows, (q) => q.forUpdate())
          .execute();
        for (const r of rows) stored.set(r.key, { siteKey: r.site_key, data: this.readJson(r.data) });
      }
      let inserted = 0;
      let updated = 0;
      const changed = wanted.filter((r) => {
        const old = stored.get(r.key);
        if (!old) inserted++;
        else if (old.siteKey !== r.siteKey || !isDeepStrictEqual(old.data, JSON.parse(r.data))) updated++;
        else return false;
        return true;
      });
      await this.dialect.bulk(trx, recordsWrite, changed, kind);
      return { inserted, updated };
    });
  }

  async listRecords<T = unknown>(kind: string, opts: { siteKey?: string } = {}): Promise<StoredRecord<T>[]> {
    const rows = await this.kysely
      .selectFrom('records')
      .selectAll()
      .where('kind', '=', kind)
      .$if(opts.siteKey !== undefined, (q) => q.where('site_key', '=', opts.siteKey!))
      .orderBy(this.dialect.binary('key'))
      .execute();
    return rows.map((r) => ({ key: r.key, siteKey: r.site_key, data: this.readJson(r.data) as T, updatedAt: readTime(r.updated_at) }));
  }

  // ---- probes ----

  async saveProbes(probes: ProbeRecord[]): Promise<void> {
    await this.writeRows(probesWrite, probes, undefined);
  }

  async listProbes(opts: { from: string; to: string; siteId?: string }): Promise<ProbeRecord[]> {
    const rows = await this.kysely
      .selectFrom('probes')
      .selectAll()
      .where('at', '>=', time(opts.from))
      .where('at', '<', time(opts.to))
      .$if(opts.siteId !== undefined, (q) => q.where('site_id', '=', opts.siteId!))
      .orderBy('at')
      .orderBy(this.dialect.binary('site_id'))
      .execute();
    return rows.map(toProbe);
  }

  // ---- named locks ----

  async acquireLock(lock: LockRecord, opts: { staleBefore: string; replace?: string }): Promise<boolean> {
    await this.kysely
      .insertInto('locks')
      .values({
        name: lock.name,
        holder: lock.holder,
        pid: lock.pid,
        host: text(lock.host),
        run_id: lock.runId,
        acquired_at: time(lock.acquiredAt),
        heartbeat_at: time(lock.heartbeatAt),
      })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => excluded(eb, ['holder', 'pid', 'host', 'run_id', 'acquired_at', 'heartbeat_at'] as const))
          .where((eb) =>
            eb.or([
              eb('locks.holder', '=', eb.ref('excluded.holder')),
              eb('locks.heartbeat_at', '<', time(opts.staleBefore)),
              ...(opts.replace !== undefined ? [eb('locks.holder', '=', opts.replace)] : []),
            ]),
          ),
      )
      .execute();
    return (await this.getLock(lock.name))?.holder === lock.holder;
  }

  async heartbeatLock(name: string, holder: string, at: string, runId?: string | null): Promise<boolean> {
    const result = await this.kysely
      .updateTable('locks')
      .set({ heartbeat_at: time(at), ...(runId !== undefined ? { run_id: runId } : {}) })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseLock(name: string, holder: string): Promise<boolean> {
    const result = await this.kysely.deleteFrom('locks').where('name', '=', name).where('holder', '=', holder).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async getLock(name: string): Promise<LockRecord | null> {
    const r = await this.kysely.selectFrom('locks').selectAll().where('name', '=', name).executeTakeFirst();
    return r ? toLock(r) : null;
  }

  // ---- notification outbox ----

  async enqueueNotifications(items: Pick<NotificationRecord, 'id' | 'eventKey' | 'channel' | 'kind' | 'urgent' | 'message' | 'createdAt' | 'nextAt'>[]): Promise<string[]> {
    const wanted = lastByKey(items, (i) => i.id);
    if (!wanted.length) return [];
    return this.kysely.transaction().execute(async (trx) => {
      const added: string[] = [];
      for (const i of wanted) {
        const at = time(i.createdAt);
        const r = await trx
          .insertInto('notify_outbox')
          .values({
            id: text(i.id),
            event_key: text(i.eventKey),
            channel: i.channel,
            kind: i.kind,
            urgent: flag(i.urgent),
            message: json(i.message),
            state: 'pending',
            attempts: 0,
            created_at: at,
            next_at: time(i.nextAt),
            updated_at: at,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0n) === 1) added.push(i.id);
      }
      return added;
    });
  }

  async claimNotification(id: string, at: string): Promise<boolean> {
    const r = await this.kysely
      .updateTable('notify_outbox')
      .set((eb) => ({ state: 'sending', attempts: eb('attempts', '+', 1), updated_at: time(at) }))
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .where('next_at', '<=', time(at))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async settleNotification(id: string, outcome: { state: 'sent' | 'failed' | 'pending'; at: string; nextAt?: string; error?: string | null }): Promise<void> {
    await this.kysely
      .updateTable('notify_outbox')
      .set({
        state: outcome.state,
        updated_at: time(outcome.at),
        ...(outcome.state === 'sent' ? { sent_at: time(outcome.at), last_error: null } : {}),
        ...(outcome.nextAt !== undefined ? { next_at: time(outcome.nextAt) } : {}),
        ...(outcome.error !== undefined ? { last_error: text(outcome.error) } : {}),
      })
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .execute();
  }

  async listNotifications(opts: { states?: NotificationState[]; dueAt?: string; limit?: number } = {}): Promise<NotificationRecord[]> {
    const rows = await this.kysely
      .selectFrom('notify_outbox')
      .selectAll()
      .$if(opts.states !== undefined, (q) => q.where('state', 'in', opts.states!.length ? opts.states! : ['']))
      .$if(opts.dueAt !== undefined, (q) => q.where('next_at', '<=', time(opts.dueAt!)))
      .orderBy('created_at')
      .orderBy(this.dialect.binary('id'))
      .limit(opts.limit ?? 1000)
      .execute();
    return rows.map((r) => this.toNotification(r));
  }

  // ---- dashboard users, sessions, audit log ----

  async createUser(u: UserRecord): Promise<void> {
    await this.kysely.insertInto('users').values(userRow(u)).execute();
  }

  async updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'username' | 'createdAt' | 'createdBy'>>): Promise<void> {
    const set = {
      ...(patch.displayName !== undefined ? { display_name: text(patch.displayName) } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.unit !== undefined ? { unit: text(patch.unit) } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      ...(patch.disabledAt !== undefined ? { disabled_at: timeOrNull(patch.disabledAt) } : {}),
      ...(patch.failedLogins !== undefined ? { failed_logins: patch.failedLogins } : {}),
      ...(patch.lockedUntil !== undefined ? { locked_until: timeOrNull(patch.lockedUntil) } : {}),
    };
    if (!Object.keys(set).length) return;
    await this.kysely.updateTable('users').set(set).where('id', '=', id).execute();
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const r = await this.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async findUser(username: string): Promise<UserRecord | null> {
    const r = await this.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.kysely.selectFrom('users').selectAll().orderBy(this.dialect.binary('username')).execute();
    return rows.map(toUser);
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.kysely
      .insertInto('sessions')
      .values({ id_hash: s.idHash, user_id: s.userId, csrf: s.csrf, created_at: time(s.createdAt), expires_at: time(s.expiresAt) })
      .execute();
  }

  async getSession(idHash: string): Promise<SessionRecord | null> {
    const r = await this.kysely.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r ? { idHash: r.id_hash, userId: r.user_id, csrf: r.csrf, createdAt: readTime(r.created_at), expiresAt: readTime(r.expires_at) } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.kysely.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.kysely.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async saveReviewDecision(d: ReviewDecisionRecord): Promise<void> {
    await this.kysely
      .insertInto('review_decisions')
      .values({ site_id: d.siteId, identity: d.identity, kind: d.kind, by_user: text(d.by), at: time(d.at), reason: text(d.reason), until: d.until, evidence_hash: d.evidenceHash })
      .onConflict((oc) => oc.columns(['site_id', 'identity']).doUpdateSet((eb) => excluded(eb, ['kind', 'by_user', 'at', 'reason', 'until', 'evidence_hash'] as const)))
      .execute();
  }

  async deleteReviewDecision(siteId: string, identity: string): Promise<void> {
    await this.kysely.deleteFrom('review_decisions').where('site_id', '=', siteId).where('identity', '=', identity).execute();
  }

  async listReviewDecisions(): Promise<ReviewDecisionRecord[]> {
    const rows = await this.kysely.selectFrom('review_decisions').selectAll().orderBy(this.dialect.binary('site_id')).orderBy(this.dialect.binary('identity')).execute();
    return rows.map(toDecision);
  }

  async importReviewDecisions(
    ds: ReviewDecisionRecord[],
    audit: (counts: { inserted: number; updated: number; unchanged: number }) => AuditEntry,
  ): Promise<{ inserted: number; updated: number; unchanged: number }> {
    const key = (d: { siteId: string; identity: string }) => `${d.siteId}\0${d.identity}`;
    const wanted = lastByKey(ds, key).map((d) => ({ ...d, by: text(d.by), at: time(d.at), reason: text(d.reason) }));
    return this.kysely.transaction().execute(async (trx) => {
      const stored = new Map((await trx.selectFrom('review_decisions').selectAll().$if(this.dialect.lockRows, (q) => q.forUpdate()).execute()).map((r) => [key(toDecision(r)), toDecision(r)]));
      const counts = { inserted: 0, updated: 0, unchanged: 0 };
      for (const d of wanted) {
        const old = stored.get(key(d));
        if (old && isDeepStrictEqual(old, d)) {
          counts.unchanged++;
          continue;
        }
        counts[old ? 'updated' : 'inserted']++;
        await trx
          .insertInto('review_decisions')
          .values({ site_id: d.siteId, identity: d.identity, kind: d.kind, by_user: d.by, at: d.at, reason: d.reason, until: d.until, evidence_hash: d.evidenceHash })
          .onConflict((oc) => oc.columns(['site_id', 'identity']).doUpdateSet((eb) => excluded(eb, ['kind', 'by_user', 'at', 'reason', 'until', 'evidence_hash'] as const)))
          .execute();
      }
      const e = audit(counts);
      await trx
        .insertInto('audit_log')
        .values({ id: e.id, at: time(e.at), actor: text(e.actor), action: e.action, site_id: e.siteId, target: text(e.target), detail: jsonOrNull(e.detail) })
        .execute();
      return counts;
    });
  }

  async appendAudit(e: AuditEntry): Promise<void> {
    await this.kysely
      .insertInto('audit_log')
      .values({ id: e.id, at: time(e.at), actor: text(e.actor), action: e.action, site_id: e.siteId, target: text(e.target), detail: jsonOrNull(e.detail) })
      .execute();
  }

  async listAudit(opts: { limit?: number; siteIds?: string[] } = {}): Promise<AuditEntry[]> {
    if (opts.siteIds?.length === 0) return [];
    const rows = await this.kysely
      .selectFrom('audit_log')
      .selectAll()
      .$if(opts.siteIds !== undefined, (q) => q.where('site_id', 'in', opts.siteIds!))
      .orderBy('at', 'desc')
      .orderBy(this.dialect.binary('id'), 'desc')
      .limit(opts.limit ?? 1000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      at: readTime(r.at),
      actor: r.actor,
      action: r.action,
      siteId: r.site_id,
      target: r.target,
      detail: this.readJsonOrNull(r.detail) as Record<string, unknown> | null,
    }));
  }

  // ---- housekeeping ----

  async listPageCache(siteId: string): Promise<Omit<PageCacheRecord, 'payload'>[]> {
    const rows = await this.kysely
      .selectFrom('page_cache')
      .select(['site_id', 'url', 'etag', 'last_modified', 'content_hash', 'fetched_at'])
      .where('site_id', '=', siteId)
      .orderBy(this.dialect.binary('url'))
      .execute();
    return rows.map((r) => ({ siteId: r.site_id, url: r.url, etag: r.etag, lastModified: r.last_modified, contentHash: r.content_hash, fetchedAt: readTime(r.fetched_at) }));
  }

  async getPageCache(siteId: string, url: string): Promise<PageCacheRecord | null> {
    const r = await this.kysely.selectFrom('page_cache').selectAll().where('site_id', '=', siteId).where('url', '=', url).executeTakeFirst();
    if (!r) return null;
    return { siteId: r.site_id, url: r.url, etag: r.etag, lastModified: r.last_modified, contentHash: r.content_hash, fetchedAt: readTime(r.fetched_at), payload: r.payload };
  }

  async savePageCache(records: PageCacheRecord[]): Promise<void> {
    const rows = lastByKey(records, (r) => `${r.siteId}\n${r.url}`).map((r) => ({
      site_id: r.siteId,
      url: text(r.url),
      etag: text(r.etag),
      last_modified: text(r.lastModified),
      content_hash: r.contentHash,
      fetched_at: time(r.fetchedAt),
      payload: r.payload,
    }));
    if (!rows.length) return;
    await this.kysely.transaction().execute(async (trx) => {
      for (const chunk of chunks(rows, 500))
        await trx
          .insertInto('page_cache')
          .values(chunk)
          .onConflict((oc) => oc.columns(['site_id', 'url']).doUpdateSet((eb) => excluded(eb, ['etag', 'last_modified', 'content_hash', 'fetched_at', 'payload'] as const)))
          .execute();
    });
  }

  async listLinkChecks(siteId: string): Promise<LinkCheckRecord[]> {
    const rows = await this.kysely.selectFrom('link_check_cache').selectAll().where('site_id', '=', siteId).orderBy(this.dialect.binary('url')).execute();
    return rows.map((r) => ({
      siteId: r.site_id,
      url: r.url,
      checkedAt: readTime(r.checked_at),
      healthy: r.healthy === true || r.healthy === 1,
      outcome: this.readJson(r.outcome) as Record<string, unknown>,
    }));
  }

  async saveLinkChecks(records: LinkCheckRecord[]): Promise<void> {
    const rows = lastByKey(records, (r) => `${r.siteId}\n${r.url}`).map((r) => ({
      site_id: r.siteId,
      url: text(r.url),
      checked_at: time(r.checkedAt),
      healthy: flag(r.healthy),
      outcome: json(r.outcome),
    }));
    if (!rows.length) return;
    await this.kysely.transaction().execute(async (trx) => {
      for (const chunk of chunks(rows, 1000))
        await trx
          .insertInto('link_check_cache')
          .values(chunk)
          .onConflict((oc) => oc.columns(['site_id', 'url']).doUpdateSet((eb) => excluded(eb, ['checked_at', 'healthy', 'outcome'] as const)))
          .execute();
    });
  }

  async deleteCrawlCache(siteId: string, urls: { pages: string[]; links: string[] }): Promise<void> {
    if (!urls.pages.length && !urls.links.length) return;
    await this.kysely.transaction().execute(async (trx) => {
      for (const chunk of chunks(urls.pages.map((u) => text(u)), 500)) await trx.deleteFrom('page_cache').where('site_id', '=', siteId).where('url', 'in', chunk).execute();
      for (const chunk of chunks(urls.links.map((u) => text(u)), 500)) await trx.deleteFrom('link_check_cache').where('site_id', '=', siteId).where('url', 'in', chunk).execute();
    });
  }

  async purgeRawData(before: string): Promise<PurgeCounts> {
    const cutoff = time(before);
    return this.kysely.transaction().execute(async (trx) => {
      const old = trx.selectFrom('runs').select('id').where('started_at', '<', cutoff).where('state', 'in', ['done', 'failed', 'interrupted']);
      const pages = await trx.deleteFrom('pages').where('run_id', 'in', old).executeTakeFirst();
      const linkTargets = await trx.deleteFrom('link_targets').where('run_id', 'in', old).executeTakeFirst();
      const probes = await trx.deleteFrom('probes').where('at', '<', cutoff).executeTakeFirst();
      const notifications = await trx.deleteFrom('notify_outbox').where('state', 'in', ['sent', 'failed']).where('updated_at', '<', cutoff).executeTakeFirst();
      return {
        pages: Number(pages.numDeletedRows),
        linkTargets: Number(linkTargets.numDeletedRows),
        probes: Number(probes.numDeletedRows),
        notifications: Number(notifications.numDeletedRows),
      };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.dialect.destroy();
  }

  // ---- helpers ----

  /** Writes items of one shape in one transaction. */
  private async writeRows<I, C>(write: RowsWrite<I, C>, items: readonly I[], ctx: C): Promise<void> {
    if (!items.length) return;
    await this.kysely.transaction().execute((trx) => this.dialect.bulk(trx, write, items, ctx));
  }

  /** Replaces a site run's findings (inside the caller's transaction); of two with one identity the later is kept. */
  private async replaceFindingsIn(db: Kysely<Tables>, runId: string, siteId: string, findings: StoredFinding[]): Promise<void> {
    await db.deleteFrom('findings').where('run_id', '=', runId).where('site_id', '=', siteId).execute();
    if (findings.length) await this.dialect.bulk(db, findingsWrite, findings, { runId, siteId });
  }

  private readJson(v: unknown): unknown {
    return this.dialect.jsonAsText && typeof v === 'string' ? JSON.parse(v) : v;
  }

  private readJsonOrNull(v: unknown): unknown {
    return v === null || v === undefined ? null : this.readJson(v);
  }

  // ---- row mapping (once for both dialects) ----

  private toNotification(r: Selectable<NotifyOutboxTable>): NotificationRecord {
    return {
      id: r.id,
      eventKey: r.event_key,
      channel: r.channel,
      kind: r.kind,
      urgent: Boolean(r.urgent),
      message: this.readJson(r.message) as NotificationRecord['message'],
      state: r.state as NotificationState,
      attempts: r.attempts,
      createdAt: readTime(r.created_at),
      nextAt: readTime(r.next_at),
      updatedAt: readTime(r.updated_at),
      sentAt: readTimeOrNull(r.sent_at),
      lastError: r.last_error,
    };
  }

  private toRun(r: Selectable<RunsTable>): RunRecord {
    return {
      id: r.id,
      kind: r.kind,
      state: r.state as RunState,
      asOf: readTime(r.as_of),
      startedAt: readTime(r.started_at),
      finishedAt: readTimeOrNull(r.finished_at),
      siteIds: this.readJson(r.site_ids) as string[],
      summary: this.readJsonOrNull(r.summary) as Record<string, unknown> | null,
      error: r.error,
    };
  }

  private toSiteRun(r: Selectable<SiteRunsTable>): SiteRunRecord {
    return {
      runId: r.run_id,
      siteId: r.site_id,
      state: r.state as RunState,
      startedAt: readTimeOrNull(r.started_at),
      finishedAt: readTimeOrNull(r.finished_at),
      score: r.score === null ? null : Number(r.score),
      verdict: r.verdict,
      scorecard: this.readJsonOrNull(r.scorecard),
      error: r.error,
    };
  }

  private toFinding(r: Selectable<FindingsTable>): StoredFinding {
    const waived = this.readJsonOrNull(r.waived);
    const confirmed = this.readJsonOrNull(r.confirmed);
    const indicators = this.readJsonOrNull(r.indicators);
    return {
      check: r.check_id,
      code: r.code,
      severity: r.severity as StoredFinding['severity'],
      ...(r.review ? { review: true as const } : {}),
      siteId: r.site_id,
      url: r.url,
      message: r.message,
      evidence: this.readJson(r.evidence) as Record<string, unknown>,
      identity: r.identity,
      firstSeen: readTime(r.first_seen),
      state: r.state as StoredFinding['state'],
      ...(waived !== null ? { waived: waived as NonNullable<StoredFinding['waived']> } : {}),
      ...(confirmed !== null ? { confirmed: confirmed as NonNullable<StoredFinding['confirmed']> } : {}),
      ...(indicators !== null ? { indicators: indicators as string[] } : {}),
    };
  }

  private toPage(r: Selectable<PagesTable>): StoredPage {
    return {
      url: r.url,
      finalUrl: r.final_url,
      status: r.status,
      error: r.error,
      contentType: r.content_type,
      charset: r.charset,
      title: r.title,
      meta: (this.readJsonOrNull(r.meta) ?? {}) as Record<string, string>,
      depth: r.depth,
      bytes: r.bytes,
      timeMs: r.time_ms,
      fetchedAt: readTimeOrNull(r.fetched_at),
    };
  }

  private toLinkTarget(r: Selectable<LinkTargetsTable>): LinkTarget {
    return {
      url: r.url,
      internal: Boolean(r.internal),
      method: (r.method ?? 'GET') as LinkTarget['method'],
      status: r.status,
      ...(r.error !== null ? { error: r.error as NonNullable<LinkTarget['error']> } : {}),
      ...(r.error_message !== null ? { errorMessage: r.error_message } : {}),
      ...(r.final_url !== null ? { finalUrl: r.final_url } : {}),
      redirects: r.redirects ?? 0,
      ...(r.soft404_signals !== null ? { soft404Signals: this.readJsonOrNull(r.soft404_signals) as NonNullable<LinkTarget['soft404Signals']> } : {}),
      ...(r.rate_limited !== null ? { rateLimited: this.readJsonOrNull(r.rate_limited) as NonNullable<LinkTarget['rateLimited']> } : {}),
      foundOn: (this.readJsonOrNull(r.found_on) ?? []) as string[],
      onHomepage: Boolean(r.on_homepage),
      tags: (this.readJsonOrNull(r.tags) ?? []) as LinkTarget['tags'],
      ...(r.skipped !== null ? { skipped: r.skipped } : {}),
    };
  }
}

// ---- the bulk writes (store/bulk.ts): each column's kind and value ----

type SiteRunKey = { runId: string; siteId: string };
const runId = ['text', (_: unknown, c: SiteRunKey) => c.runId] as const;
const siteId = ['text', (_: unknown, c: SiteRunKey) => c.siteId] as const;

const pagesWrite = rowsWrite<PageArtifact, SiteRunKey>(
  'pages',
  {
    run_id: runId,
    site_id: siteId,
    url: ['text', (p) => text(p.url)],
    final_url: ['text', (p) => text(p.finalUrl)],
    status: ['integer', (p) => p.status],
    error: ['text', (p) => p.error ?? null],
    content_type: ['text', (p) => text(p.contentType)],
    charset: ['text', (p) => text(p.charset)],
    title: ['text', (p) => text(p.title)],
    meta: ['json', (p) => json(p.meta)],
    depth: ['integer', (p) => p.depth],
    bytes: ['integer', (p) => p.bytes],
    time_ms: ['integer', (p) => Math.round(p.timeMs)],
    fetched_at: ['time', (p) => lenientTime(p.fetchedAt)],
  },
  ['run_id', 'site_id', 'url'],
);

const linkTargetsWrite = rowsWrite<LinkTarget, SiteRunKey>(
  'link_targets',
  {
    run_id: runId,
    site_id: siteId,
    url: ['text', (t) => text(t.url)],
    internal: ['flag', (t) => flag(t.internal)],
    method: ['text', (t) => t.method],
    status: ['integer', (t) => t.status],
    error: ['text', (t) => t.error ?? null],
    on_homepage: ['flag', (t) => flag(t.onHomepage)],
    found_on: ['json', (t) => json(t.foundOn)],
    final_url: ['text', (t) => text(t.finalUrl ?? null)],
    redirects: ['integer', (t) => t.redirects],
    error_message: ['text', (t) => text(t.errorMessage ?? null)],
    tags: ['json', (t) => json(t.tags)],
    skipped: ['text', (t) => text(t.skipped ?? null)],
    soft404_signals: ['json', (t) => jsonOrNull(t.soft404Signals)],
    rate_limited: ['json', (t) => jsonOrNull(t.rateLimited)],
  },
  ['run_id', 'site_id', 'url'],
);

/** Written after the site run's findings are deleted; an upsert only so that of two with one identity the last is kept. */
const findingsWrite = rowsWrite<StoredFinding, SiteRunKey>('findings', {
  run_id: runId,
  site_id: siteId,
  identity: ['text', (f) => f.identity],
  check_id: ['text', (f) => f.check],
  code: ['text', (f) => f.code],
  severity: ['text', (f) => f.severity],
  review: ['flag', (f) => flag(f.review)],
  url: ['text', (f) => text(f.url)],
  message: ['text', (f) => text(f.message)],
  evidence: ['json', (f) => json(f.evidence)],
  first_seen: ['time', (f) => time(f.firstSeen)],
  state: ['text', (f) => f.state],
  waived: ['json', (f) => jsonOrNull(f.waived)],
  confirmed: ['json', (f) => jsonOrNull(f.confirmed)],
  indicators: ['json', (f) => jsonOrNull(f.indicators)],
}, ['run_id', 'site_id', 'identity']);

/** Records arrive with their values already written (upsertRecords compares them first). */
const recordsWrite = rowsWrite<{ key: string; siteKey: string | null; data: string; updatedAt: string }, string>(
  'records',
  {
    kind: ['text', (_, kind) => kind],
    key: ['text', (r) => r.key],
    site_key: ['text', (r) => r.siteKey],
    data: ['json', (r) => r.data],
    updated_at: ['time', (r) => r.updatedAt],
  },
  ['kind', 'key'],
);

const probesWrite = rowsWrite<ProbeRecord, undefined>(
  'probes',
  {
    site_id: ['text', (p) => p.siteId],
    at: ['time', (p) => time(p.at)],
    url: ['text', (p) => text(p.url)],
    ok: ['flag', (p) => flag(p.ok)],
    status: ['integer', (p) => p.status],
    error: ['text', (p) => p.error],
    time_ms: ['integer', (p) => Math.round(p.timeMs)],
  },
  ['site_id', 'at'],
);

/** `SET col = excluded.col` for each column of an upsert. */
function excluded<C extends string>(eb: { ref(r: `excluded.${C}`): unknown }, cols: readonly C[]): Record<C, never> {
  return Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)])) as Record<C, never>;
}

async function finishSiteRunIn(db: Kysely<Tables>, rec: Omit<SiteRunRecord, 'startedAt'>): Promise<void> {
  await db
    .insertInto('site_runs')
    .values({
      run_id: rec.runId,
      site_id: rec.siteId,
      state: rec.state,
      finished_at: timeOrNull(rec.finishedAt),
      score: rec.score,
      verdict: rec.verdict,
      scorecard: jsonOrNull(rec.scorecard),
      error: text(rec.error),
    })
    .onConflict((oc) => oc.columns(['run_id', 'site_id']).doUpdateSet((eb) => excluded(eb, ['state', 'finished_at', 'score', 'verdict', 'scorecard', 'error'] as const)))
    .execute();
}

function userRow(u: UserRecord) {
  return {
    id: u.id,
    username: text(u.username),
    display_name: text(u.displayName),
    role: u.role,
    unit: text(u.unit),
    password_hash: u.passwordHash,
    created_at: time(u.createdAt),
    created_by: text(u.createdBy),
    disabled_at: timeOrNull(u.disabledAt),
    failed_logins: u.failedLogins,
    locked_until: timeOrNull(u.lockedUntil),
  };
}

function toUser(r: Selectable<UsersTable>): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as UserRecord['role'],
    unit: r.unit,
    passwordHash: r.password_hash,
    createdAt: readTime(r.created_at),
    createdBy: r.created_by,
    disabledAt: readTimeOrNull(r.disabled_at),
    failedLogins: Number(r.failed_logins),
    lockedUntil: readTimeOrNull(r.locked_until),
  };
}

function toProbe(r: Selectable<ProbesTable>): ProbeRecord {
  return { siteId: r.site_id, at: readTime(r.at), url: r.url, ok: Boolean(r.ok), status: r.status, error: r.error, timeMs: r.time_ms };
}

function toDecision(r: Selectable<ReviewDecisionsTable>): ReviewDecisionRecord {
  return { siteId: r.site_id, identity: r.identity, kind: r.kind as ReviewDecisionRecord['kind'], by: r.by_user, at: readTime(r.at), reason: r.reason, until: r.until, evidenceHash: r.evidence_hash };
}

function toLock(r: Selectable<LocksTable>): LockRecord {
  return { name: r.name, holder: r.holder, pid: r.pid, host: r.host, runId: r.run_id, acquiredAt: readTime(r.acquired_at), heartbeatAt: readTime(r.heartbeat_at) };
}

// ---- values as written (the same for both dialects) ----

/**
 * Text as the store keeps it: PostgreSQL refuses U+0000 in text and jsonb, so both dialects keep U+FFFD in its place
 * (a page title or an imported cell with a NUL character is saved, not refused).
 */
function text<T extends string | null | undefined>(s: T): T extends string ? string : null {
  if (s === null || s === undefined) return null as never;
  return (s.includes('\0') ? s.replaceAll('\0', '\uFFFD') : s) as never;
}

/** JSON text, with U+0000 escapes replaced as in text(); JSON.stringify writes a NUL as `\u0000` (a `\\` before it is a backslash). */
function json(v: unknown): string {
  const s = JSON.stringify(v) ?? 'null';
  return s.includes('\\u0000') ? s.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd') : s;
}

function jsonOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : json(v);
}

const flag = (b: boolean | undefined | null): number => (b ? 1 : 0);

/** What `toISOString()` writes (the common case, kept as it is). */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An instant as ISO 8601 UTC (what `toISOString()` gives), so both dialects compare and return the same text. */
function time(v: string): string {
  if (ISO_UTC.test(v)) return v;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error(`store: "${v}" is not a time (ISO 8601 expected)`);
  return d.toISOString();
}

function timeOrNull(v: string | null): string | null {
  return v === null ? null : time(v);
}

/** A page's fetch time: raw data, so a missing or unreadable one is kept as unknown rather than refusing the page. */
function lenientTime(v: string | null | undefined): string | null {
  if (!v) return null;
  if (ISO_UTC.test(v)) return v;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function readTime(v: string | Date): string {
  return v instanceof Date ? v.toISOString() : v;
}

function readTimeOrNull(v: string | Date | null): string | null {
  return v === null ? null : readTime(v);
}

/** Of items sharing a key the last one, in first-seen order (one statement may not upsert a row twice). */
function lastByKey<T>(items: T[], key: (t: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(key(item), item);
  return byKey.size === items.length ? items : [...byKey.values()];
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
