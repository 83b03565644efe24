// The PostgreSQL backend passes the same shared store contract as SQLite; each test starts from a schema of its own.
import { afterAll, describe } from 'vitest';
import { openPostgresStore } from '../../store/postgres.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { storeContract } from './contract.ts';

const pg = postgresAvailability();

describe.skipIf(pg.skip)('postgres store', () => {
  const scratches: ReturnType<typeof scratchSchema>[] = [];
  afterAll(() => Promise.all(scratches.map((s) => s.drop())));
  storeContract((reopen) => {
    if (!reopen || !scratches.length) scratches.push(scratchSchema('store'));
    return openPostgresStore(testDatabaseUrl!, { schema: scratches.at(-1)!.schema });
  });
});
