// A data folder or PostgreSQL schema made by the store before the Kysely rewrite (schema version 2: JSON and times as
// TEXT in both) opens with the current code: it is migrated forward in place, every row reads back as before, and
// PostgreSQL's columns are then jsonb and timestamptz. Also: PostgreSQL workers opening a new schema together.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../store/migrations.ts';
import { openPostgresStore } from '../../store/postgres.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { legacyPostgresDdl, legacySqliteDdl } from './legacy-schema.ts';

/** Rows as the old code wrote them (the same SQL for both: `true`/`false` are SQLite literals too). */
const legacyRows = [
  `INSERT INTO runs VALUES ('old1', 'audit', 'done', '2026-10-01T02:00:00.000Z', '2026-10-01T02:00:01.000Z', '2026-10-01T02:30:00.000Z', '["portal","edu"]', '{"sites":2,"ok":true,"by":{"z":1,"a":[1,2]}}', NULL)`,
  `INSERT INTO site_runs VALUES ('old1', 'portal', 'done', '2026-10-01T02:00:02.000Z', '2026-10-01T02:20:00.000Z', 91.5, '合格', '{"score":91.5,"findings":[{"code":"link.broken"}]}', NULL)`,
  `INSERT INTO site_runs VALUES ('old1', 'edu', 'failed', '2026-10-01T02:00:02.000Z', '2026-10-01T02:21:00.000Z', NULL, NULL, NULL, 'homepage unreachable')`,
  `INSERT INTO pages VALUES ('old1', 'portal', 'http://x/', 'http://x/', 200, NULL, 'text/html', 'gbk', '鲤城区人民政府', '{"sitename":"鲤城"}', 0, 1234, 56, '2026-10-01T02:00:03.000Z')`,
  `INSERT INTO link_targets VALUES ('old1', 'portal', 'http://x/404', true, 'CRAWL', 404, NULL, false, true, '["http://x/"]')`,
  `INSERT INTO findings VALUES ('old1', 'portal', 'abcd', 'links', 'link.broken', 'minor', false, 'http://x/404', '链接无法访问', '{"status":404,"foundOn":["http://x/"]}', '2026-09-01T02:00:00.000Z', 'persisting')`,
  `INSERT INTO records VALUES ('error-report', 'A1', '3505020001', '{"a":1,"b":"二"}', '2026-09-30T00:00:00.000Z')`,
  `INSERT INTO probes VALUES ('portal', '2026-10-01T00:00:00.000Z', 'http://x/', true, 200, NULL, 12)`,
  `INSERT INTO locks VALUES ('audit', 'h:1:x', 1, 'h', 'old1', '2026-10-01T02:00:00.000Z', '2026-10-01T02:01:00.000Z')`,
];

/** What the current store must read from those rows. */
async function expectLegacyRows(store: Store): Promise<void> {
  expect(await store.getRun('old1')).toEqual({
    id: 'old1', kind: 'audit', state: 'done', asOf: '2026-10-01T02:00:00.000Z', startedAt: '2026-10-01T02:00:01.000Z', finishedAt: '2026-10-01T02:30:00.000Z',
    siteIds: ['portal', 'edu'], summary: { sites: 2, ok: true, by: { z: 1, a: [1, 2] } }, error: null,
  });
  expect(await store.listSiteRuns('old1')).toEqual([
    { runId: 'old1', siteId: 'edu', state: 'failed', startedAt: '2026-10-01T02:00:02.000Z', finishedAt: '2026-10-01T02:21:00.000Z', score: null, verdict: null, scorecard: null, error: 'homepage unreachable' },
    { runId: 'old1', siteId: 'portal', state: 'done', startedAt: '2026-10-01T02:00:02.000Z', finishedAt: '2026-10-01T02:20:00.000Z', score: 91.5, verdict: '合格', scorecard: { score: 91.5, findings: [{ code: 'link.broken' }] }, error: null },
  ]);
  expect(await store.listPages('old1', 'portal')).toEqual([
    { url: 'http://x/', finalUrl: 'http://x/', status: 200, error: null, contentType: 'text/html', charset: 'gbk', title: '鲤城区人民政府', meta: { sitename: '鲤城' }, depth: 0, bytes: 1234, timeMs: 56, fetchedAt: '2026-10-01T02:00:03.000Z' },
  ]);
  expect(await store.listLinkTargets('old1', 'portal')).toEqual([{ url: 'http://x/404', internal: true, method: 'CRAWL', status: 404, redirects: 0, foundOn: ['http://x/'], onHomepage: true, tags: [] }]);
  expect(await store.listFindings('old1')).toEqual([
    { check: 'links', code: 'link.broken', severity: 'minor', siteId: 'portal', url: 'http://x/404', message: '链接无法访问', evidence: { status: 404, foundOn: ['http://x/'] }, identity: 'abcd', firstSeen: '2026-09-01T02:00:00.000Z', state: 'persisting' },
  ]);
  expect(await store.listRecords('error-report')).toEqual([{ key: 'A1', siteKey: '3505020001', data: { a: 1, b: '二' }, updatedAt: '2026-09-30T00:00:00.000Z' }]);
  expect(await store.upsertRecords('error-report', [{ key: 'A1', siteKey: '3505020001', data: { b: '二', a: 1 }, updatedAt: '2026-10-30T00:00:00.000Z' }])).toEqual({ inserted: 0, updated: 0 });
  expect(await store.listProbes({ from: '2026-09-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' })).toEqual([
    { siteId: 'portal', at: '2026-10-01T00:00:00.000Z', url: 'http://x/', ok: true, status: 200, error: null, timeMs: 12 },
  ]);
  expect(await store.getLock('audit')).toEqual({ name: 'audit', holder: 'h:1:x', pid: 1, host: 'h', runId: 'old1', acquiredAt: '2026-10-01T02:00:00.000Z', heartbeatAt: '2026-10-01T02:01:00.000Z' });
  expect((await store.previousSiteRun('portal'))?.runId).toBe('old1');
  // and the upgraded store takes new writes
  await store.createRun({ id: 'new1', kind: 'audit', asOf: '2026-11-01T02:00:00.000Z', startedAt: '2026-11-01T02:00:00.000Z', siteIds: ['portal'] });
  await store.saveSiteResult({ runId: 'new1', siteId: 'portal', state: 'done', finishedAt: '2026-11-01T02:10:00.000Z', score: 95, verdict: '合格', scorecard: { score: 95 }, error: null }, []);
  expect((await store.previousSiteRun('portal'))?.runId).toBe('new1');
}

describe('a SQLite data folder made by the old store', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is upgraded in place and reads back whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govaudit-upgrade-'));
    dirs.push(dir);
    const old = new Database(join(dir, 'govaudit.sqlite'));
    old.pragma('journal_mode = WAL');
    for (const ddl of legacySqliteDdl) old.exec(ddl);
    old.pragma(`user_version = ${legacySqliteDdl.length}`);
    for (const row of legacyRows) old.exec(row);
    old.close();

    const store = openSqliteStore(dir);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      await expectLegacyRows(store);
    } finally {
      await store.close();
    }
  });
});

const pgAvailable = postgresAvailability();

describe.skipIf(pgAvailable.skip)('a PostgreSQL schema made by the old store', () => {
  const scratches: ReturnType<typeof scratchSchema>[] = [];
  afterAll(() => Promise.all(scratches.map((s) => s.drop())));

  async function sqlClient(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    return client;
  }

  it('is migrated to jsonb and timestamptz, and reads back whole', async () => {
    const { schema } = scratches[scratches.push(scratchSchema('upgrade')) - 1];
    const client = await sqlClient();
    try {
      await client.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.schema_version (version INTEGER NOT NULL)`);
      for (const [i, ddl] of legacyPostgresDdl.entries()) await client.query(`${ddl.replaceAll('§', schema)}; INSERT INTO ${schema}.schema_version VALUES (${i + 1})`);
      await client.query(`SET search_path TO ${schema}`);
      for (const row of legacyRows) await client.query(row);
    } finally {
      await client.end();
    }

    let store = await openPostgresStore(testDatabaseUrl!, { schema });
    try {
      await expectLegacyRows(store);
    } finally {
      await store.close();
    }
    store = await openPostgresStore(testDatabaseUrl!, { schema });
    await store.close();

    const check = await sqlClient();
    try {
      const { rows: versions } = await check.query(`SELECT version FROM ${schema}.schema_version ORDER BY version`);
      expect(versions.map((r) => r.version)).toEqual(migrations.map((_, i) => i + 1));
      const { rows: types } = await check.query(
        `SELECT table_name || '.' || column_name AS col, data_type FROM information_schema.columns
         WHERE table_schema = $1 AND (data_type IN ('jsonb', 'timestamp with time zone') OR column_name IN ('data', 'at', 'as_of', 'scorecard', 'evidence'))
         ORDER BY 1`,
        [schema],
      );
      const jsonb = types.filter((t) => t.data_type === 'jsonb').map((t) => t.col);
      const times = types.filter((t) => t.data_type === 'timestamp with time zone').map((t) => t.col);
      expect(jsonb).toEqual([
        'audit_log.detail', 'findings.confirmed', 'findings.evidence', 'findings.indicators', 'findings.waived', 'link_check_cache.outcome', 'link_targets.found_on', 'link_targets.rate_limited', 'link_targets.soft404_signals', 'link_targets.tags', 'notify_outbox.message',
        'pages.meta', 'records.data', 'runs.site_ids', 'runs.summary', 'site_runs.scorecard',
      ]);
      expect(times).toEqual([
        'audit_log.at', 'findings.first_seen', 'link_check_cache.checked_at', 'locks.acquired_at', 'locks.heartbeat_at', 'notify_outbox.created_at', 'notify_outbox.next_at',
        'notify_outbox.sent_at', 'notify_outbox.updated_at', 'page_cache.fetched_at', 'pages.fetched_at', 'probes.at', 'records.updated_at', 'review_decisions.at', 'runs.as_of', 'runs.finished_at',
        'runs.started_at', 'sessions.created_at', 'sessions.expires_at', 'site_runs.finished_at', 'site_runs.started_at', 'users.created_at', 'users.disabled_at', 'users.locked_until',
      ]);
    } finally {
      await check.end();
    }
  });

  it('a new schema opened by several workers at once is migrated once', async () => {
    const { schema } = scratches[scratches.push(scratchSchema('race')) - 1];
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(testDatabaseUrl!, { schema })));
    try {
      expect(await Promise.all(stores.map((s) => s.listRuns()))).toEqual([[], [], []]);
      const { rows } = await stores[0].pool.query(`SELECT version FROM ${schema}.schema_version ORDER BY version`);
      expect(rows.map((r) => r.version)).toEqual(migrations.map((_, i) => i + 1));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
