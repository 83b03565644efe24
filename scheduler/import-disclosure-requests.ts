// Importing a disclosure-request export (依申请公开) into the store with the shared record import
// (imports/store-import.ts): used by `govaudit import-requests` and, for the config's `disclosureRequests` files, by a
// prepare step before every audit. Requests are keyed by 编号 and matched to sites by 网站标识码, then 受理机关.
import { configuredRequestExports, DISCLOSURE_REQUEST_KIND, matchRequestSite } from '../imports/disclosure-request-records.ts';
import { parseDisclosureRequests } from '../imports/disclosure-requests.ts';
import { disclosureRequestSchema, type DisclosureRequest } from '../contract/artifacts/disclosure-requests.ts';
import { importRecordFile, recordImportWarnings, type RecordImportResult, type StoredExport } from '../imports/store-import.ts';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import type { PrepareStep } from './prepare-step.ts';

/** How disclosure requests are stored. */
export const disclosureRequestExport: StoredExport<DisclosureRequest> = {
  kind: DISCLOSURE_REQUEST_KIND,
  what: 'disclosure requests',
  parse: parseDisclosureRequests,
  schema: disclosureRequestSchema,
  match: matchRequestSite,
  describe: (r) => `受理机关 ${r.unit ?? '—'}, 网站标识码 ${r.siteCode ?? '—'}`,
};

/** Imports one disclosure-request export file (see `importRecordFile`). */
export function importDisclosureRequestFile(file: string, opts: { config: DistrictConfig; store: Store; now: Date }): Promise<RecordImportResult> {
  return importRecordFile(disclosureRequestExport, file, opts);
}

/** Prepare step: imports the config's `disclosureRequests` files before each audit. */
export const disclosureRequestsPrepareStep: PrepareStep = {
  id: 'import-disclosure-requests',
  async run({ config, store, now }) {
    const warnings: string[] = [];
    for (const file of configuredRequestExports(config)) {
      warnings.push(...recordImportWarnings(disclosureRequestExport.what, await importDisclosureRequestFile(file, { config, store, now })));
    }
    return warnings;
  },
};
