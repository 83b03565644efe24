// The `probes` artifact: a site's homepage availability probes over the judged window, read from the store
// (the service takes them on its probe schedule). Plain data; the availability check judges it.

/** One probe of the homepage. */
export interface ProbeSample {
  /** When it started, ISO (UTC). */
  at: string;
  /** An answer with status < 400 came within the time limit. */
  ok: boolean;
  status: number | null;
  /** Network failure code when there was no answer (`timeout`, `dns`, `refused`, …). */
  error: string | null;
  timeMs: number;
}

export interface ProbesArtifact {
  /** Zone the days are counted in. */
  timezone: string;
  /** The complete local days judged (`YYYY-MM-DD`), oldest first; they end the day before the audit clock. */
  days: string[];
  /** Window as instants: [from, to). */
  from: string;
  to: string;
  /** Probes of this site within the window, oldest first. */
  probes: ProbeSample[];
}
