// The store's tables as Kysely sees them (column names as in the database). One description for both dialects: a
// column that differs by dialect says so in its type — SQLite keeps JSON and times as TEXT, PostgreSQL as jsonb and
// timestamptz (read back parsed and as Date), booleans are 0/1 in SQLite. store/kysely-store.ts turns rows into records.
import type { ColumnType } from 'kysely';

/** An instant: written as ISO text; read as that text (SQLite, TEXT) or a Date (PostgreSQL, timestamptz). */
export type Time = ColumnType<string | Date, string, string>;
export type TimeOrNull = ColumnType<string | Date | null, string | null, string | null>;
/** A JSON value: written as JSON text; read as text (SQLite, TEXT) or parsed (PostgreSQL, jsonb). */
export type Json = ColumnType<unknown, string, string>;
export type JsonOrNull = ColumnType<unknown, string | null, string | null>;
/** A flag: written as 0/1 (both dialects accept it); read as 0/1 (SQLite, INTEGER) or a boolean (PostgreSQL). */
export type Flag = ColumnType<number | boolean, number, number>;
export type FlagOrNull = ColumnType<number | boolean | null, number | null, number | null>;

export interface RunsTable {
  id: string;
  kind: string;
  state: string;
  as_of: Time;
  started_at: Time;
  finished_at: TimeOrNull;
  site_ids: Json;
  summary: JsonOrNull;
  error: string | null;
}

export interface SiteRunsTable {
  run_id: string;
  site_id: string;
  state: string;
  started_at: TimeOrNull;
  finished_at: TimeOrNull;
  score: number | null;
  verdict: string | null;
  scorecard: JsonOrNull;
  error: string | null;
}

export interface PagesTable {
  run_id: string;
  site_id: string;
  url: string;
  final_url: string | null;
  status: number | null;
  error: string | null;
  content_type: string | null;
  charset: string | null;
  title: string | null;
  meta: JsonOrNull;
  depth: number | null;
  bytes: number | null;
  time_ms: number | null;
  fetched_at: TimeOrNull;
}

export interface LinkTargetsTable {
  run_id: string;
  site_id: string;
  url: string;
  internal: Flag;
  method: string | null;
  status: number | null;
  error: string | null;
  soft404: FlagOrNull;
  on_homepage: FlagOrNull;
  found_on: JsonOrNull;
  // migration 4
  final_url: string | null;
  redirects: number | null;
  error_message: string | null;
  /** Written by runs before the soft-404 signals (migration "link targets keep soft-404 signals"); read back as they were. */
  soft404_reason: string | null;
  tags: JsonOrNull;
  skipped: string | null;
  // link targets keep soft-404 signals and rate limits
  soft404_signals: JsonOrNull;
  rate_limited: JsonOrNull;
}

export interface FindingsTable {
  run_id: string;
  site_id: string;
  identity: string;
  check_id: string;
  code: string;
  severity: string;
  review: Flag;
  url: string | null;
  message: string;
  evidence: Json;
  first_seen: Time;
  state: string;
  // migration 4
  waived: JsonOrNull;
  confirmed: JsonOrNull;
  indicators: JsonOrNull;
}

export interface RecordsTable {
  kind: string;
  key: string;
  site_key: string | null;
  data: Json;
  updated_at: Time;
}

export interface ProbesTable {
  site_id: string;
  at: Time;
  url: string;
  ok: Flag;
  status: number | null;
  error: string | null;
  time_ms: number;
}

export interface LocksTable {
  name: string;
  holder: string;
  pid: number;
  host: string;
  run_id: string | null;
  acquired_at: Time;
  heartbeat_at: Time;
}

/** Migration 5: the notification outbox (notify/outbox.ts). */
export interface NotifyOutboxTable {
  id: string;
  event_key: string;
  channel: string;
  kind: string;
  urgent: Flag;
  message: Json;
  state: string;
  attempts: number;
  created_at: Time;
  next_at: Time;
  updated_at: Time;
  sent_at: TimeOrNull;
  last_error: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit: string | null;
  password_hash: string;
  created_at: Time;
  created_by: string | null;
  disabled_at: TimeOrNull;
  failed_logins: number;
  locked_until: TimeOrNull;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf: string;
  created_at: Time;
  expires_at: Time;
}

export interface AuditLogTable {
  id: string;
  at: Time;
  actor: string;
  action: string;
  site_id: string | null;
  target: string | null;
  detail: JsonOrNull;
}

export interface ReviewDecisionsTable {
  site_id: string;
  identity: string;
  kind: string;
  by_user: string;
  at: Time;
  reason: string | null;
  until: string | null;
  evidence_hash: string | null;
}

/** The incremental crawl's memory of one page of a site: its validators, body hash and the stored answer. */
export interface PageCacheTable {
  site_id: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  content_hash: string;
  /** When the body was last received in full (a 304 does not move it). */
  fetched_at: Time;
  /** The answer to rebuild the page from, encoded by the crawler (compressed, base64). */
  payload: string;
}

/** The incremental crawl's memory of one link target's last real check. */
export interface LinkCheckCacheTable {
  site_id: string;
  url: string;
  checked_at: Time;
  healthy: Flag;
  outcome: Json;
}

export interface Tables {
  runs: RunsTable;
  site_runs: SiteRunsTable;
  pages: PagesTable;
  link_targets: LinkTargetsTable;
  findings: FindingsTable;
  records: RecordsTable;
  probes: ProbesTable;
  locks: LocksTable;
  notify_outbox: NotifyOutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  review_decisions: ReviewDecisionsTable;
  page_cache: PageCacheTable;
  link_check_cache: LinkCheckCacheTable;
}
