// The check contract (STYLE.md): `{ id, title, requires, run(artifacts, ctx) }`, one pure function per file.
import type { Finding } from '../contract/finding.ts';
import type { Coverage } from '../contract/check-result.ts';
import type { ArtifactName, SiteArtifactsOf } from '../contract/artifacts.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import type { WorkCalendar } from '../calendar/workdays.ts';

/** The artifacts a check reads, with its site's config. */
export type SiteArtifacts = SiteArtifactsOf<SiteConfig>;

export interface CheckContext {
  /** The audit's clock (`--now` or the config's `asOf`). */
  now: Date;
  timezone: string;
  config: DistrictConfig;
  site: SiteConfig;
  calendar: WorkCalendar;
}

/** What a check may return: findings alone, or findings with the metrics shown on the scorecard. */
export type CheckOutput =
  | Finding[]
  | {
      findings: Finding[];
      metrics?: Record<string, unknown>;
      /** The check could not measure (e.g. no browser): shown as "not measured" with this reason. */
      notMeasured?: string;
      /** Loud notices for the run and the scorecard (e.g. a date beyond the holiday calendar). */
      warnings?: string[];
      /** What it should judge and what it could: saw candidates but judged none → not measured (runner.ts). */
      coverage?: Coverage;
    };

export interface Check {
  /** Equals the file name under checks/. */
  id: string;
  /** Chinese title shown on the scorecard. */
  title: string;
  /** Artifact keys the check reads; `text`/`html` ask the crawler to keep page text / HTML. */
  requires: ArtifactName[];
  /**
   * Artifact keys the check uses when they were gathered but can do without (it then reads the same from the pages,
   * e.g. `documentMeta`): gathered whenever the check is enabled, never a reason for "not measured".
   */
  reads?: ArtifactName[];
  run(artifacts: SiteArtifacts, ctx: CheckContext): CheckOutput;
}
