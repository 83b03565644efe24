// The Store interface: what the rest of govaudit persists and reads back — the one source of truth for runs,
// findings, link targets, scores and verdicts. One implementation (store/kysely-store.ts) serves SQLite
// (store/sqlite.ts) and PostgreSQL (store/postgres.ts). All methods are async for PostgreSQL's sake.
import type { LinkCheckRecord, PageCacheRecord } from '../contract/crawl-cache.ts';
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

/** A finding as stored: with its cross-run identity and lifecycle, and its review state when scored. */
export interface StoredFinding extends Finding {
  identity: string;
  firstSeen: string;
  state: 'new' | 'persisting';
  /** The center waived it (shown, not scored), as the scorecard says. */
  waived?: { reason: string; by?: string; until?: string };
  /** The center confirmed a finding marked for review (then it is scored). */
  confirmed?: { by: string; note?: string };
  /** Indicator ids the finding fed when scored. */
  indicators?: string[];
}

/** A crawled page as stored (raw data, purged after the retention period): what was fetched, not its body. */
export interface StoredPage {
  url: string;
  finalUrl: string | null;
  status: number | null;
  error: string | null;
  contentType: string | null;
  charset: string | null;
  title: string | null;
  meta: Record<string, string>;
  depth: number | null;
  bytes: number | null;
  timeMs: number | null;
  /** ISO; null when the gatherer gave no readable time. */
  fetchedAt: string | null;
}

/** A keyed record (imported export rows, job state, tokens, bulletins, …). */
export interface StoredRecord<T = unknown> {
  key: string;
  siteKey: string | null;
  data: T;
  updatedAt: string;
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
  /** Outbox rows delivered or given up before the cutoff (pending and sending rows are never deleted). */
  notifications: number;
}

/** Where a notification stands: waiting (or waiting to retry), claimed for sending, delivered, or given up. */
export type NotificationState = 'pending' | 'sending' | 'sent' | 'failed';

/** What a notification says, as stored (rendered per channel when sent; never personal data or secrets). */
export interface NotificationMessage {
  title: string;
  lines: string[];
  /** The dashboard page it is about, when the dashboard's public URL is configured. */
  link?: string;
}

/** One message to one channel in the outbox (notify/outbox.ts). */
export interface NotificationRecord {
  /** `<eventKey>@<channel>`: the same event for the same channel is one row. */
  id: string;
  /** The event's idempotency key (e.g. `digest:2026-12-07:区教育局`). */
  eventKey: string;
  channel: string;
  /** The event kind (`digest`, `veto`, `homepage-down`, …). */
  kind: string;
  /** Sent during quiet hours too. */
  urgent: boolean;
  message: NotificationMessage;
  state: NotificationState;
  /** Sending attempts made so far. */
  attempts: number;
  createdAt: string;
  /** Not sent before this instant (retry backoff). */
  nextAt: string;
  updatedAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** A dashboard account: a center administrator or reviewer, or a unit's user (bound to its unit's sites). */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: 'admin' | 'reviewer' | 'unit';
  /** The unit, for a unit user. */
  unit: string | null;
  /** scrypt hash with its parameters and salt (dashboard/passwords.ts); never the password. */
  passwordHash: string;
  createdAt: string;
  createdBy: string | null;
  disabledAt: string | null;
  /** Failed sign-ins since the last success. */
  failedLogins: number;
  lockedUntil: string | null;
}

/** A signed-in session: only a hash of its id is kept, with its CSRF token. */
export interface SessionRecord {
  idHash: string;
  userId: string;
  csrf: string;
  createdAt: string;
  expiresAt: string;
}

/** One entry of the audit log: who did what, when, to what, and why. */
export interface AuditEntry {
  id: string;
  at: string;
  /** User name (or `cli`, `scheduler`). */
  actor: string;
  action: string;
  siteId: string | null;
  /** What it acted on (a finding identity, a user name, …). */
  target: string | null;
  detail: Record<string, unknown> | null;
}

/** The center's current decision on one finding of a site. */
export interface ReviewDecisionRecord {
  siteId: string;
  identity: string;
  kind: 'confirm' | 'dismiss' | 'waive';
  by: string;
  at: string;
  /** Why (dismiss, waive) or a note (confirm). */
  reason: string | null;
  /** Last local date a waiver holds (YYYY-MM-DD). */
  until: string | null;
  /** For a dismissal: the hash of the evidence dismissed. */
  evidenceHash: string | null;
}

export type { LinkCheckRecord, PageCacheRecord } from '../contract/crawl-cache.ts';

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
  /**
   * A site run's scoring result in one transaction: replaces its findings (as saveFindings) and records its state,
   * score, verdict and scorecard (as finishSiteRun), so the stored score never disagrees with the stored findings.
   * Call it again when a review changes a finding's status and the site run is re-scored.
   */
  saveSiteResult(rec: Omit<SiteRunRecord, 'startedAt'>, findings: StoredFinding[]): Promise<void>;
  getSiteRun(runId: string, siteId: string): Promise<SiteRunRecord | null>;
  listSiteRuns(runId: string): Promise<SiteRunRecord[]>;
  /**
   * Site runs of the runs whose audit clock falls in [from, to), newest audit clock first (then newest start), each
   * with its run's asOf; only runs in `runStates` and site runs in `state` when given. For the monthly bulletin.
   */
  listSiteRunsBetween(opts: { from: string; to: string; runStates?: RunState[]; state?: RunState }): Promise<(SiteRunRecord & { asOf: string })[]>;
  /** The most recent finished site run before `beforeRunId`'s start (or the latest when omitted). */
  previousSiteRun(siteId: string, before?: { asOf: string; runId: string }): Promise<SiteRunRecord | null>;
  /** Site runs of a site, newest first (for trends). */
  siteHistory(siteId: string, limit: number): Promise<SiteRunRecord[]>;

  savePages(runId: string, siteId: string, pages: PageArtifact[]): Promise<void>;
  saveLinkTargets(runId: string, siteId: string, targets: LinkTarget[]): Promise<void>;
  countPages(runId: string, siteId?: string): Promise<number>;
  /** The pages saved for a site run, by URL (code-point order). */
  listPages(runId: string, siteId: string): Promise<StoredPage[]>;
  /** The link targets saved for a site run, by URL (code-point order), as the links check saw them. */
  listLinkTargets(runId: string, siteId: string): Promise<LinkTarget[]>;
  /** Replaces the findings of a site run (idempotent: a re-run of the same site run writes the same set). */
  saveFindings(runId: string, siteId: string, findings: StoredFinding[]): Promise<void>;
  /** Findings of a run (one site's when given), ordered by site, check, code, URL and identity (code-point order). */
  listFindings(runId: string, siteId?: string): Promise<StoredFinding[]>;

  /**
   * Generic keyed records (imported exports, job state, …): upsert by (kind, key) in one transaction. Counts the
   * records that were new and those whose data (compared as JSON values) or site key changed; the rest are untouched.
   */
  upsertRecords(kind: string, records: StoredRecord[]): Promise<{ inserted: number; updated: number }>;
  /** Records of a kind by key (code-point order). */
  listRecords<T = unknown>(kind: string, opts?: { siteKey?: string }): Promise<StoredRecord<T>[]>;

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

  /**
   * Adds notifications to the outbox, each unless a row with its id exists (idempotent); returns the ids added.
   * `state` pending, no attempts yet.
   */
  enqueueNotifications(items: Pick<NotificationRecord, 'id' | 'eventKey' | 'channel' | 'kind' | 'urgent' | 'message' | 'createdAt' | 'nextAt'>[]): Promise<string[]>;
  /**
   * Claims a pending notification due at `at` for sending: atomically pending → sending, attempts + 1. True when this
   * caller won it; a claimed row is never claimed again, so a message is sent at most once.
   */
  claimNotification(id: string, at: string): Promise<boolean>;
  /** Records a claimed notification's outcome: sent, failed for good, or pending again from `nextAt` (a retry). */
  settleNotification(id: string, outcome: { state: 'sent' | 'failed' | 'pending'; at: string; nextAt?: string; error?: string | null }): Promise<void>;
  /** Notifications by creation time (oldest first): those in `states` when given, due at `dueAt` when given. */
  listNotifications(opts?: { states?: NotificationState[]; dueAt?: string; limit?: number }): Promise<NotificationRecord[]>;

  createUser(user: UserRecord): Promise<void>;
  updateUser(id: string, patch: Partial<Omit<UserRecord, 'id' | 'username' | 'createdAt' | 'createdBy'>>): Promise<void>;
  getUser(id: string): Promise<UserRecord | null>;
  findUser(username: string): Promise<UserRecord | null>;
  /** Users by user name (code-point order). */
  listUsers(): Promise<UserRecord[]>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a user (disabled, password changed). */
  deleteSessionsOf(userId: string): Promise<void>;

  /** Sets the decision on a finding (replacing an earlier one). */
  saveReviewDecision(d: ReviewDecisionRecord): Promise<void>;
  deleteReviewDecision(siteId: string, identity: string): Promise<void>;
  /** Every current decision, by site and identity (code-point order). */
  listReviewDecisions(): Promise<ReviewDecisionRecord[]>;
  /**
   * Imports decisions in one transaction (all or none): each replaces the decision on its (site, identity) when it
   * differs, and the audit entry `audit(counts)` is appended in the same transaction. Of two with one key the later
   * is kept. Idempotent: the same decisions again count as unchanged and write nothing but the audit entry.
   */
  importReviewDecisions(ds: ReviewDecisionRecord[], audit: (counts: { inserted: number; updated: number; unchanged: number }) => AuditEntry): Promise<{ inserted: number; updated: number; unchanged: number }>;

  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(opts?: { limit?: number; siteIds?: string[] }): Promise<AuditEntry[]>;

  /** The cached pages of a site without their payloads (validators, hash, fetch time), by URL (code-point order). */
  listPageCache(siteId: string): Promise<Omit<PageCacheRecord, 'payload'>[]>;
  /** One cached page with its payload, or null. */
  getPageCache(siteId: string, url: string): Promise<PageCacheRecord | null>;
  /** Upserts cached pages by (site, URL). */
  savePageCache(records: PageCacheRecord[]): Promise<void>;
  /** The last real check of each link target of a site, by URL (code-point order). */
  listLinkChecks(siteId: string): Promise<LinkCheckRecord[]>;
  /** Upserts link checks by (site, URL). */
  saveLinkChecks(records: LinkCheckRecord[]): Promise<void>;
  /** Forgets cached pages and link checks of a site by URL (what a complete crawl no longer found). */
  deleteCrawlCache(siteId: string, urls: { pages: string[]; links: string[] }): Promise<void>;

  /** Deletes raw data of finished runs started before `before` (pages, link targets) and probes older than it. */
  purgeRawData(before: string): Promise<PurgeCounts>;

  close(): Promise<void>;
}
