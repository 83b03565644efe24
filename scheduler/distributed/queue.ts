// The pg-boss queue of site jobs (one job per site of a run) and its dead-letter queue. pg-boss keeps its tables in
// its own schema beside the store's (`<store schema>_queue`), so districts or test runs sharing a database never
// see each other's jobs. Retry, backoff, expiry and dead-lettering are pg-boss's; the job options come from config.
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { PostgresStore } from '../../store/postgres.ts';
import type { Store } from '../../store/types.ts';
import type { DistributedConfig } from '../../config/scheduler/distributed.ts';
import { withExclusiveLock } from './locks.ts';

/** How long a starting worker waits for another one's queue setup (a few hundred ms when it goes well). */
const QUEUE_SETUP_TIMEOUT_MS = 120_000;

/** Site jobs: `{ runId, siteId }`. */
export const SITE_QUEUE = 'govaudit-site';
/** Site jobs that failed their last attempt (the site is then marked failed in its run). */
export const DEAD_QUEUE = 'govaudit-site-dead';

export const siteJobSchema = z.strictObject({ runId: z.string().min(1).max(200), siteId: z.string().min(1).max(200) });
export type SiteJob = z.output<typeof siteJobSchema>;

/** The pg-boss schema that goes with a store schema. */
export function queueSchemaFor(storeSchema: string): string {
  return `${storeSchema}_queue`;
}

/** The store as the distributed mode needs it: PostgreSQL, or a clear error naming how to configure one. */
export function requirePostgres(store: Store, what: string): PostgresStore {
  if (store.kind !== 'postgres') {
    throw new DistributedModeError(
      `${what} needs the PostgreSQL store: set the config's "store" or GOVAUDIT_DATABASE_URL to postgres://… (the current store is SQLite)`,
    );
  }
  return store as PostgresStore;
}

/** A setup problem the user can fix (not PostgreSQL, bad URL): the CLI prints it as one line. */
export class DistributedModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistributedModeError';
  }
}

/** The connection string of the store's pool (pg-boss and lock clients open their own connections with it). */
export function connectionStringOf(store: PostgresStore): string {
  const url = (store.pool.options as { connectionString?: string }).connectionString;
  if (!url) throw new DistributedModeError('the PostgreSQL store was opened without a connection string');
  return url;
}

/**
 * Starts pg-boss on the store's database and makes sure both queues exist. A `worker` supervises (expires jobs
 * whose worker vanished, archives old ones); a `client` only sends or reads.
 */
export async function openQueue(store: PostgresStore, settings: DistributedConfig, role: 'worker' | 'client', onError?: (e: Error) => void): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: connectionStringOf(store),
    schema: queueSchemaFor(store.schema),
    application_name: `govaudit-${role}`,
    max: role === 'worker' ? 4 : 2,
    supervise: role === 'worker',
    schedule: false,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    pollingIntervalSeconds: settings.pollingIntervalSeconds,
  });
  boss.on('error', (e: Error) => onError?.(e));
  // pg-boss installs its schema and creates queues without serialising concurrent callers: two workers started at
  // the same moment on a fresh database deadlock each other ("deadlock detected"). One at a time, per schema.
  try {
    await withExclusiveLock(store.pool, `govaudit-queue-setup-${store.schema}`, QUEUE_SETUP_TIMEOUT_MS, async () => {
      await boss.start();
      await boss.createQueue(DEAD_QUEUE, { name: DEAD_QUEUE, retryLimit: 0 });
      await boss.createQueue(SITE_QUEUE, { name: SITE_QUEUE, deadLetter: DEAD_QUEUE, ...jobOptions(settings) });
    });
  } catch (e) {
    await boss.stop({ graceful: false, wait: true, timeout: 1_000 }).catch(() => undefined);
    throw e;
  }
  return boss;
}

/** Per-job options from the district config (they win over the queue's own, so a config change applies to new runs). */
export function jobOptions(settings: DistributedConfig): { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number } {
  return { retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, retryBackoff: settings.retryBackoff, expireInSeconds: settings.expireInSeconds };
}

/** The message pg-boss kept of a job's last failure (our Error, or its own note on an expired job). */
export function jobErrorText(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  const message = o?.message ?? o?.value?.message;
  return typeof message === 'string' ? message.slice(0, 500) : 'no attempt succeeded';
}
