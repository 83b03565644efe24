// Writing many rows of one shape (a crawl's pages and link targets: 5,000 to 100,000 rows; a site run's findings).
// The statement is written once, as a Kysely insert with its conflict clause, and compiled once per shape; only how
// the rows reach it differs by dialect, for speed: SQLite runs the one-row statement, prepared once, for each row
// (better-sqlite3 is synchronous and in-process, so that is the fastest way); PostgreSQL sends up to 1,000 rows per
// round trip as one JSON parameter, an array of rows read by jsonb_array_elements (thousands of bound parameters
// plan slowly).
import type Database from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely, type InsertQueryBuilder, type InsertResult } from 'kysely';
import type { Tables } from './schema.ts';

/** The kinds of column value a bulk write carries (JSON as JSON text, times as ISO text, flags as 0/1). */
export type ValueKind = 'text' | 'integer' | 'real' | 'flag' | 'json' | 'time';

/** A column of a bulk write: its kind and how its value is taken from an item (and the call's context). */
export type Column<I, C> = readonly [kind: ValueKind, value: (item: I, ctx: C) => unknown];

/**
 * One shape of bulk write: the table, every column written (name, kind, value), and what a conflict updates. Items
 * become rows column by column, with no row object in between (a 100,000-page crawl makes no garbage of its own).
 */
export interface RowsWrite<I = never, C = never> {
  table: keyof Tables;
  columns: Readonly<Record<string, Column<I, C>>>;
  /**
   * Upsert on these key columns, replacing every other column; of two items with one key the last wins. Without it a
   * plain insert. Never for a table another refers to (`runs`): SQLite's REPLACE deletes the old row first.
   */
  conflict?: readonly string[];
}

/** Declares a bulk write; `conflict` names the key columns of an upsert. */
export function rowsWrite<I, C>(table: keyof Tables, columns: Record<string, Column<I, C>>, conflict?: readonly string[]): RowsWrite<I, C> {
  return { table, columns, ...(conflict ? { conflict } : {}) };
}

type AnyInsert = InsertQueryBuilder<Tables, keyof Tables, InsertResult>;
type AnyWrite = RowsWrite<unknown, unknown>;

/** How a dialect writes many items inside a transaction the caller holds. */
export type BulkWriter = <I, C>(trx: Kysely<Tables>, write: RowsWrite<I, C>, items: readonly I[], ctx: C) => Promise<void>;

/**
 * The write's statement, with the rows supplied by `source` (a VALUES row or a SELECT). A row whose key exists
 * replaces it: SQLite says so with `INSERT OR REPLACE` (a third cheaper than its `ON CONFLICT … DO UPDATE`, and the
 * same here: every column is written and no key refers to these tables), PostgreSQL with `ON CONFLICT … DO UPDATE`
 * of every other column.
 */
function statement(db: Kysely<Tables>, write: AnyWrite, source: (q: AnyInsert) => AnyInsert, replace: 'or-replace' | 'on-conflict') {
  const key = write.conflict;
  if (key && replace === 'or-replace') return source(db.insertInto(write.table).orReplace() as unknown as AnyInsert);
  const q = source(db.insertInto(write.table) as unknown as AnyInsert);
  if (!key) return q;
  const update = Object.keys(write.columns).filter((c) => !key.includes(c));
  return q.onConflict((oc) => oc.columns(key as never).doUpdateSet((eb) => Object.fromEntries(update.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never));
}

/** Compiles a write's statement once and checks it binds exactly the parameters expected. */
function compileOnce(cache: WeakMap<AnyWrite, string>, write: AnyWrite, compile: () => CompiledQuery, params: number): string {
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
 * SQLite: the one-row statement prepared once and run for each row on the store's connection (so of two rows with
 * one key the later wins). The caller holds a Kysely transaction, which holds that one connection, so nothing else
 * runs between these statements.
 */
export function sqliteBulkWriter(raw: Database.Database): BulkWriter {
  const texts = new WeakMap<AnyWrite, string>();
  const prepared = new Map<string, Database.Statement>();
  return async (trx, write, items, ctx) => {
    const names = Object.keys(write.columns);
    const placeholders = Object.fromEntries(names.map((c) => [c, 0]));
    const text = compileOnce(texts, write as AnyWrite, () => statement(trx, write as AnyWrite, (q) => q.values(placeholders as never), 'or-replace').compile(), names.length);
    let stmt = prepared.get(text);
    if (!stmt) prepared.set(text, (stmt = raw.prepare(text)));
    const values = Object.values(write.columns).map(([, value]) => value);
    const row = new Array<unknown>(values.length);
    for (const item of items) {
      for (let i = 0; i < values.length; i++) row[i] = values[i](item, ctx);
      stmt.run(...row); // better-sqlite3 binds spread arguments faster than one array
    }
  };
}

/** PostgreSQL reads each row (a JSON array, in column order) back to the column's type. */
const pgCasts: Record<ValueKind, string> = { text: 'text', integer: 'integer', real: 'double precision', flag: 'boolean', json: 'jsonb', time: 'timestamptz' };
const PG_ROWS = 1_000;

/** PostgreSQL: up to 1,000 rows a statement, passed as one JSON array of arrays. */
export function postgresBulkWriter(): BulkWriter {
  const texts = new WeakMap<AnyWrite, string>();
  return async (trx, write, items, ctx) => {
    const cols = Object.entries(write.columns);
    const text = compileOnce(
      texts,
      write as AnyWrite,
      () => {
        const select = sql.join(cols.map(([, [kind]], i) => sql`(r->>${sql.lit(i)})::${sql.raw(pgCasts[kind])}`));
        const source = sql`select ${select} from jsonb_array_elements(${'[]'}::jsonb) as r`;
        return statement(trx, write as AnyWrite, (q) => q.columns(cols.map(([c]) => c) as never).expression(source as never), 'on-conflict').compile();
      },
      1,
    );
    const values = cols.map(([, [, value]]) => value);
    const key = (write.conflict ?? []).map((c) => cols.findIndex(([name]) => name === c));
    for (let start = 0; start < items.length; start += PG_ROWS) {
      const rows = items.slice(start, start + PG_ROWS).map((item) => values.map((value) => value(item, ctx)));
      await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(key.length ? lastOfEachKey(rows, key) : rows)]));
    }
  };
}

/** One statement may not upsert a row twice (PostgreSQL refuses): of rows sharing the key columns, the last. */
function lastOfEachKey(rows: unknown[][], key: number[]): unknown[][] {
  const byKey = new Map<string, unknown[]>();
  for (const row of rows) byKey.set(JSON.stringify(key.map((i) => row[i])), row);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

