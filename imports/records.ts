// The one reader behind every record export (a kind is data: contract/records/): CSV or JSON detection, header
// mapping, per-row zod validation with line numbers, duplicate 编号 detection.
import { extname } from 'node:path';
import { z } from 'zod';
import { assertTimeZone } from '../calendar/timezone.ts';
import type { FieldType, Fields, RecordKind, RecordOf } from '../contract/records/kind.ts';
import { checkOrder } from './chronology.ts';
import { parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';
import { ImportFormatError, type ImportError, type ImportResult } from './errors.ts';
import { dayCount, localTime, optionalText, requiredLocalTime, requiredText, siteCode } from './fields.ts';

/** One column of an export: its English key (JSON, record field), its CSV header, whether the header must have it. */
interface ColumnSpec {
  key: string;
  header: string;
  /** A CSV header without it is refused; an optional column may be left out (its cells are then empty). */
  required: boolean;
}

/** What the reader needs of a kind. */
interface ExportSpec<T extends { id: string }> {
  /** Name used in messages, e.g. "error report". */
  what: string;
  columns: readonly ColumnSpec[];
  schema: z.ZodType<T>;
}

/**
 * Validates one raw row (cells keyed by English key, as CSV text or JSON values) into a record of `kind`, reading
 * times in `timeZone`: each cell by its field's type, the record's site named by 网站标识码 or by its name field,
 * and the kind's times in order.
 */
export function rowSchema<F extends Fields>(kind: RecordKind<F>, timeZone: string): z.ZodType<RecordOf<F>> {
  const cell: Record<FieldType, z.ZodType> = {
    id: requiredText,
    text: optionalText,
    'site-code': siteCode,
    time: localTime(timeZone),
    'required-time': requiredLocalTime(timeZone),
    days: dayCount,
  };
  const headers = Object.fromEntries(Object.entries(kind.fields).map(([key, f]) => [key, f.header]));
  const { code, name } = kind.site;
  return z
    .object(Object.fromEntries(Object.entries(kind.fields).map(([key, f]) => [key, cell[f.type]])))
    .superRefine((r, ctx) => {
      if (r[name] === null && r[code] === null) {
        ctx.addIssue({ code: 'custom', path: [name], message: `is required when ${headers[code]} (${code}) is empty` });
      }
      checkOrder(r, kind.order, headers, ctx);
    }) as unknown as z.ZodType<RecordOf<F>>;
}

type Cells = Record<string, unknown>;
/** A row before validation: its cells by key, or why its shape is already wrong. */
type RawRow = { line: number; cells: Cells } | { line: number; problem: string };

const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xls', '.xlsm', '.et', '.ods', '.numbers', '.doc', '.docx', '.pdf', '.zip']);

/**
 * Reads an export of `kind` (CSV with a header row, UTF-8 or GBK, or a JSON array of objects with the English keys)
 * into records. Times are local to `timeZone` (`YYYY-MM-DD HH:MM:SS`, also `HH:MM` and `/` dates).
 * Never throws for bad data: a file-level problem is one error with `line: null` (or the CSV line) and no
 * records; a bad row is an error with its line (CSV, 1-based) or index (JSON, 0-based) and is skipped, and so is a
 * later row repeating an 编号. Throws a RangeError only for an unknown `timeZone` (a caller's mistake, not the file's).
 */
export function parseRecordExport<F extends Fields>(kind: RecordKind<F>, bytes: Uint8Array, fileName: string, timeZone: string): ImportResult<RecordOf<F>> {
  assertTimeZone(timeZone);
  const spec: ExportSpec<RecordOf<F>> = {
    what: kind.what,
    columns: Object.entries(kind.fields).map(([key, f]) => ({ key, header: f.header, required: !f.optional })),
    schema: rowSchema(kind, timeZone),
  };
  let rows: RawRow[];
  let isJson: boolean;
  try {
    const ext = extname(fileName).toLowerCase();
    if (WORKBOOK_EXTENSIONS.has(ext)) {
      throw new ImportFormatError(`${fileName} is a ${ext} file, not CSV or JSON: export the ${spec.what}s as CSV (UTF-8) or JSON`);
    }
    const text = decodeText(bytes).text;
    isJson = ext === '.json' || /^\s*[[{]/.test(text);
    rows = isJson ? jsonRows(spec, text) : csvRows(spec, text);
  } catch (err) {
    if (err instanceof ImportFormatError) return { records: [], errors: [{ line: err.line, message: `${fileName}: ${err.message}` }] };
    throw err;
  }
  return validateRows(spec, rows, isJson);
}

function csvRows<T extends { id: string }>(spec: ExportSpec<T>, text: string): RawRow[] {
  const table = parseCsv(text);
  const keyOf = new Map<string, string>();
  for (const c of spec.columns) keyOf.set(c.header, c.key).set(c.key, c.key);
  const keys = table.header.map((h) => keyOf.get(h));
  if (keys.every((k) => k === undefined)) {
    throw new ImportFormatError(
      `neither a CSV ${spec.what} export (its header row must be ${spec.columns.map((c) => c.header).join(',')}) ` +
        `nor a JSON array of records; the first row reads ${JSON.stringify(clip(table.header.join(',')))}`,
      table.headerLine,
    );
  }
  const seen = new Set<string>();
  for (const k of keys) {
    if (k === undefined) continue;
    if (seen.has(k)) throw new ImportFormatError(`column ${headerOf(spec, k)} appears twice in the header`, table.headerLine);
    seen.add(k);
  }
  const missing = spec.columns.filter((c) => c.required && !seen.has(c.key)).map((c) => c.header);
  if (missing.length > 0) throw new ImportFormatError(`missing required columns: ${missing.join(', ')}`, table.headerLine);

  const rows: RawRow[] = [];
  for (const { line, values } of table.rows) {
    if (values.every((v) => v.trim() === '')) continue;
    const extra = values.slice(keys.length);
    if (values.length < keys.length || extra.some((v) => v.trim() !== '')) {
      rows.push({ line, problem: `has ${values.length} cells but the header has ${keys.length}` });
      continue;
    }
    const cells: Cells = {};
    keys.forEach((k, i) => {
      if (k !== undefined) cells[k] = values[i];
    });
    rows.push({ line, cells });
  }
  return rows;
}

function jsonRows<T extends { id: string }>(spec: ExportSpec<T>, text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ImportFormatError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!Array.isArray(data)) throw new ImportFormatError(`the JSON must be an array of ${spec.what} objects`);
  return data.map((item: unknown, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      return { line: index, problem: `is not an object with the keys ${spec.columns.map((c) => c.key).join(', ')}` };
    }
    const cells: Cells = {};
    for (const c of spec.columns) if (Object.hasOwn(item, c.key)) cells[c.key] = (item as Cells)[c.key];
    return { line: index, cells };
  });
}

function validateRows<T extends { id: string }>(spec: ExportSpec<T>, rows: RawRow[], isJson: boolean): ImportResult<T> {
  const schema = spec.schema;
  const records: T[] = [];
  const errors: ImportError[] = [];
  const firstLine = new Map<string, number>();
  const where = (line: number) => (isJson ? `item ${line}` : `line ${line}`);
  for (const row of rows) {
    const { line } = row;
    if ('problem' in row) {
      errors.push({ line, message: `${spec.what} (${where(line)}) ${row.problem}` });
      continue;
    }
    const cells: Cells = Object.fromEntries(spec.columns.map((c) => [c.key, row.cells[c.key] ?? null]));
    const idText = typeof cells.id === 'string' || typeof cells.id === 'number' ? String(cells.id).trim() : '';
    const label = `${spec.what}${idText ? ` ${clip(idText)}` : ''} (${where(line)})`;
    const parsed = schema.safeParse(cells);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((i) => {
        const key = i.path.length > 0 ? String(i.path[0]) : undefined;
        const reason = maskLongNumbers(i.message);
        return key ? `${headerOf(spec, key)} (${key}): ${reason}` : reason;
      });
      errors.push({ line, message: `${label}: ${reasons.join('; ')}` });
      continue;
    }
    const first = firstLine.get(parsed.data.id);
    if (first !== undefined) {
      errors.push({ line, message: `${label}: duplicate 编号 (id), first seen at ${where(first)}; this row is skipped` });
      continue;
    }
    firstLine.set(parsed.data.id, line);
    records.push(parsed.data);
  }
  return { records, errors };
}

function headerOf<T extends { id: string }>(spec: ExportSpec<T>, key: string): string {
  return spec.columns.find((c) => c.key === key)?.header ?? key;
}

/**
 * Reasons may quote a cell; a cell in the wrong column can hold an ID-card, phone or bank-card number, which must
 * not reach logs in clear (DESIGN.md). Runs of 7+ digits keep their first 3 and last 2 digits.
 */
function maskLongNumbers(text: string): string {
  return text.replace(/\d{7,}/g, (d) => `${d.slice(0, 3)}${'*'.repeat(d.length - 5)}${d.slice(-2)}`);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
