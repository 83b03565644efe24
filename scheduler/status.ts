// What `govaudit status` and the health endpoint report: the current and last audit runs, each job's last
// outcome and next fire time, who holds the audit lock (alive, stale, or dead), and (for `govaudit status`) the
// records to chase as the latest audits judged them (imports/due-soon.ts).
import { toOffsetIso } from '../calendar/timezone.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { type DueSoonEntry, dueSoonLine, latestDueSoon } from '../imports/due-soon.ts';
import type { LockRecord, RunRecord, Store } from '../store/types.ts';
import { nextRuns } from './cron.ts';
import { AUDIT_LOCK, describeHolder } from './lock.ts';
import { JOB_RECORD_KIND, jobIds, type JobId, type JobRecord } from './service.ts';

export interface RunBrief {
  id: string;
  state: RunRecord['state'];
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  sites: number;
  sitesDone: number;
  error: string | null;
}

export interface ServiceStatus {
  now: string;
  timezone: string;
  lock: (LockRecord & { holderState: 'alive' | 'stale' | 'dead' }) | null;
  current: RunBrief[];
  last: RunBrief[];
  jobs: Record<JobId, { cron: string; next: string | null; last: JobRecord | null }>;
  /** Open records of every kind to chase (overdue, due today, due the next working day), when asked for. */
  dueSoon?: DueSoonEntry[];
}

/**
 * Reads the status from the store (any process may ask; nothing is changed). With `dueSoon`, also the records to
 * chase from each site's latest audit (one read per site, so the health endpoint leaves it out).
 */
export async function collectStatus(opts: { config: DistrictConfig; store: Store; clock?: () => Date; lastRuns?: number; dueSoon?: boolean }): Promise<ServiceStatus> {
  const { config, store } = opts;
  const now = (opts.clock ?? (() => new Date()))();
  const lock = await store.getLock(AUDIT_LOCK);
  const audits = (await store.listRuns({ limit: 200 })).filter((r) => r.kind === 'audit').sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const open = audits.filter((r) => r.state === 'running' || r.state === 'queued');
  const closed = audits.filter((r) => r.state !== 'running' && r.state !== 'queued').slice(0, opts.lastRuns ?? 5);
  const records = new Map((await store.listRecords<JobRecord>(JOB_RECORD_KIND)).map((r) => [r.key, r.data]));
  const jobs = Object.fromEntries(
    jobIds.map((id) => {
      const expr = config.schedule[id];
      const next = nextRuns(expr, config.timezone, now, 1)[0];
      return [id, { cron: expr, next: next ? toOffsetIso(next, config.timezone) : null, last: records.get(id) ?? null }];
    }),
  ) as ServiceStatus['jobs'];
  return {
    now: toOffsetIso(now, config.timezone),
    timezone: config.timezone,
    lock: lock ? { ...lock, holderState: describeHolder(lock, now) } : null,
    current: await Promise.all(open.map((r) => brief(store, r))),
    last: await Promise.all(closed.map((r) => brief(store, r))),
    jobs,
    ...(opts.dueSoon ? { dueSoon: await latestDueSoon(store, config.sites) } : {}),
  };
}

async function brief(store: Store, r: RunRecord): Promise<RunBrief> {
  const siteRuns = await store.listSiteRuns(r.id);
  return {
    id: r.id,
    state: r.state,
    asOf: r.asOf,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    sites: r.siteIds.length,
    sitesDone: siteRuns.filter((s) => s.state === 'done').length,
    error: r.error,
  };
}

/** Plain-text rendering for the terminal. */
export function formatStatus(s: ServiceStatus): string {
  const lines: string[] = [`govaudit status at ${s.now} (${s.timezone})`, ''];
  lines.push(
    s.lock
      ? `audit lock: held by ${s.lock.host} pid ${s.lock.pid} since ${s.lock.acquiredAt}, heartbeat ${s.lock.heartbeatAt} (${s.lock.holderState})${s.lock.runId ? `, run ${s.lock.runId}` : ''}`
      : 'audit lock: free',
  );
  lines.push('', 'current runs:');
  if (!s.current.length) lines.push('  none');
  for (const r of s.current) lines.push(`  ${runLine(r)}`);
  lines.push('', 'last runs:');
  if (!s.last.length) lines.push('  none');
  for (const r of s.last) lines.push(`  ${runLine(r)}`);
  lines.push('', 'jobs:');
  for (const id of jobIds) {
    const j = s.jobs[id];
    const last = j.last ? `last ${j.last.lastStartedAt}${j.last.ok === null ? ' (running or stopped)' : j.last.ok ? ' ok' : ' FAILED'}` : 'never run';
    lines.push(`  ${id.padEnd(13)} ${j.cron.padEnd(14)} next ${j.next ?? '-'}  ${last}`);
  }
  if (s.dueSoon) {
    lines.push('', 'records to chase (as of each site\'s latest audit):');
    if (!s.dueSoon.length) lines.push('  none');
    for (const d of s.dueSoon) lines.push(`  ${dueSoonLine(d)} (audit of ${d.asOf})`);
  }
  return lines.join('\n') + '\n';
}

function runLine(r: RunBrief): string {
  return `${r.id}  ${r.state.padEnd(11)} as of ${r.asOf}  started ${r.startedAt}${r.finishedAt ? `  finished ${r.finishedAt}` : ''}  sites ${r.sitesDone}/${r.sites}${r.error ? `  (${r.error})` : ''}`;
}
