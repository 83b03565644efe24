// Rectification (整改) as data in the store's records: a unit's claim that a finding is fixed (kind `rectification`,
// key `<siteId>:<identity>`), and a request to re-check a site (kind `recheck-request`), queued by the dashboard and
// run by the scheduler (scheduler/recheck.ts), which closes the claims whose findings are gone and reopens the others
// with the new evidence. The dashboard never crawls.
import type { Store, StoredRecord } from '../store/types.ts';

export const rectificationKind = 'rectification';
export const recheckKind = 'recheck-request';

export interface Rectification {
  siteId: string;
  identity: string;
  /** The finding's message when it was claimed fixed. */
  message: string;
  note: string;
  by: string;
  at: string;
  /** claimed: awaiting a re-check; closed: gone on re-check (已整改); reopened: still there on re-check. */
  status: 'claimed' | 'closed' | 'reopened';
  checkedAt?: string;
  runId?: string;
  /** The finding's evidence on re-check, when reopened. */
  evidence?: Record<string, unknown>;
}

export interface RecheckRequest {
  siteId: string;
  by: string;
  at: string;
  state: 'queued' | 'done' | 'failed';
  runId?: string;
  finishedAt?: string;
  error?: string;
}

export async function listRectifications(store: Store, siteId?: string): Promise<Rectification[]> {
  return (await store.listRecords<Rectification>(rectificationKind, siteId ? { siteKey: siteId } : {})).map((r) => r.data);
}

export async function saveRectification(store: Store, r: Rectification): Promise<void> {
  await store.upsertRecords(rectificationKind, [{ key: `${r.siteId}:${r.identity}`, siteKey: r.siteId, data: r, updatedAt: r.checkedAt ?? r.at }]);
}

export async function queueRecheck(store: Store, req: RecheckRequest): Promise<void> {
  await store.upsertRecords(recheckKind, [{ key: `${req.siteId}:${req.at}`, siteKey: req.siteId, data: req, updatedAt: req.at }]);
}

export async function listRechecks(store: Store, siteId?: string): Promise<StoredRecord<RecheckRequest>[]> {
  return store.listRecords<RecheckRequest>(recheckKind, siteId ? { siteKey: siteId } : {});
}
