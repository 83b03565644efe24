// The Store interface: what the rest of govaudit persists and reads back. SQLite implements it
// (store/sqlite.ts); a PostgreSQL backend implements the same interface. All methods are async for that reason.
import type { Finding } from '../contract/finding.ts';
import type { LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'interrupted';

export interface RunRecord {
  id: string;
  kind: string;
  state: RunState;
  /** The audit clock ("as of"), ISO. */
  asOf: string;
  startedAt: string;
  finishedAt: string | null;
  /** Site ids the run covers. */
  siteIds: string[];
  summary: Record<string, unknown> | null;
  error: string | null;
}

export interface SiteRunRecord {
  runId: string;
  siteId: string;
  state: RunState;
  startedAt: string | null;
  finishedAt: string | null;
  score: number | null;
  verdict: string | null;
  /** The scorecard JSON (reports/scorecard.ts). */
  scorecard: unknown | null;
  error: string | null;
}

/** A finding as stored: with its cross-run identity and lifecycle. */
export interface StoredFinding extends Finding {
  identity: string;
  firstSeen: string;
  state: 'new' | 'persisting';
}

/** One homepage availability probe. */
export interface ProbeRecord {
  siteId: string;
  /** When the probe started, ISO (UTC, `toISOString()`). */
  at: string;
  url: string;
  /** An answer with status < 400 arrived within the time limit. */
  ok: boolean;
  status: number | null;
  /** Network failure code (`timeout`, `dns`, `refused`, …) when there was no answer. */
  error: string | null;
  timeMs: number;
}

/** A named lock row: who holds it and when it last showed it was alive. */
export interface LockRecord {
  name: string;
  /** Unique per holder (host, pid and a random part). */
  holder: string;
  pid: number;
  host: string;
  runId: string | null;
  acquiredAt: string;
  heartbeatAt: string;
}

/** Raw rows deleted by housekeeping. */
export interface PurgeCounts {
  pages: number;
  linkTargets: number;
  probes: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** `state` defaults to `running`. */
  createRun(run: { id: string; kind: string; asOf: string; startedAt: string; siteIds: string[]; state?: RunState }): Promise<RunRecord>;
  updateRun(id: string, patch: Partial<Pick<RunRecord, 'state' | 'finishedAt' | 'summary' | 'error'>>): Promise<void>;
  getRun(id: string): Promise<RunRecord | null>;
  /** Runs newest first, optionally only those whose asOf falls in [from, to). */
  listRuns(opts?: { from?: string; to?: string; limit?: number; state?: RunState }): Promise<RunRecord[]>;

  startSiteRun(runId: string, siteId: string, startedAt: string): Promise<void>;
  finishSiteRun(rec: Omit<SiteRunRecord, 'startedAt'>): Promise<void>;
  getSiteRun(runId: string, siteId: string): Promise<SiteRunRecord | null>;
  listSiteRuns(runId: string): Promise<SiteRunRecord[]>;
  /** The most recent finished site run before `beforeRunId`'s start (or the latest when omitted). */
  previousSiteRun(siteId: string, before?: { asOf: string; runId: string }): Promise<SiteRunRecord | null>;
  /** Site runs of a site, newest first (for trends). */
  siteHistory(siteId: string, limit: number): Promise<SiteRunRecord[]>;

  savePages(runId: string, siteId: string, pages: PageArtifact[]): Promise<void>;
  saveLinkTargets(runId: string, siteId: string, targets: LinkTarget[]): Promise<void>;
  countPages(runId: string, siteId?: string): Promise<number>;
  /** Replaces the findings of a site run (idempotent: a re-run of the same site run writes the same set). */
  saveFindings(runId: string, siteId: string, findings: StoredFinding[]): Promise<void>;
  listFindings(runId: string, siteId?: string): Promise<StoredFinding[]>;

  /** Generic keyed records (imported exports, probes, …): upsert by (kind, key). */
  upsertRecords(kind: string, records: { key: string; siteKey: string | null; data: unknown; updatedAt: string }[]): Promise<{ inserted: number; updated: number }>;
  listRecords<T = unknown>(kind: string, opts?: { siteKey?: string }): Promise<{ key: string; siteKey: string | null; data: T; updatedAt: string }[]>;

  /** Stores probes (idempotent by site and time). */
  saveProbes(probes: ProbeRecord[]): Promise<void>;
  /** Probes with `at` in [from, to), oldest first; all sites unless `siteId`. */
  listProbes(opts: { from: string; to: string; siteId?: string }): Promise<ProbeRecord[]>;

  /**
   * Takes lock `lock.name` for `lock.holder` when it is free, already ours, its heartbeat is older than
   * `staleBefore`, or its holder is `replace` (a holder found dead). Atomic; true when we hold it afterwards.
   */
  acquireLock(lock: LockRecord, opts: { staleBefore: string; replace?: string }): Promise<boolean>;
  /** Renews our heartbeat (and run id); false when the lock is no longer ours. */
  heartbeatLock(name: string, holder: string, at: string, runId?: string | null): Promise<boolean>;
  /** Frees the lock if we hold it; true when it was ours. */
  releaseLock(name: string, holder: string): Promise<boolean>;
  getLock(name: string): Promise<LockRecord | null>;

  /** Deletes raw data of finished runs started before `before` (pages, link targets) and probes older than it. */
  purgeRawData(before: string): Promise<PurgeCounts>;

  close(): Promise<void>;
}
