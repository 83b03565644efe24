// What goes wrong reading an export: a file-level problem (not CSV/JSON, broken quoting) or a single bad row.

/** One problem found in an export. `line` is the CSV line (1-based) or the JSON array index (0-based); null for the whole file. */
export interface ImportError {
  line: number | null;
  message: string;
}

/** What an export parser returns: the good records, and every problem found (bad rows are skipped). */
export interface ImportResult<T> {
  records: T[];
  errors: ImportError[];
}

/** The file as a whole cannot be read (wrong format, undecodable text, broken CSV quoting). */
export class ImportFormatError extends Error {
  override readonly name = 'ImportFormatError';
  constructor(
    message: string,
    /** The 1-based line the problem starts on, when known. */
    readonly line: number | null = null,
  ) {
    super(message);
  }
}
