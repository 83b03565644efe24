// The prepare steps (scheduler/import-records.ts): before every audit, each record kind's export files named in the
// config (relative to the config's folder) are imported, and what went wrong becomes warnings of the run summary.
import { describe, expect, it } from 'vitest';
import { recordImportStep, recordImportSteps } from '../../scheduler/import-records.ts';
import { errorReportKind } from '../../contract/records/error-reports.ts';
import { disclosureRequestKind } from '../../contract/records/disclosure-requests.ts';
import { DISCLOSURE_REQUEST_HEADER, ERROR_REPORT_HEADER, recordsWorkspace, reportRows, requestRows } from '../support/records.ts';

const now = new Date('2026-11-20T10:00:00+08:00');
const ws = recordsWorkspace();

describe('the prepare steps', () => {
  it('are one per record kind, in the registry order, named after the kind', () => {
    expect(recordImportSteps.map((s) => s.id)).toEqual(['import-error-reports', 'import-disclosure-requests']);
  });

  it("import the config's error-report exports (relative to the config's folder) and turn problems into warnings", async () => {
    await ws.csv('reports.csv', ERROR_REPORT_HEADER, reportRows);
    const cfg = ws.config({ errorReports: ['reports.csv', 'gone.csv'] });
    const warnings = await recordImportStep(errorReportKind).run({ config: cfg, store: ws.store, now });
    expect(warnings).toEqual([
      expect.stringMatching(/reports\.csv: 2 bad row\(s\) skipped — error report R4 \(line 5\)/),
      expect.stringMatching(/reports\.csv: 1 report\(s\) match no configured site .*: R3$/),
      expect.stringMatching(/^error reports: cannot read .*gone\.csv \(ENOENT\)$/),
    ]);
    expect(Object.keys(await ws.stored(errorReportKind.id))).toEqual(['R1', 'R2', 'R3']);
  });

  it('import the configured disclosure-request exports before an audit, with warnings for what went wrong', async () => {
    await ws.csv('requests.csv', DISCLOSURE_REQUEST_HEADER, requestRows);
    const cfg = ws.config({ disclosureRequests: ['requests.csv', 'missing.csv'] });
    const warnings = await recordImportStep(disclosureRequestKind).run({ config: cfg, store: ws.store, now });
    expect(warnings).toEqual([
      expect.stringMatching(/^disclosure requests .*requests\.csv: 2 bad row\(s\) skipped — disclosure request Q4 \(line 5\)/),
      expect.stringMatching(/^disclosure requests .*requests\.csv: 1 record\(s\) match no configured site \(kept without a site\): Q3$/),
      expect.stringMatching(/^disclosure requests: cannot read .*missing\.csv \(ENOENT\)$/),
    ]);
    expect(Object.keys(await ws.stored(disclosureRequestKind.id))).toEqual(['Q1', 'Q2', 'Q3']);
  });

  it("import each kind's files only, so a config listing both kinds fills both", async () => {
    await ws.csv('reports.csv', ERROR_REPORT_HEADER, reportRows);
    await ws.csv('requests.csv', DISCLOSURE_REQUEST_HEADER, requestRows);
    const cfg = ws.config({ errorReports: ['reports.csv'], disclosureRequests: ['requests.csv'] });
    for (const step of recordImportSteps) await step.run({ config: cfg, store: ws.store, now });
    expect(Object.keys(await ws.stored(errorReportKind.id))).toEqual(['R1', 'R2', 'R3']);
    expect(Object.keys(await ws.stored(disclosureRequestKind.id))).toEqual(['Q1', 'Q2', 'Q3']);
  });
});
