// Where a site's error reports (我为政府网站找错) come from: the store's record kind and the config's export files.
import { resolve } from 'node:path';
import type { DistrictConfig } from '../config/schema.ts';

/** The store's record kind for error reports (`upsertRecords` / `listRecords`). */
export const ERROR_REPORT_KIND = 'error-report';

/** Paths of the config's error-report exports, absolute (relative ones resolve against the config's folder). */
export function configuredExports(config: DistrictConfig): string[] {
  return config.errorReports.map((p) => resolve(config.baseDir, p));
}
