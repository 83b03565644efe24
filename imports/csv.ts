// Reads a CSV export into a header and rows that remember their line numbers (csv-parse, RFC 4180 quoting).
import { parse } from 'csv-parse/sync';
import { decodeText } from './decode.ts';
import { ImportFormatError } from './errors.ts';

/** One data row: its cells as written (not trimmed) and the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  values: string[];
}

/** A CSV file: the header row's names (trimmed) and the data rows. Blank lines are skipped. */
export interface CsvTable {
  header: string[];
  /** The line the header row starts on. */
  headerLine: number;
  rows: CsvRow[];
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses CSV text or bytes (decoded with `decodeText`). Lines may end in CRLF, LF or CR. The first non-blank
 * row is the header. Rows may have a different number of cells than the header: the caller decides. Throws
 * ImportFormatError naming the line for broken quoting, and for a file without a header row.
 */
export function parseCsv(input: string | Uint8Array): CsvTable {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeText(input).text;
  const buf = Buffer.from(text, 'utf8');
  const lineAt = lineIndex(buf);
  const recordStart = (offset: number) => {
    let s = offset;
    while (buf[s] === CR || buf[s] === LF) s++;
    return lineAt(s);
  };
  let consumed = 0;
  const rows: CsvRow[] = [];
  try {
    parse(buf, {
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record: string[], info: { bytes: number }) => {
        rows.push({ line: recordStart(consumed), values: record });
        consumed = info.bytes;
        return null;
      },
    });
  } catch (err) {
    const line = recordStart(consumed);
    const e = err as { code?: string; message?: string };
    throw new ImportFormatError(`CSV error in the row starting on line ${line}: ${describe(e.code, e.message)}`, line);
  }
  const [header, ...data] = rows;
  if (!header) throw new ImportFormatError('the CSV file is empty: a header row is required');
  return { header: header.values.map((h) => h.trim()), headerLine: header.line, rows: data };
}

/** Maps a byte offset to its 1-based line, counting CRLF, LF and lone CR as one line break each. */
function lineIndex(buf: Buffer): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === CR && buf[i + 1] === LF) i++;
    if (buf[i] === CR || buf[i] === LF) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function describe(code: string | undefined, message: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (unbalanced ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text follows a closing quote (a " inside a quoted field must be doubled as "")';
    case 'INVALID_OPENING_QUOTE':
      return 'a " appears inside an unquoted field (quote the field and double the ")';
    default:
      return message ?? String(code ?? 'unreadable CSV');
  }
}
