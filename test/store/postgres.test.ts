// The PostgreSQL backend passes the same shared store contract as SQLite.
import { afterAll, describe } from 'vitest';
import { openPostgresStore } from '../../store/postgres.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { storeContract } from './contract.ts';

const pg = postgresAvailability();

describe.skipIf(pg.skip)('postgres store', () => {
  const scratch = scratchSchema('store');
  afterAll(() => scratch.drop());
  storeContract(() => openPostgresStore(testDatabaseUrl!, { schema: scratch.schema }));
});
