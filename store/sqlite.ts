// The SQLite dialect of the store: better-sqlite3 in WAL mode with synchronous=FULL (a kill -9 never loses a
// committed write), opened synchronously, migrated before first use. Queries live in store/kysely-store.ts.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Expression } from 'kysely';
import { sqliteBulkWriter } from './bulk.ts';
import { KyselyStore } from './kysely-store.ts';
import { compileMigration, migrations, sqliteTypes } from './migrations.ts';
import type { Tables } from './schema.ts';

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
 * Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN; ours take the write lock at BEGIN
 * IMMEDIATE, so a writer waits its turn (busy_timeout) instead of failing when another process wrote first.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }
}

export class SqliteStore extends KyselyStore {
  constructor(readonly db: Database.Database) {
    // first, so every later statement (switching to WAL included) waits for another process instead of failing
    db.pragma('busy_timeout = 5000');
    switchToWal(db);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const kysely = new Kysely<Tables>({ dialect: new ImmediateSqliteDialect(db) });
    migrate(db, kysely);
    super({
      kind: 'sqlite',
      db: kysely,
      jsonAsText: true,
      lockRows: false,
      bulk: sqliteBulkWriter(db),
      binary: (col) => (typeof col === 'string' ? sql.ref<string>(col) : (col as Expression<string>)),
      destroy: async () => {
        await kysely.destroy();
        if (db.open) db.close();
      },
    });
  }
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

/**
 * Applies the missing migrations (store/migrations.ts), each in a write transaction (BEGIN IMMEDIATE) that reads
 * `user_version` itself: two processes opening a new store at the same moment take turns, and the second finds the
 * tables made ("table runs already exists"). Synchronous, so opening the store stays synchronous.
 */
function migrate(db: Database.Database, kysely: Kysely<Tables>): void {
  const step = db.transaction((): boolean => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v >= migrations.length) return false;
    for (const q of compileMigration(kysely, sqliteTypes, v)) db.prepare(q.sql).run(...(q.parameters as unknown[]));
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    // next migration
  }
}
