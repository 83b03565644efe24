// Importing a record export into the store, whatever its kind: read the file (bounded), parse it, merge each record
// with the stored one of the same 编号 (a later export's empty cell never erases a stored value), match it to a
// configured site, upsert. Bad rows are skipped and reported with their line; a file that cannot be read is `fatal`.
// Used by `govaudit import` (and its aliases `import-reports`, `import-requests`) and by the prepare step that imports
// the config's export files before every audit.
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { DistrictConfig } from '../config/schema.ts';
import type { AnyRecord, Fields, RecordKind } from '../contract/records/kind.ts';
import type { Store } from '../store/types.ts';
import type { ImportError } from './errors.ts';
import { parseRecordExport } from './records.ts';
import { matchSite } from './site-match.ts';

/** Largest export read, in bytes. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
const WARNED_ROWS = 3;

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
  /**
   * Records that match no configured site: kept with no site. Each says what it names (`described`, e.g.
   * `网站名称 某网站, 网站标识码 —`) and carries its site fields by key (`siteName`/`unit`, `siteCode`).
   */
  unmatched: ({ id: string; described: string } & Record<string, string | number | null>)[];
}

/** Paths of the config's export files of `kind`, absolute (relative ones resolve against the config's folder). */
export function configuredExports(kind: Pick<RecordKind, 'exports'>, config: DistrictConfig): string[] {
  return config[kind.exports].map((p) => resolve(config.baseDir, p));
}

/** Imports one export file of `kind`. Never throws for a bad file (see `fatal` and `errors`); store failures do throw. */
export async function importRecordFile<F extends Fields>(
  kind: RecordKind<F>,
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
  const parsed = parseRecordExport(kind, bytes, file, opts.config.timezone);
  result.errors = parsed.errors;
  // The parser reports a file-level problem (format, header, quoting) as its only error, prefixed with the file name.
  const [only] = parsed.errors;
  if (parsed.records.length === 0 && parsed.errors.length === 1 && only.message.startsWith(`${file}: `)) {
    return { ...result, fatal: only.line === null ? only.message : `${only.message} (line ${only.line})` };
  }
  result.rows = parsed.records.length;

  const stored = new Map((await opts.store.listRecords<unknown>(kind.id)).map((r) => [r.key, r.data]));
  const records = parsed.records.map((incoming) => {
    const previous = kind.schema.safeParse(stored.get(incoming.id));
    const data = kind.schema.parse(previous.success ? mergeRecord(previous.data, incoming) : incoming) as AnyRecord;
    const match = matchSite(kind, opts.config.sites, data);
    if (match) result.bySite[match.siteId] = (result.bySite[match.siteId] ?? 0) + 1;
    else result.unmatched.push(unmatched(kind, data));
    return { key: data.id, siteKey: match?.siteId ?? null, data, updatedAt: opts.now.toISOString() };
  });
  const { inserted, updated } = await opts.store.upsertRecords(kind.id, records);
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

/** A record matching no site: what it names, in its export's words, and its site fields. */
function unmatched(kind: RecordKind, r: AnyRecord): RecordImportResult['unmatched'][number] {
  const { code, name } = kind.site;
  const described = `${kind.fields[name].header} ${r[name] ?? '—'}, ${kind.fields[code].header} ${r[code] ?? '—'}`;
  return { id: r.id, described, [name]: r[name], [code]: r[code] };
}

/** Lines for the run summary: what went wrong in one import of `kind` (English, for logs). */
export function recordImportWarnings(kind: Pick<RecordKind, 'what' | 'counted'>, r: RecordImportResult): string[] {
  const what = `${kind.what}s`;
  if (r.fatal) return [`${what}: ${r.fatal}`];
  const out: string[] = [];
  if (r.errors.length) {
    const shown = r.errors.slice(0, WARNED_ROWS).map((e) => e.message).join('; ');
    out.push(`${what} ${r.file}: ${r.errors.length} bad row(s) skipped — ${shown}${r.errors.length > WARNED_ROWS ? '; …' : ''}`);
  }
  if (r.unmatched.length) {
    const ids = r.unmatched.slice(0, 5).map((u) => u.id).join(', ');
    out.push(`${what} ${r.file}: ${r.unmatched.length} ${kind.counted.unmatched} match no configured site (kept without a site): ${ids}${r.unmatched.length > 5 ? ', …' : ''}`);
  }
  return out;
}

/** The command's printout: totals, each bad row, the sites matched and the records matching none (with what to add). */
export function recordImportReport(kind: Pick<RecordKind, 'counted' | 'site'>, r: RecordImportResult): string {
  const fix = kind.site.matches === 'name' ? 'the site or its siteCode' : `the site, its ${kind.site.matches} or its siteCode`;
  const lines = [
    `${basename(r.file)}: ${r.rows} ${kind.counted.read} read — ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged; ${r.errors.length} bad row(s) skipped`,
  ];
  for (const e of r.errors) lines.push(`  skipped: ${e.message}`);
  const sites = Object.entries(r.bySite).sort(([a], [b]) => a.localeCompare(b));
  if (sites.length) lines.push(`  by site: ${sites.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  for (const u of r.unmatched) lines.push(`  no site: ${u.id} (${u.described}) kept without a site: add ${fix} to the config`);
  return `${lines.join('\n')}\n`;
}
