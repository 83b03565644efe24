// The record kinds with a statutory deadline, in the order they are imported and listed. Adding a kind adds its
// data file and a line here (docs/records.md); the import, the gatherer, the judge and the due-soon list follow.
import { disclosureRequestKind } from './disclosure-requests.ts';
import { errorReportKind } from './error-reports.ts';
import type { RecordKind, RecordSet } from './kind.ts';

export const recordKinds: readonly RecordKind[] = [errorReportKind, disclosureRequestKind];

/** The `records` artifact: each kind's records for the site, by kind id (`error-report`, …). */
export type RecordsArtifact = Partial<Record<string, RecordSet>>;
