// Importing a record export into the store, whatever the export: read the file (bounded), parse it, merge each record
// with the stored one of the same 编号 (a later export's empty cell never erases a stored value), match it to a
// configured site, upsert. Bad rows are skipped and reported with their line; a file that cannot be read is `fatal`.
// Used by the disclosure-request import (scheduler/import-disclosure-requests.ts). NOTE to the error-report import
// (scheduler/import-error-reports.ts): this is the same read–parse–merge–match–upsert logic made generic over the
// export; `importErrorReportFile` can become `importRecordFile(errorReportExport, …)` with its own spec.
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import type { ImportError, ImportResult } from './errors.ts';

/** Largest export read, in bytes. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
const WARNED_ROWS = 3;

/** How one kind of export is stored. */
export interface StoredExport<T extends { id: string }> {
  /** The store's record kind (`upsertRecords` / `listRecords`). */
  kind: string;
  /** Plural name used in messages, e.g. "disclosure requests". */
  what: string;
  parse(bytes: Buffer, fileName: string, timeZone: string): ImportResult<T>;
  /** The stored record's schema (a stored record is read back through it). */
  schema: z.ZodType<T>;
  /** The configured site a record belongs to, or null. */
  match(sites: readonly SiteConfig[], record: T): { siteId: string } | null;
  /** How a record that matches no site is named in messages (its unit, site name, site code). */
  describe(record: T): string;
}

/** What one import did. */
export interface RecordImportResult {
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
  /** Records that match no configured site: kept with no site. */
  unmatched: { id: string; described: string }[];
}

/** Imports one export file. Never throws for a bad file (see `fatal` and `errors`); store failures do throw. */
export async function importRecordFile<T extends { id: string }>(
  spec: StoredExport<T>,
  file: string,
  opts: { config: DistrictConfig; store: Store; now: Date },
): Promise<RecordImportResult> {
  const result: RecordImportResult = { file, rows: 0, inserted: 0, updated: 0, unchanged: 0, errors: [], bySite: {}, unmatched: [] };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ...result, fatal: `${file} is not a file` };
    if (info.size > MAX_EXPORT_BYTES) return { ...result, fatal: `${file} is ${info.size} bytes, more than the ${MAX_EXPORT_BYTES}-byte limit` };
    bytes = await readFile(file);
  } catch (e) {
    return { ...result, fatal: `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  const parsed = spec.parse(bytes, file, opts.config.timezone);
  result.errors = parsed.errors;
  // The parser reports a file-level problem (format, header, quoting) as its only error, prefixed with the file name.
  const [only] = parsed.errors;
  if (parsed.records.length === 0 && parsed.errors.length === 1 && only.message.startsWith(`${file}: `)) {
    return { ...result, fatal: only.line === null ? only.message : `${only.message} (line ${only.line})` };
  }
  result.rows = parsed.records.length;

  const stored = new Map((await opts.store.listRecords<unknown>(spec.kind)).map((r) => [r.key, r.data]));
  const records = parsed.records.map((incoming) => {
    const previous = spec.schema.safeParse(stored.get(incoming.id));
    const data = spec.schema.parse(previous.success ? mergeRecord(previous.data, incoming) : incoming);
    const match = spec.match(opts.config.sites, data);
    if (match) result.bySite[match.siteId] = (result.bySite[match.siteId] ?? 0) + 1;
    else result.unmatched.push({ id: data.id, described: spec.describe(data) });
    return { key: data.id, siteKey: match?.siteId ?? null, data, updatedAt: opts.now.toISOString() };
  });
  const { inserted, updated } = await opts.store.upsertRecords(spec.kind, records);
  return { ...result, inserted, updated, unchanged: records.length - inserted - updated };
}

/** The stored record updated by a newer export: values the export has win, empty (null) ones keep what was stored. */
export function mergeRecord<T extends object>(stored: T, incoming: T): T {
  const merged = { ...stored };
  for (const key of Object.keys(incoming) as (keyof T)[]) {
    const value = incoming[key];
    if (value !== null) merged[key] = value;
  }
  return merged;
}

/** Lines for the run summary: what went wrong in one import (English, for logs). */
export function recordImportWarnings(what: string, r: RecordImportResult): string[] {
  if (r.fatal) return [`${what}: ${r.fatal}`];
  const out: string[] = [];
  if (r.errors.length) {
    const shown = r.errors.slice(0, WARNED_ROWS).map((e) => e.message).join('; ');
    out.push(`${what} ${r.file}: ${r.errors.length} bad row(s) skipped — ${shown}${r.errors.length > WARNED_ROWS ? '; …' : ''}`);
  }
  if (r.unmatched.length) {
    const ids = r.unmatched.slice(0, 5).map((u) => u.id).join(', ');
    out.push(`${what} ${r.file}: ${r.unmatched.length} record(s) match no configured site (kept without a site): ${ids}${r.unmatched.length > 5 ? ', …' : ''}`);
  }
  return out;
}

/** The command's printout: totals, each bad row, the sites matched and the records matching none. */
export function recordImportReport(what: string, r: RecordImportResult, fileName: string): string {
  const lines = [
    `${fileName}: ${r.rows} ${what} read — ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged; ${r.errors.length} bad row(s) skipped`,
  ];
  for (const e of r.errors) lines.push(`  skipped: ${e.message}`);
  const sites = Object.entries(r.bySite).sort(([a], [b]) => a.localeCompare(b));
  if (sites.length) lines.push(`  by site: ${sites.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  for (const u of r.unmatched) lines.push(`  no site: ${u.id} (${u.described}) kept without a site: add the site, its unit or its siteCode to the config`);
  return `${lines.join('\n')}\n`;
}
