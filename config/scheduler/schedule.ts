// The service's part of the district config: cron schedules (validated at load), homepage availability probing
// and raw-data retention. config/schema.ts plugs these into the district schema.
import { z } from 'zod';
import { validateDetailed } from 'node-cron';

/** Why `expr` is not a cron expression node-cron accepts, or null when it is. */
export function cronProblem(expr: string): string | null {
  try {
    const v = validateDetailed(expr);
    if (v.valid) return null;
    const e = v.errors[0];
    return e ? `${e.message}${e.field ? ` (field ${e.field}${e.value !== undefined ? ` "${e.value}"` : ''})` : ''}` : 'not a cron expression';
  } catch (e) {
    return (e as Error).message || 'not a cron expression';
  }
}

/** A node-cron 4 expression (5 fields, or 6 with seconds first), checked when the config is loaded. */
export const cronExpression = z.string().superRefine((value, ctx) => {
  const problem = cronProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: `not a valid cron expression "${value}": ${problem}` });
});

/** When each scheduled job runs, in the district's time zone. */
export const scheduleSchema = z.strictObject({
  /** The nightly full audit (error-report import first). */
  audit: cronExpression.default('30 1 * * *'),
  /** Homepage availability probes of every site; the rule needs ≥ 20 a day, hourly gives 24. */
  probes: cronExpression.default('0 * * * *'),
  /** The monthly bulletin, for the previous month. */
  bulletin: cronExpression.default('0 8 1 * *'),
  /** Store housekeeping: raw page data older than `retentionDays` is deleted. */
  housekeeping: cronExpression.default('0 4 * * *'),
  /** Runs the re-checks units asked for in the dashboard, under the audit lock (an empty queue costs one store read). */
  recheck: cronExpression.default('*/5 * * * *'),
});

/** Homepage availability: how probes are taken and judged (国办秘函〔2019〕19号 单项否决指标 1, 扣分指标 网站可用性). */
export const availabilitySchema = z
  .strictObject({
    /** A probe fails when the homepage gives no usable answer within this time. */
    probeTimeoutMs: z.number().int().min(1_000).max(60_000).default(15_000),
    /** Probes of one tick are spread over this many seconds across the sites (0 = all at once). */
    spreadSeconds: z.number().int().min(0).max(3_600).default(300),
    /** Complete local days judged, ending the day before the audit. */
    windowDays: z.number().int().min(1).max(31).default(7),
    /** Each day of the window needs at least this many probes, or availability is not measured. */
    minProbesPerDay: z.number().int().min(1).max(1_440).default(20),
    /** Failed share at or above which the homepage counts as unreachable (the veto). */
    downRate: z.number().gt(0).max(1).default(0.05),
    /** Failed share at or above which the homepage counts as unstable (the deduction). */
    unstableRate: z.number().gt(0).max(1).default(0.01),
  })
  .refine((a) => a.unstableRate <= a.downRate, { message: 'unstableRate must not exceed downRate', path: ['unstableRate'] });

export type ScheduleConfig = z.output<typeof scheduleSchema>;
export type AvailabilityConfig = z.output<typeof availabilitySchema>;
