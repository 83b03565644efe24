// Before every audit, each record kind's export files named in the config (`errorReports`, `disclosureRequests`) are
// imported into the store with the one record import (imports/store-import.ts): one prepare step per kind, so a
// failing kind never keeps the next from being imported. Problems become warnings of the run summary.
import { recordKinds } from '../contract/records/index.ts';
import type { RecordKind } from '../contract/records/kind.ts';
import { configuredExports, importRecordFile, recordImportWarnings } from '../imports/store-import.ts';
import type { PrepareStep } from './prepare-step.ts';

/** The prepare step importing the config's export files of `kind` (id `import-<kind name>`, e.g. `import-error-reports`). */
export function recordImportStep(kind: RecordKind): PrepareStep {
  return {
    id: `import-${kind.name}`,
    async run({ config, store, now }) {
      const warnings: string[] = [];
      for (const file of configuredExports(kind, config)) {
        warnings.push(...recordImportWarnings(kind, await importRecordFile(kind, file, { config, store, now })));
      }
      return warnings;
    },
  };
}

/** One import step per record kind, in the registry's order. */
export const recordImportSteps: PrepareStep[] = recordKinds.map(recordImportStep);
