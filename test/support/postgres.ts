// Test support: the PostgreSQL server the distributed-mode tests use (GOVAUDIT_TEST_DATABASE_URL). Outside CI the
// tests are skipped with a visible message when it is not set; in CI (CI=true) a missing database fails the run.
import pg from 'pg';
import { queueSchemaFor } from '../../scheduler/distributed/queue.ts';

export const testDatabaseUrl = process.env.GOVAUDIT_TEST_DATABASE_URL;

export function postgresAvailability(): { skip: boolean; why?: string } {
  if (testDatabaseUrl) return { skip: false };
  if (process.env.CI === 'true') throw new Error('CI=true but GOVAUDIT_TEST_DATABASE_URL is not set: the PostgreSQL tests cannot run');
  const why = 'GOVAUDIT_TEST_DATABASE_URL is not set: skipping the PostgreSQL tests (see .ci/run for how CI provides one)';
  console.warn(`\n*** ${why} ***\n`);
  return { skip: true, why };
}

/** A fresh schema name for one test file, and a function that drops it with its queue schema (distributed mode's pg-boss tables), if any. */
export function scratchSchema(prefix: string): { schema: string; drop: () => Promise<void> } {
  const schema = `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  return {
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: testDatabaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${queueSchemaFor(schema)} CASCADE`);
      await client.end();
    },
  };
}
