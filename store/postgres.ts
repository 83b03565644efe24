// The PostgreSQL dialect of the store (distributed mode): a pg pool and a schema of its own (`govaudit` unless the URL
// says `?schema=`), migrated under an advisory lock so workers starting together migrate once. Chosen by a
// postgres:// URL in config `store` or GOVAUDIT_DATABASE_URL. Queries live in store/kysely-store.ts.
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { postgresBulkWriter } from './bulk.ts';
import { KyselyStore } from './kysely-store.ts';
import { compileMigration, migrations, postgresTypes } from './migrations.ts';
import type { Tables } from './schema.ts';

/** Connects, applies migrations and returns the store. */
export async function openPostgresStore(url: string, opts: { schema?: string } = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  pool.on('error', () => {
    /* an idle client lost its connection: the next query reconnects */
  });
  try {
    const store = new PostgresStore(pool, opts.schema ?? 'govaudit');
    await store.migrate();
    return store;
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
}

export class PostgresStore extends KyselyStore {
  private readonly root: Kysely<Tables>;

  constructor(
    readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    const root = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    super({
      kind: 'postgres',
      db: root.withSchema(schema),
      jsonAsText: false,
      lockRows: true,
      bulk: postgresBulkWriter(),
      binary: (col) => sql<string>`${typeof col === 'string' ? sql.ref(col) : col} collate "C"`,
      destroy: () => root.destroy().catch(() => {}),
    });
    this.root = root;
  }

  /**
   * Applies the missing migrations (store/migrations.ts) on one connection holding a session advisory lock, each in
   * its own transaction with its version row; `<schema>.schema_version` holds the versions applied.
   */
  async migrate(): Promise<void> {
    const key = `govaudit-migrate-${this.schema}`;
    const versions = sql.table(`${this.schema}.schema_version`);
    await this.root.connection().execute(async (db) => {
      await sql`select pg_advisory_lock(hashtext(${key}))`.execute(db);
      try {
        await db.schema.createSchema(this.schema).ifNotExists().execute();
        await sql`create table if not exists ${versions} (version integer not null)`.execute(db);
        const { rows } = await sql<{ v: number | null }>`select max(version) as v from ${versions}`.execute(db);
        for (let v = Number(rows[0]?.v ?? 0); v < migrations.length; v++) {
          await db.transaction().execute(async (trx) => {
            for (const q of compileMigration(trx, postgresTypes, v, this.schema)) await trx.executeQuery(q);
            await sql`insert into ${versions} (version) values (${v + 1})`.execute(trx);
          });
        }
      } catch (e) {
        throw new Error(`PostgreSQL store (schema ${this.schema}): migration failed: ${(e as Error).message}`, { cause: e });
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${key}))`.execute(db).catch(() => {});
      }
    });
  }
}
