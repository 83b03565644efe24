// The probes gatherer: reads the site's homepage availability probes of the judged window from the store.
// It takes no probe itself (the service does, on schedule: scheduler/probe.ts); an audit only reads them.
import { addDays } from '../calendar/dates.ts';
import { localDate, startOfLocalDay } from '../calendar/timezone.ts';
import type { Gatherer } from './gatherer.ts';
import type { ProbesArtifact } from '../contract/artifacts/probes.ts';

/** The `windowDays` complete local days before the local day of `now`, oldest first. */
export function probeWindow(now: Date, timezone: string, windowDays: number): { days: string[]; from: Date; to: Date } {
  const today = localDate(now, timezone);
  const days = Array.from({ length: windowDays }, (_, i) => addDays(today, i - windowDays));
  return { days, from: startOfLocalDay(days[0], timezone), to: startOfLocalDay(today, timezone) };
}

export const probesGatherer: Gatherer = {
  id: 'probes',
  produces: ['probes'],
  async gather(ctx, artifacts) {
    const { timezone } = ctx.config;
    const { days, from, to } = probeWindow(ctx.now, timezone, ctx.config.availability.windowDays);
    const rows = await ctx.store.listProbes({ siteId: ctx.site.id, from: from.toISOString(), to: to.toISOString() });
    const probes: ProbesArtifact['probes'] = rows.map((r) => ({ at: r.at, ok: r.ok, status: r.status, error: r.error, timeMs: r.timeMs }));
    artifacts.probes = { timezone, days, from: from.toISOString(), to: to.toISOString(), probes };
  },
};
