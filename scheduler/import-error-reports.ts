// Importing an error-report export (我为政府网站找错) into the store: parse, match each report to a configured site,
// merge with what is stored (keyed by 编号), upsert. Used by `govaudit import-reports` and, for the config's
// `errorReports` files, by a prepare step before every audit. A bad row is skipped and reported; nothing stored is
// lost (a later export's empty cell never erases a stored value).
import { readFile, stat } from 'node:fs/promises';
import type { DistrictConfig } from '../config/schema.ts';
import { configuredExports, ERROR_REPORT_KIND } from '../imports/error-report-records.ts';
import { matchSite } from '../imports/record-sites.ts';
import { parseErrorReports } from '../imports/error-reports.ts';
import { errorReportSchema, type ErrorReport } from '../contract/artifacts/error-reports.ts';
import type { ImportError } from '../imports/errors.ts';
import type { Store } from '../store/types.ts';
import type { PrepareStep } from './prepare-step.ts';

/** Largest export read, in bytes. */
const MAX_BYTES = 64 * 1024 * 1024;
const WARNED_ROWS = 3;

/** What one import did. */
export interface ReportImportResult {
  file: string;
  /** The file could not be read at all (missing, too large, not CSV/JSON): nothing was imported. */
  fatal?: string;
  /** Good rows read. */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Bad rows, skipped, with their line (CSV, 1-based) or index (JSON, 0-based). */
  errors: ImportError[];
  /** Good rows per matched site id. */
  bySite: Record<string, number>;
  /** Reports that match no configured site: kept with no site. */
  unmatched: { id: string; siteName: string | null; siteCode: string | null }[];
}

/** Imports one export file. Never throws for a bad file (see `fatal` and `errors`); store failures do throw. */
export async function importErrorReportFile(file: string, opts: { config: DistrictConfig; store: Store; now: Date }): Promise<ReportImportResult> {
  const result: ReportImportResult = { file, rows: 0, inserted: 0, updated: 0, unchanged: 0, errors: [], bySite: {}, unmatched: [] };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ...result, fatal: `${file} is not a file` };
    if (info.size > MAX_BYTES) return { ...result, fatal: `${file} is ${info.size} bytes, more than the ${MAX_BYTES}-byte limit` };
    bytes = await readFile(file);
  } catch (e) {
    return { ...result, fatal: `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  const parsed = parseErrorReports(bytes, file, opts.config.timezone);
  result.errors = parsed.errors;
  // The parser reports a file-level problem (format, header, quoting) as its only error, prefixed with the file name.
  const [only] = parsed.errors;
  if (parsed.records.length === 0 && parsed.errors.length === 1 && only.message.startsWith(`${file}: `)) {
    return { ...result, fatal: only.line === null ? only.message : `${only.message} (line ${only.line})` };
  }
  result.rows = parsed.records.length;

  const stored = new Map((await opts.store.listRecords<unknown>(ERROR_REPORT_KIND)).map((r) => [r.key, r.data]));
  const records = parsed.records.map((incoming) => {
    const previous = errorReportSchema.safeParse(stored.get(incoming.id));
    const data = errorReportSchema.parse(previous.success ? mergeReport(previous.data, incoming) : incoming);
    const match = matchSite(opts.config.sites, data);
    if (match) result.bySite[match.siteId] = (result.bySite[match.siteId] ?? 0) + 1;
    else result.unmatched.push({ id: data.id, siteName: data.siteName, siteCode: data.siteCode });
    return { key: data.id, siteKey: match?.siteId ?? null, data, updatedAt: opts.now.toISOString() };
  });
  const { inserted, updated } = await opts.store.upsertRecords(ERROR_REPORT_KIND, records);
  return { ...result, inserted, updated, unchanged: records.length - inserted - updated };
}

/** The stored report updated by a newer export: values the export has win, empty ones keep what was stored. */
export function mergeReport(stored: ErrorReport, incoming: ErrorReport): ErrorReport {
  const merged = { ...stored };
  for (const key of Object.keys(incoming) as (keyof ErrorReport)[]) {
    const value = incoming[key];
    if (value !== null) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Lines for the run summary / CLI: what went wrong in one import (English, for logs). */
export function importWarnings(r: ReportImportResult): string[] {
  const out: string[] = [];
  if (r.fatal) return [`error reports: ${r.fatal}`];
  if (r.errors.length) {
    const shown = r.errors.slice(0, WARNED_ROWS).map((e) => e.message).join('; ');
    out.push(`error reports ${r.file}: ${r.errors.length} bad row(s) skipped — ${shown}${r.errors.length > WARNED_ROWS ? '; …' : ''}`);
  }
  if (r.unmatched.length) {
    out.push(`error reports ${r.file}: ${r.unmatched.length} report(s) match no configured site by 网站标识码 or 网站名称 (kept without a site): ${r.unmatched.slice(0, 5).map((u) => u.id).join(', ')}${r.unmatched.length > 5 ? ', …' : ''}`);
  }
  return out;
}

/** Prepare step: imports the config's `errorReports` files before each audit. */
export const errorReportsPrepareStep: PrepareStep = {
  id: 'import-error-reports',
  async run({ config, store, now }) {
    const warnings: string[] = [];
    for (const file of configuredExports(config)) warnings.push(...importWarnings(await importErrorReportFile(file, { config, store, now })));
    return warnings;
  },
};
