// The store's schema migrations, one list for both dialects, written with Kysely's schema builder. Entry i has version
// i + 1. Append only: a database records the version it reached (SQLite `user_version`, PostgreSQL
// `<schema>.schema_version`), and store/sqlite.ts and store/postgres.ts apply the missing entries in order, each in
// its own transaction. Where the dialects differ it is a column type, chosen from `ctx.types`.
import { sql, type CompiledQuery, type RawBuilder, type SchemaModule } from 'kysely';

/** The column types a dialect uses for the kinds of value that differ. */
export interface ColumnTypes {
  /** JSON documents. */
  json: 'text' | 'jsonb';
  /** Instants (ISO 8601 text in SQLite). */
  time: 'text' | 'timestamptz';
  flag: 'integer' | 'boolean';
  real: 'real' | 'double precision';
}

export const sqliteTypes: ColumnTypes = { json: 'text', time: 'text', flag: 'integer', real: 'real' };
export const postgresTypes: ColumnTypes = { json: 'jsonb', time: 'timestamptz', flag: 'boolean', real: 'double precision' };

export interface MigrationContext {
  /** Schema builder, already bound to the PostgreSQL schema. */
  schema: SchemaModule;
  types: ColumnTypes;
  /** A raw statement (for what the schema builder cannot say); `table()` names a table in the right schema. */
  raw(query: RawBuilder<unknown>): { compile(): CompiledQuery };
  table(name: string): RawBuilder<unknown>;
}

export interface Migration {
  /** What it does, for the operator reading the log and docs/store.md. */
  name: string;
  up(ctx: MigrationContext): { compile(): CompiledQuery }[];
}

/** Columns that migration 3 turns from TEXT into the dialect's JSON and time types (PostgreSQL only changes). */
const typedColumns: Record<string, { json?: string[]; time?: string[] }> = {
  runs: { json: ['site_ids', 'summary'], time: ['as_of', 'started_at', 'finished_at'] },
  site_runs: { json: ['scorecard'], time: ['started_at', 'finished_at'] },
  pages: { json: ['meta'], time: ['fetched_at'] },
  link_targets: { json: ['found_on'] },
  findings: { json: ['evidence'], time: ['first_seen'] },
  records: { json: ['data'], time: ['updated_at'] },
  probes: { time: ['at'] },
  locks: { time: ['acquired_at', 'heartbeat_at'] },
};

export const migrations: Migration[] = [
  {
    // As first released: JSON and times as TEXT in both dialects (migration 3 changes PostgreSQL's).
    name: 'runs, site runs, pages, link targets, findings, records',
    up: ({ schema, types: t }) => [
      schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('site_ids', 'text', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('error', 'text'),
      schema.createIndex('runs_as_of').on('runs').column('as_of'),
      schema
        .createTable('site_runs')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('score', t.real)
        .addColumn('verdict', 'text')
        .addColumn('scorecard', 'text')
        .addColumn('error', 'text')
        .addPrimaryKeyConstraint('site_runs_pkey', ['run_id', 'site_id']),
      schema.createIndex('site_runs_site').on('site_runs').columns(['site_id', 'finished_at']),
      schema
        .createTable('pages')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('final_url', 'text')
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('content_type', 'text')
        .addColumn('charset', 'text')
        .addColumn('title', 'text')
        .addColumn('meta', 'text')
        .addColumn('depth', 'integer')
        .addColumn('bytes', 'integer')
        .addColumn('time_ms', 'integer')
        .addColumn('fetched_at', 'text')
        .addPrimaryKeyConstraint('pages_pkey', ['run_id', 'site_id', 'url']),
      schema
        .createTable('link_targets')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('internal', t.flag, (c) => c.notNull())
        .addColumn('method', 'text')
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('soft404', t.flag)
        .addColumn('on_homepage', t.flag)
        .addColumn('found_on', 'text')
        .addPrimaryKeyConstraint('link_targets_pkey', ['run_id', 'site_id', 'url']),
      schema
        .createTable('findings')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('review', t.flag, (c) => c.notNull().defaultTo(false))
        .addColumn('url', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('findings_pkey', ['run_id', 'site_id', 'identity']),
      schema
        .createTable('records')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('site_key', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pkey', ['kind', 'key']),
      schema.createIndex('records_site').on('records').columns(['kind', 'site_key']),
    ],
  },
  {
    name: 'homepage availability probes and named locks',
    up: ({ schema, types: t }) => [
      schema
        .createTable('probes')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('ok', t.flag, (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('error', 'text')
        .addColumn('time_ms', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('probes_pkey', ['site_id', 'at']),
      schema.createIndex('probes_at').on('probes').column('at'),
      schema
        .createTable('locks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('run_id', 'text')
        .addColumn('acquired_at', 'text', (c) => c.notNull())
        .addColumn('heartbeat_at', 'text', (c) => c.notNull()),
    ],
  },
  {
    // PostgreSQL: JSON columns become jsonb and instants timestamptz, converting the rows in place (a value that does
    // not convert stops the migration, rolled back, with PostgreSQL's message naming it). SQLite keeps TEXT.
    name: 'JSON as jsonb and times as timestamptz (PostgreSQL)',
    up: ({ types: t, raw, table }) =>
      Object.entries(typedColumns).flatMap(([name, cols]) => {
        const changes = [...(cols.json ?? []).map((c) => [c, t.json] as const), ...(cols.time ?? []).map((c) => [c, t.time] as const)].filter(([, type]) => type !== 'text');
        if (!changes.length) return [];
        const clauses = changes.map(([c, type]) => sql`alter column ${sql.ref(c)} type ${sql.raw(type)} using ${sql.ref(c)}::${sql.raw(type)}`);
        return [raw(sql`alter table ${table(name)} ${sql.join(clauses)}`)];
      }),
  },
  {
    // What the scorecard and the links report show of a link target, and a finding's review state, so that both read
    // back whole from the store.
    name: 'link target details; findings keep waiver, confirmation and indicators',
    up: ({ schema, types: t }) => [
      ...(
        [
          ['final_url', 'text'],
          ['redirects', 'integer'],
          ['error_message', 'text'],
          ['soft404_reason', 'text'],
          ['tags', t.json],
          ['skipped', 'text'],
        ] as const
      ).map(([c, type]) => schema.alterTable('link_targets').addColumn(c, type)),
      ...(['waived', 'confirmed', 'indicators'] as const).map((c) => schema.alterTable('findings').addColumn(c, t.json)),
    ],
  },
  {
    // The crawler records facts and the links check judges: a target keeps its soft-404 signals and its rate limit
    // (429/503 not retried) instead of a verdict; the old soft404 / soft404_reason columns are no longer written.
    name: 'link targets keep soft-404 signals and rate limits',
    up: ({ schema, types: t }) => (['soft404_signals', 'rate_limited'] as const).map((c) => schema.alterTable('link_targets').addColumn(c, t.json)),
  },
  {
    // Notifications (notify/): one row per message and channel. The id is the event's idempotency key and the
    // channel, so an event enqueued twice is one row; `state` moves pending → sending → sent (or failed), and a
    // row claimed for sending is never sent again (at most once), even when the process dies mid-send.
    name: 'notification outbox',
    up: ({ schema, types: t }) => [
      schema
        .createTable('notify_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('urgent', t.flag, (c) => c.notNull())
        .addColumn('message', t.json, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('next_at', t.time, (c) => c.notNull())
        .addColumn('updated_at', t.time, (c) => c.notNull())
        .addColumn('sent_at', t.time)
        .addColumn('last_error', 'text'),
      schema.createIndex('notify_outbox_due').on('notify_outbox').columns(['state', 'next_at']),
    ],
  },
  {
    // Dashboard accounts (center administrators and reviewers, unit users), their sessions and the audit log of
    // everything done through the dashboard (who, when, what, why).
    name: 'dashboard users, sessions and audit log',
    up: ({ schema, types: t }) => [
      schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('unit', 'text')
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('disabled_at', t.time)
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', t.time),
      schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', t.time, (c) => c.notNull())
        .addColumn('expires_at', t.time, (c) => c.notNull()),
      schema.createIndex('sessions_user').on('sessions').column('user_id'),
      schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text')
        .addColumn('target', 'text')
        .addColumn('detail', t.json),
      schema.createIndex('audit_log_at').on('audit_log').column('at'),
    ],
  },
  {
    // The center's review decisions on findings (confirm, dismiss as false, waive until a date), one current decision
    // per site and finding identity; the audit log keeps the history.
    name: 'review decisions',
    up: ({ schema, types: t }) => [
      schema
        .createTable('review_decisions')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('identity', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('by_user', 'text', (c) => c.notNull())
        .addColumn('at', t.time, (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('until', 'text')
        .addColumn('evidence_hash', 'text')
        .addPrimaryKeyConstraint('review_decisions_pkey', ['site_id', 'identity']),
    ],
  },
  {
    // Incremental crawls: per site, each page's validators (ETag, Last-Modified), body hash and stored answer, and
    // each link target's last real check, so the next night asks conditionally and rechecks healthy links on a schedule.
    name: 'page cache and link check cache',
    up: ({ schema, types: t }) => [
      schema
        .createTable('page_cache')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('fetched_at', t.time, (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('page_cache_pkey', ['site_id', 'url']),
      schema
        .createTable('link_check_cache')
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('checked_at', t.time, (c) => c.notNull())
        .addColumn('healthy', t.flag, (c) => c.notNull())
        .addColumn('outcome', t.json, (c) => c.notNull())
        .addPrimaryKeyConstraint('link_check_cache_pkey', ['site_id', 'url']),
    ],
  },
];

/** What compiling needs of a Kysely instance (or transaction): its schema builder and its dialect. */
type Compiler = { schema: SchemaModule } & Parameters<RawBuilder<unknown>['compile']>[0];

/** Compiles migration `index` for a dialect (nothing is executed). */
export function compileMigration(db: Compiler, types: ColumnTypes, index: number, pgSchema?: string): CompiledQuery[] {
  const ctx: MigrationContext = {
    schema: pgSchema ? db.schema.withSchema(pgSchema) : db.schema,
    types,
    raw: (query) => ({ compile: () => query.compile(db) }),
    table: (name) => (pgSchema ? sql.table(`${pgSchema}.${name}`) : sql.table(name)),
  };
  return migrations[index].up(ctx).map((q) => q.compile());
}
