// The `errorReports` artifact: a site's error reports (我为政府网站找错) as imported into the store.
import type { ErrorReport } from '../imports/error-reports.ts';

/** What the error-report check reads for one site (crawler/gather-records.ts). */
export interface ErrorReportsArtifact {
  /** The site's reports, by 编号. */
  reports: ErrorReport[];
  /** Stored records that no longer validate (skipped): their 编号 and why. */
  invalid: { id: string; reason: string }[];
  /** Export files the config imports on every run (absolute paths); empty when reports come only from `import-reports`. */
  sources: string[];
}
