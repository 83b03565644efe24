// SQLite schema migrations, applied in order; each entry's index + 1 is its version. Append only.
export const sqliteMigrations: string[] = [
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
  // Homepage availability probes (one row per probe) and named locks (one audit at a time, across restarts).
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
