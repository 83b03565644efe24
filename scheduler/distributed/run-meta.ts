// What a distributed run carries besides its run row: the warnings of its prepare steps (for the summary written
// at the end), the page budget it was started with, whether it crawls in full (`--full`), and a digest of the config that enqueued it (a worker with a
// different config logs a warning). Kept as a store record (kind `distributed.run`, key and site key = run id, so it is read by index).
import { createHash } from 'node:crypto';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Store } from '../../store/types.ts';

export const RUN_META_KIND = 'distributed.run';

export interface RunMeta {
  warnings: string[];
  maxPages: number | null;
  configDigest: string;
  /** A full crawl (`audit --full --distributed`): the workers ignore the pages and link checks kept from earlier nights. Absent in runs enqueued before it existed. */
  full?: boolean;
}

export async function saveRunMeta(store: Store, runId: string, meta: RunMeta, at: Date): Promise<void> {
  await store.upsertRecords(RUN_META_KIND, [{ key: runId, siteKey: runId, data: meta, updatedAt: at.toISOString() }]);
}

export async function loadRunMeta(store: Store, runId: string): Promise<RunMeta | null> {
  const found = (await store.listRecords<RunMeta>(RUN_META_KIND, { siteKey: runId })).find((r) => r.key === runId);
  return found?.data ?? null;
}

/** A digest of what decides a site's findings (sites, rules, clock settings), not of where the file lives. */
export function configDigest(config: DistrictConfig): string {
  const { baseDir: _b, file: _f, store: _s, ...rules } = config;
  return createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 16);
}
