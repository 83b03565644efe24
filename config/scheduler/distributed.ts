// Config of the distributed mode (config `distributed`): how site jobs are retried, when a job whose worker
// vanished is handed to another, and how often workers poll. Read by the enqueuer (job options) and by workers.
import { z } from 'zod';

export const distributedConfigSchema = z.strictObject({
  /**
   * What `govaudit serve`'s scheduled audit does: run in the service's process (`in-process`), or enqueue the run for
   * workers (`queue`; needs the PostgreSQL store).
   */
  scheduledAudits: z.enum(['in-process', 'queue']).default('in-process'),
  /** Extra attempts of a failed site job before it is dead-lettered and the site marked failed. */
  retryLimit: z.number().int().min(0).max(20).default(2),
  /** Seconds before the first retry; doubled (with jitter) on each further attempt when `retryBackoff`. */
  retryDelaySeconds: z.number().int().min(0).max(86_400).default(60),
  retryBackoff: z.boolean().default(true),
  /**
   * A site job still active after this many seconds is failed and retried by any worker (a killed worker's job comes
   * back this way); the worker that held it stops auditing the site at the same moment. Longer than the slowest site.
   */
  expireInSeconds: z.number().int().min(5).max(23 * 3_600).default(3_600),
  /** How often expired jobs are looked for (by one worker at a time). */
  maintenanceIntervalSeconds: z.number().int().min(1).max(3_600).default(30),
  /** How often an idle worker asks for a job. */
  pollingIntervalSeconds: z.number().min(0.5).max(600).default(2),
  /** How often a worker retries a site (or host) another worker is auditing right now, in ms. */
  lockPollMs: z.number().int().min(50).max(60_000).default(1_000),
  /** How often a worker records that it is alive (shown by `govaudit status`). */
  heartbeatSeconds: z.number().int().min(1).max(600).default(15),
});

export type DistributedConfig = z.output<typeof distributedConfigSchema>;

