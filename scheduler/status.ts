// What `govaudit status` and the health endpoint report: the current and last audit runs, each job's last
// outcome and next fire time, who holds the audit lock (alive, stale, or dead), and (for `govaudit status`) the
// records to chase as the latest audits judged them (imports/due-soon.ts).
import { toOffsetIso } from '../calendar/timezone.ts';
import { calendarGap, calendarGapText } from '../calendar/coverage.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { formatDateTime, timeText } from '../reports/vocabulary.ts';
import { type DueSoonEntry, dueSoonLine, latestDueSoon } from '../imports/due-soon.ts';
import type { LockRecord, RunRecord, Store } from '../store/types.ts';
import { failingNotifications, type FailingNotification } from '../notify/status.ts';
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
  /** The official calendar does not cover the next `notify.calendarHorizonDays` days: the warning (Chinese), else null. */
  calendarWarning: string | null;
  /** Notifications that are not getting through (failing deliveries). */
  notifications: FailingNotification[];
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
    calendarWarning: calendarWarning(config, now),
    notifications: await failingNotifications(store, now, config.notify.timeoutMs),
  };
}

/** The calendar warning of `govaudit status` and the dashboard, or null while the calendar reaches far enough. */
export function calendarWarning(config: DistrictConfig, now: Date): string | null {
  const gap = calendarGap(config.calendar, now, config.timezone, config.notify.calendarHorizonDays);
  return gap ? calendarGapText(gap) : null;
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

/** Plain-text rendering for the terminal, in Chinese, times local to the district. */
export function formatStatus(s: ServiceStatus): string {
  const t = (iso: string | null | undefined) => (iso ? formatDateTime(iso, s.timezone) : '—');
  const holder = { alive: '运行中', stale: '心跳停滞', dead: '进程已退出' } as const;
  const lines: string[] = [`govaudit 运行状态（${t(s.now)}，时区 ${s.timezone}）`, ''];
  lines.push(
    s.lock
      ? `检查锁：由 ${s.lock.host} 进程 ${s.lock.pid} 持有，自 ${t(s.lock.acquiredAt)} 起，最近心跳 ${t(s.lock.heartbeatAt)}（${holder[s.lock.holderState]}）${s.lock.runId ? `，检查批次 ${s.lock.runId}` : ''}`
      : '检查锁：空闲',
  );
  lines.push('', '进行中的检查：');
  if (!s.current.length) lines.push('  无');
  for (const r of s.current) lines.push(`  ${runLine(r, t)}`);
  lines.push('', '最近的检查：');
  if (!s.last.length) lines.push('  无');
  for (const r of s.last) lines.push(`  ${runLine(r, t)}`);
  lines.push('', '定时任务：');
  for (const id of jobIds) {
    const j = s.jobs[id];
    const last = j.last ? `上次 ${t(j.last.lastStartedAt)}${j.last.ok === null ? '（运行中或已中断）' : j.last.ok ? ' 成功' : ' 失败'}` : '从未运行';
    lines.push(`  ${(jobNames[id] ?? id).padEnd(8, '　')} ${j.cron.padEnd(14)} 下次 ${t(j.next)}  ${last}`);
  }
  if (s.calendarWarning) lines.push('', `⚠ ${s.calendarWarning}`);
  if (s.notifications.length) {
    const state = { retrying: '发送失败，等待重试', failed: '已放弃', unknown: '发送中断，结果不明（不会重发）' } as const;
    lines.push('', `发送失败的通知（${s.notifications.length} 条）：`);
    for (const n of s.notifications)
      lines.push(`  ${n.channel}  ${n.title}  ${state[n.state]}，已尝试 ${n.attempts} 次，最近 ${t(n.at)}${n.nextAt ? `，下次 ${t(n.nextAt)}` : ''}${n.error ? `：${n.error}` : ''}`);
  }
  if (s.dueSoon) {
    lines.push('', '待督办的记录（按各网站最近一次检查）：');
    if (!s.dueSoon.length) lines.push('  无');
    for (const d of s.dueSoon) lines.push(`  ${dueSoonLine(d, (x) => timeText(x, s.timezone))}（检查时点 ${t(d.asOf)}）`);
  }
  return lines.join('\n') + '\n';
}

const jobNames: Record<string, string> = { audit: '全面检查', probes: '首页监测', bulletin: '月度通报', housekeeping: '数据清理', recheck: '整改复查', imports: '导入记录' };
const runStates: Record<string, string> = { queued: '排队中', running: '进行中', done: '已完成', failed: '失败', interrupted: '已中断' };

function runLine(r: RunBrief, t: (iso: string | null) => string): string {
  return `${r.id}  ${(runStates[r.state] ?? r.state).padEnd(4, '　')} 检查时点 ${t(r.asOf)}  开始 ${t(r.startedAt)}${r.finishedAt ? `  结束 ${t(r.finishedAt)}` : ''}  网站 ${r.sitesDone}/${r.sites}${r.error ? `（${r.error}）` : ''}`;
}
