// Chooses the store: --data flag, then GOVAUDIT_DATA, then the config's `store`, then ./data (DESIGN.md).
import { isAbsolute, resolve } from 'node:path';
import type { DistrictConfig } from '../config/schema.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

/** Where the store lives, by the documented precedence. */
export function storeLocation(opts: { data?: string; config?: DistrictConfig; env?: NodeJS.ProcessEnv }): string {
  const env = opts.env ?? process.env;
  if (opts.data) return resolve(opts.data);
  if (env.GOVAUDIT_DATA) return resolve(env.GOVAUDIT_DATA);
  if (env.GOVAUDIT_DATABASE_URL) return env.GOVAUDIT_DATABASE_URL;
  const fromConfig = opts.config?.store;
  if (fromConfig) return /^postgres(ql)?:\/\//.test(fromConfig) || isAbsolute(fromConfig) ? fromConfig : resolve(opts.config!.baseDir, fromConfig);
  return resolve('data');
}

/** Opens the store at a location from storeLocation(). */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    // loaded on demand: a SQLite deployment never loads pg
    const { openPostgresStore } = await import('./postgres.ts');
    const { url, schema } = splitSchemaParam(location);
    return openPostgresStore(url, schema ? { schema } : {});
  }
  return openSqliteStore(location);
}

/**
 * A PostgreSQL URL may name the schema govaudit uses (`?schema=district_a`, default `govaudit`), so several districts
 * (or test runs) share one database; the parameter is removed before the URL reaches the driver.
 */
export function splitSchemaParam(location: string): { url: string; schema?: string } {
  const u = new URL(location);
  const schema = u.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { url: location };
  u.searchParams.delete('schema');
  return { url: u.toString(), schema };
}
