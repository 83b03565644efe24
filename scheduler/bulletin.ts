// The monthly bulletin job: on the 1st, the bulletin of the previous month (in the district's time zone), written by
// the generator `govaudit bulletin` uses too (reports/bulletin/generate.ts), with the service's store and output folder.
import { toLocal } from '../calendar/timezone.ts';

/** `YYYY-MM` of the month before the one `now` falls in, in `timezone`. */
export function previousMonth(now: Date, timezone: string): string {
  const { year, month } = toLocal(now, timezone);
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

export interface BulletinJobOptions {
  now: Date;
  timezone: string;
  /** Writes the bulletin of `month` (the service's jobs bind the generator to their store, config and output folder). */
  write: (month: string) => Promise<{ files: Record<string, string>; warnings: string[] }>;
}

export interface BulletinJobResult {
  status: 'done';
  month: string;
  /** Files written, by format. */
  files: Record<string, string>;
  warnings: string[];
}

/** Hook the service calls for the monthly bulletin; a bulletin that cannot be written (no runs that month) throws. */
export async function runMonthlyBulletin(opts: BulletinJobOptions): Promise<BulletinJobResult> {
  const month = previousMonth(opts.now, opts.timezone);
  const { files, warnings } = await opts.write(month);
  return { status: 'done', month, files, warnings };
}
