// The monthly bulletin job: on the 1st, the bulletin of the previous month (in the district's time zone). It runs
// the `govaudit bulletin` command (cli/commands/bulletin.ts) with the service's own --config/--data/--out; when
// that command is not installed the job is skipped with a warning rather than failing the service.
import { toLocal } from '../calendar/timezone.ts';
import type { Command } from '../cli/command.ts';

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
  /** The service's own flags, handed on to the bulletin command. */
  args: { config?: string; data?: string; now?: string; out?: string };
  /** Finds the bulletin command; injected in tests. */
  load?: () => Promise<Command | null>;
}

export type BulletinJobResult = { status: 'done'; month: string } | { status: 'failed'; month: string; exitCode: number } | { status: 'skipped'; month: string; reason: string };

/** Hook the service calls for the monthly bulletin. */
export async function runMonthlyBulletin(opts: BulletinJobOptions): Promise<BulletinJobResult> {
  const month = previousMonth(opts.now, opts.timezone);
  const command = await (opts.load ?? loadBulletinCommand)();
  if (!command) return { status: 'skipped', month, reason: 'the bulletin generator (cli/commands/bulletin.ts) is not installed' };
  const values: Record<string, string> = { month };
  for (const [k, v] of Object.entries(opts.args)) if (v !== undefined && k in command.options) values[k] = v;
  const exitCode = await command.run(values, []);
  return exitCode === 0 ? { status: 'done', month } : { status: 'failed', month, exitCode };
}

async function loadBulletinCommand(): Promise<Command | null> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import('../cli/commands/bulletin.ts' as string)) as Record<string, unknown>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes('bulletin.ts')) return null;
    throw e;
  }
  const found = Object.values(mod).find((v): v is Command => typeof v === 'object' && v !== null && (v as Command).name === 'bulletin' && typeof (v as Command).run === 'function');
  return found ?? null;
}
