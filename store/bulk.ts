// Writing many rows of one shape (a crawl's pages and link targets: 5,000 to 100,000 rows; a site run's findings).
// The statement is written once, as a Kysely insert with its conflict clause, and compiled once per shape; only how
// the rows reach it differs by dialect, for speed: SQLite runs the one-row statement, prepared once, for each row
// (better-sqlite3 is synchronous and in-process, so that is the fastest way); PostgreSQL sends up to 1,000 rows per
// round trip as one JSON parameter read by jsonb_to_recordset (thousands of bound parameters plan slowly).
import type Database from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely, type InsertQueryBuilder, type InsertResult } from 'kysely';
import type { Tables } from './schema.ts';

/** The kinds of column value a bulk write carries (JSON as JSON text, times as ISO text, flags as 0/1). */
export type ValueKind = 'text' | 'integer' | 'real' | 'flag' | 'json' | 'time';

/** One shape of bulk write: the table, every column written with its kind, and what a conflict updates. */
export interface RowsWrite<T extends keyof Tables = keyof Tables> {
  table: T;
  columns: Readonly<Record<string, ValueKind>>;
  /** Upsert on `key`, replacing the `update` columns; without it a plain insert. */
  conflict?: { key: readonly string[]; update: readonly string[] };
}

export type Row = Record<string, unknown>;
type AnyInsert = InsertQueryBuilder<Tables, keyof Tables, InsertResult>;

/** How a dialect writes many rows inside a transaction the caller holds. */
export type BulkWriter = (trx: Kysely<Tables>, write: RowsWrite, rows: Row[]) => Promise<void>;

/** The write's statement, with the rows supplied by `source` (a VALUES row or a SELECT). */
function statement(db: Kysely<Tables>, write: RowsWrite, source: (q: AnyInsert) => AnyInsert) {
  const q = source(db.insertInto(write.table) as unknown as AnyInsert);
  const conflict = write.conflict;
  if (!conflict) return q;
  return q.onConflict((oc) =>
    oc.columns(conflict.key as never).doUpdateSet((eb) => Object.fromEntries(conflict.update.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
  );
}

/** Compiles a write's statement once and checks it binds exactly the parameters expected. */
function compileOnce(cache: WeakMap<RowsWrite, string>, write: RowsWrite, compile: () => CompiledQuery, params: number): string {
  let text = cache.get(write);
  if (text === undefined) {
    const compiled = compile();
    if (compiled.parameters.length !== params) throw new Error(`store: the ${write.table} write binds ${compiled.parameters.length} parameters, ${params} expected`);
    text = compiled.sql;
    cache.set(write, text);
  }
  return text;
}

/**
 * SQLite: the one-row statement prepared once and run for each row on the store's connection. The caller holds a
 * Kysely transaction, which holds that one connection, so nothing else runs between these statements.
 */
export function sqliteBulkWriter(raw: Database.Database): BulkWriter {
  const texts = new WeakMap<RowsWrite, string>();
  const prepared = new Map<string, Database.Statement>();
  return async (trx, write, rows) => {
    const cols = Object.keys(write.columns);
    const text = compileOnce(texts, write, () => statement(trx, write, (q) => q.values(Object.fromEntries(cols.map((c) => [c, 0])) as never)).compile(), cols.length);
    let stmt = prepared.get(text);
    if (!stmt) prepared.set(text, (stmt = raw.prepare(text)));
    const values = new Array<unknown>(cols.length);
    for (const row of rows) {
      for (let i = 0; i < cols.length; i++) values[i] = row[cols[i]];
      stmt.run(values);
    }
  };
}

const pgTypes: Record<ValueKind, string> = { text: 'text', integer: 'integer', real: 'double precision', flag: 'integer', json: 'text', time: 'timestamptz' };
const pgCasts: Partial<Record<ValueKind, string>> = { flag: 'boolean', json: 'jsonb' };
const PG_ROWS = 1_000;

/** PostgreSQL: up to 1,000 rows a statement, passed as one JSON array that jsonb_to_recordset turns into rows. */
export function postgresBulkWriter(): BulkWriter {
  const texts = new WeakMap<RowsWrite, string>();
  return async (trx, write, rows) => {
    const cols = Object.entries(write.columns);
    const text = compileOnce(
      texts,
      write,
      () => {
        const shape = sql.join(cols.map(([c, kind]) => sql`${sql.ref(c)} ${sql.raw(pgTypes[kind])}`));
        const select = sql.join(cols.map(([c, kind]) => (pgCasts[kind] ? sql`${sql.ref(`x.${c}`)}::${sql.raw(pgCasts[kind])}` : sql.ref(`x.${c}`))));
        const source = sql`select ${select} from jsonb_to_recordset(${'[]'}::jsonb) as x(${shape})`;
        return statement(trx, write, (q) => q.columns(cols.map(([c]) => c) as never).expression(source as never)).compile();
      },
      1,
    );
    for (let i = 0; i < rows.length; i += PG_ROWS) await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(rows.slice(i, i + PG_ROWS))]));
  };
}
