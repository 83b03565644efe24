// Test fixture: the store's schema as released before the Kysely rewrite (SQLite user_version 2; PostgreSQL
// schema_version 2 with JSON and times as TEXT), to prove a database made by the old code opens and is migrated
// forward. Frozen copies of the old DDL: never edit them to follow the current schema.

/** The old SQLite DDL, versions 1 and 2. */
export const legacySqliteDdl: string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    as_of TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    site_ids TEXT NOT NULL,
    summary TEXT,
    error TEXT
  );
  CREATE INDEX runs_as_of ON runs(as_of);
  CREATE TABLE site_runs (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    site_id TEXT NOT NULL,
    state TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    score REAL,
    verdict TEXT,
    scorecard TEXT,
    error TEXT,
    PRIMARY KEY (run_id, site_id)
  );
  CREATE INDEX site_runs_site ON site_runs(site_id, finished_at);
  CREATE TABLE pages (
    run_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    final_url TEXT,
    status INTEGER,
    error TEXT,
    content_type TEXT,
    charset TEXT,
    title TEXT,
    meta TEXT,
    depth INTEGER,
    bytes INTEGER,
    time_ms INTEGER,
    fetched_at TEXT,
    PRIMARY KEY (run_id, site_id, url)
  );
  CREATE TABLE link_targets (
    run_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    internal INTEGER NOT NULL,
    method TEXT,
    status INTEGER,
    error TEXT,
    soft404 INTEGER,
    on_homepage INTEGER,
    found_on TEXT,
    PRIMARY KEY (run_id, site_id, url)
  );
  CREATE TABLE findings (
    run_id TEXT NOT NULL,
    site_id TEXT NOT NULL,
    identity TEXT NOT NULL,
    check_id TEXT NOT NULL,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    review INTEGER NOT NULL DEFAULT 0,
    url TEXT,
    message TEXT NOT NULL,
    evidence TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (run_id, site_id, identity)
  );
  CREATE TABLE records (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    site_key TEXT,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX records_site ON records(kind, site_key);
  `,
  `
  CREATE TABLE probes (
    site_id TEXT NOT NULL,
    at TEXT NOT NULL,
    url TEXT NOT NULL,
    ok INTEGER NOT NULL,
    status INTEGER,
    error TEXT,
    time_ms INTEGER NOT NULL,
    PRIMARY KEY (site_id, at)
  );
  CREATE INDEX probes_at ON probes(at);
  CREATE TABLE locks (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    run_id TEXT,
    acquired_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL
  );
  `,
];

/** The old PostgreSQL DDL, versions 1 and 2 (`§` stands for the schema). */
export const legacyPostgresDdl: string[] = [
  `
  CREATE TABLE §.runs (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, as_of TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT, site_ids TEXT NOT NULL, summary TEXT, error TEXT
  );
  CREATE INDEX runs_as_of ON §.runs(as_of);
  CREATE TABLE §.site_runs (
    run_id TEXT NOT NULL REFERENCES §.runs(id) ON DELETE CASCADE, site_id TEXT NOT NULL, state TEXT NOT NULL,
    started_at TEXT, finished_at TEXT, score DOUBLE PRECISION, verdict TEXT, scorecard TEXT, error TEXT,
    PRIMARY KEY (run_id, site_id)
  );
  CREATE INDEX site_runs_site ON §.site_runs(site_id, finished_at);
  CREATE TABLE §.pages (
    run_id TEXT NOT NULL, site_id TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT, status INTEGER, error TEXT,
    content_type TEXT, charset TEXT, title TEXT, meta TEXT, depth INTEGER, bytes INTEGER, time_ms INTEGER, fetched_at TEXT,
    PRIMARY KEY (run_id, site_id, url)
  );
  CREATE TABLE §.link_targets (
    run_id TEXT NOT NULL, site_id TEXT NOT NULL, url TEXT NOT NULL, internal BOOLEAN NOT NULL, method TEXT, status INTEGER,
    error TEXT, soft404 BOOLEAN, on_homepage BOOLEAN, found_on TEXT,
    PRIMARY KEY (run_id, site_id, url)
  );
  CREATE TABLE §.findings (
    run_id TEXT NOT NULL, site_id TEXT NOT NULL, identity TEXT NOT NULL, check_id TEXT NOT NULL, code TEXT NOT NULL,
    severity TEXT NOT NULL, review BOOLEAN NOT NULL DEFAULT FALSE, url TEXT, message TEXT NOT NULL, evidence TEXT NOT NULL,
    first_seen TEXT NOT NULL, state TEXT NOT NULL,
    PRIMARY KEY (run_id, site_id, identity)
  );
  CREATE TABLE §.records (
    kind TEXT NOT NULL, key TEXT NOT NULL, site_key TEXT, data TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX records_site ON §.records(kind, site_key);
  `,
  `
  CREATE TABLE §.probes (
    site_id TEXT NOT NULL, at TEXT NOT NULL, url TEXT NOT NULL, ok BOOLEAN NOT NULL, status INTEGER, error TEXT,
    time_ms INTEGER NOT NULL,
    PRIMARY KEY (site_id, at)
  );
  CREATE INDEX probes_at ON §.probes(at);
  CREATE TABLE §.locks (
    name TEXT PRIMARY KEY, holder TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, run_id TEXT,
    acquired_at TEXT NOT NULL, heartbeat_at TEXT NOT NULL
  );
  `,
];
