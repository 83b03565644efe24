// The queue as `govaudit status` shows it: site jobs waiting, retrying, active and failed (read from pg-boss's
// tables), the most recent failures, and the workers alive (their heartbeat records, kind `distributed.worker`).
import { formatDateTime } from '../../reports/vocabulary.ts';
import pg from 'pg';
import type { PostgresStore } from '../../store/postgres.ts';
import { DISTRIBUTED_RUN_KIND } from './enqueue.ts';
import { connectionStringOf, DEAD_QUEUE, jobErrorText, queueSchemaFor, SITE_QUEUE } from './queue.ts';

export const WORKER_KIND = 'distributed.worker';

/** What a worker records of itself every `distributed.heartbeatSeconds`. */
export interface WorkerRecord {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  /** Set when the worker stopped cleanly. */
  stoppedAt: string | null;
  concurrency: number;
  active: { runId: string; siteId: string; since: string }[];
  /** Site jobs finished / failed (attempts) since it started. */
  done: number;
  failed: number;
}

/** A distributed run with its sites counted by state. */
export interface DistributedRunBrief {
  id: string;
  state: string;
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  sites: number;
  done: number;
  failed: number;
}

export interface QueueStatus {
  /** Distributed runs still running, then the last few finished. */
  runs: DistributedRunBrief[];
  /** Site jobs not yet taken (new or waiting for a retry). */
  waiting: number;
  /** Of those, retries of a failed attempt. */
  retrying: number;
  active: number;
  /** Site jobs that failed their last attempt (kept until pg-boss archives them). */
  failed: number;
  /** Dead-lettered jobs not yet handled (their sites are about to be marked failed). */
  deadLetters: number;
  recentFailures: { runId: string; siteId: string; at: string; error: string }[];
  /** Workers whose heartbeat is recent, and those stopped or silent in the last day. */
  workers: (WorkerRecord & { state: 'alive' | 'stopped' | 'silent' })[];
}

/** Reads the queue and worker state; null when the queue was never set up in this database schema. */
export async function collectQueueStatus(store: PostgresStore, opts: { heartbeatSeconds: number; now?: Date }): Promise<QueueStatus | null> {
  const now = opts.now ?? new Date();
  const schema = queueSchemaFor(store.schema);
  const client = new pg.Client({ connectionString: connectionStringOf(store), application_name: 'govaudit-status' });
  client.on('error', () => undefined);
  await client.connect();
  let counts: { name: string; state: string; n: number }[];
  let failures: { data: { runId?: string; siteId?: string } | null; completed_on: Date | null; output: unknown }[];
  try {
    const { rows: exists } = await client.query('SELECT to_regclass($1) IS NOT NULL AS ok', [`${schema}.job`]);
    if (!exists[0].ok) return null;
    counts = (await client.query(`SELECT name, state::text AS state, count(*)::int AS n FROM ${schema}.job WHERE name = ANY($1) GROUP BY 1, 2`, [[SITE_QUEUE, DEAD_QUEUE]])).rows;
    failures = (
      await client.query(`SELECT data, completed_on, output FROM ${schema}.job WHERE name = $1 AND state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT 10`, [SITE_QUEUE])
    ).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
  const count = (name: string, ...states: string[]) => counts.filter((c) => c.name === name && states.includes(c.state)).reduce((a, c) => a + c.n, 0);
  const staleBefore = now.getTime() - opts.heartbeatSeconds * 3_000;
  const dayAgo = now.getTime() - 86_400_000;
  const workers = (await store.listRecords<WorkerRecord>(WORKER_KIND))
    .map((r) => r.data)
    .filter((w) => new Date(w.heartbeatAt).getTime() >= dayAgo)
    .map((w) => ({ ...w, state: w.stoppedAt ? ('stopped' as const) : new Date(w.heartbeatAt).getTime() >= staleBefore ? ('alive' as const) : ('silent' as const) }))
    .sort((a, b) => a.state.localeCompare(b.state) || a.id.localeCompare(b.id));
  const distributed = (await store.listRuns({ limit: 200 })).filter((r) => r.kind === DISTRIBUTED_RUN_KIND);
  const shown = [...distributed.filter((r) => r.state === 'running'), ...distributed.filter((r) => r.state !== 'running').slice(0, 3)];
  const runs = await Promise.all(
    shown.map(async (r) => {
      const sites = await store.listSiteRuns(r.id);
      const n = (state: string) => sites.filter((s) => s.state === state).length;
      return { id: r.id, state: r.state, asOf: r.asOf, startedAt: r.startedAt, finishedAt: r.finishedAt, sites: r.siteIds.length, done: n('done'), failed: n('failed') };
    }),
  );
  return {
    runs,
    waiting: count(SITE_QUEUE, 'created', 'retry'),
    retrying: count(SITE_QUEUE, 'retry'),
    active: count(SITE_QUEUE, 'active'),
    failed: count(SITE_QUEUE, 'failed'),
    deadLetters: count(DEAD_QUEUE, 'created', 'retry', 'active'),
    recentFailures: failures.map((f) => ({
      runId: String(f.data?.runId ?? '?'),
      siteId: String(f.data?.siteId ?? '?'),
      at: f.completed_on ? new Date(f.completed_on).toISOString() : '',
      error: jobErrorText(f.output),
    })),
    workers,
  };
}

/** Plain-text lines for `govaudit status`, in Chinese, times local to the district. */
export function formatQueueStatus(q: QueueStatus | null, timezone = 'Asia/Shanghai'): string {
  if (!q) return '分布式队列：本数据库尚未建立（尚未运行 govaudit audit --distributed 或 worker）\n';
  const t = (iso: string) => (iso ? formatDateTime(iso, timezone) : '—');
  const alive = q.workers.filter((w) => w.state === 'alive');
  const lines = ['分布式检查：'];
  if (!q.runs.length) lines.push('  无');
  for (const r of q.runs) lines.push(`  ${r.id}  ${r.state.padEnd(11)} 检查时点 ${t(r.asOf)}  开始 ${t(r.startedAt)}${r.finishedAt ? `  结束 ${t(r.finishedAt)}` : ''}  网站 完成 ${r.done} 失败 ${r.failed} 共 ${r.sites}`);
  lines.push(
    `分布式队列：等待 ${q.waiting}（重试中 ${q.retrying}），执行中 ${q.active}，失败 ${q.failed}，待处理的死信 ${q.deadLetters}`,
    `工作进程：在线 ${alive.length} 个（共 ${alive.reduce((a, w) => a + w.concurrency, 0)} 个并发位）`,
  );
  for (const w of q.workers) {
    const doing = w.active.map((a) => `${a.siteId}（批次 ${a.runId}）`).join('、') || '空闲';
    lines.push(`  ${w.id.padEnd(34)} ${w.state === 'alive' ? '在线' : '离线'} 心跳 ${t(w.heartbeatAt)}  完成 ${w.done} 失败 ${w.failed}  ${w.state === 'alive' ? doing : ''}`.trimEnd());
  }
  if (q.recentFailures.length) lines.push('最近失败的网站任务：');
  for (const f of q.recentFailures) lines.push(`  ${t(f.at)}  ${f.siteId}（批次 ${f.runId}）：${f.error}`);
  return lines.join('\n') + '\n';
}
