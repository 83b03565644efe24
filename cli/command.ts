// The shape of a `govaudit` sub-command: its options (node:util parseArgs) and a run function returning the exit code.
import type { ParseArgsConfig } from 'node:util';

export interface Command {
  name: string;
  /** One line for `govaudit --help`. */
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]): Promise<number>;
}

/** A failure the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options every command takes. */
export const commonOptions = {
  config: { type: 'string' },
  data: { type: 'string' },
  now: { type: 'string' },
} as const;

/** Parses `--now` (ISO 8601 with offset, or a date taken as local midnight in the config's zone). */
export function parseNow(value: string | undefined, fallback?: string): Date {
  const v = value ?? fallback;
  if (!v) return new Date();
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now: "${v}" is not an ISO date-time such as 2026-11-20T10:00:00+08:00`);
  return d;
}
