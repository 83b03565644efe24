// The `errorReports` artifact: a site's error reports (我为政府网站找错) as imported into the store, and where they
// come from (the store's record kind, the config's export files).
import { resolve } from 'node:path';
import type { DistrictConfig } from '../config/schema.ts';
import type { ErrorReport } from '../imports/error-reports.ts';

/** The store's record kind for error reports (`upsertRecords` / `listRecords`). */
export const ERROR_REPORT_KIND = 'error-report';

/** Paths of the config's error-report exports, absolute (relative ones resolve against the config's folder). */
export function configuredExports(config: DistrictConfig): string[] {
  return config.errorReports.map((p) => resolve(config.baseDir, p));
}

/** What the error-report check reads for one site (crawler/gather-records.ts). */
export interface ErrorReportsArtifact {
  /** The site's reports, by 编号. */
  reports: ErrorReport[];
  /** Stored records that no longer validate (skipped): their 编号 and why. */
  invalid: { id: string; reason: string }[];
  /** Export files the config imports on every run (absolute paths); empty when reports come only from `import-reports`. */
  sources: string[];
}
