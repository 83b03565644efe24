// Homepage availability over the last week of probes (国办秘函〔2019〕19号: probed ≥ 20 times a day for a week;
// failures ≥ 5% → the unreachable veto, ≥ 1% → the availability deduction). A window with too few probes on any
// day is "not measured", never a pass. Metrics: totals and the daily series for the scorecard's chart.
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import type { ProbeSample } from '../contract/artifacts/probes.ts';
import { localDate } from '../calendar/timezone.ts';
import { strings } from './availability.strings.ts';

export interface AvailabilityDay {
  date: string;
  probes: number;
  failed: number;
  /** failed / probes, 4 decimals; null on a day without probes. */
  failureRate: number | null;
}

export const availability: Check = {
  id: 'availability',
  title: strings.title,
  requires: ['probes'],
  run(artifacts, ctx) {
    const a = artifacts.probes!;
    const rules = ctx.config.availability;
    const byDay = new Map(a.days.map((d) => [d, { probes: 0, failed: 0 }]));
    const failures: Record<string, number> = {};
    for (const p of a.probes) {
      const day = byDay.get(localDate(new Date(p.at), a.timezone));
      if (!day) continue;
      day.probes++;
      if (p.ok) continue;
      day.failed++;
      const kind = failureKind(p);
      failures[kind] = (failures[kind] ?? 0) + 1;
    }
    const daily: AvailabilityDay[] = a.days.map((date) => {
      const d = byDay.get(date)!;
      return { date, ...d, failureRate: d.probes ? round(d.failed / d.probes) : null };
    });
    const total = daily.reduce((n, d) => n + d.probes, 0);
    const failed = daily.reduce((n, d) => n + d.failed, 0);
    const metrics = {
      windowFrom: a.days[0],
      windowTo: a.days[a.days.length - 1],
      probes: total,
      failed,
      failureRate: total ? round(failed / total) : null,
      minProbesPerDay: rules.minProbesPerDay,
      failures,
      daily,
    };
    if (total === 0) return { findings: [], metrics, notMeasured: strings.notMeasured.noProbes(metrics.windowFrom, metrics.windowTo) };
    const short = daily.filter((d) => d.probes < rules.minProbesPerDay);
    if (short.length) return { findings: [], metrics, notMeasured: strings.notMeasured.tooFew(rules.minProbesPerDay, short) };

    const rate = failed / total;
    const evidence = { probes: total, failed, failureRate: round(rate), windowFrom: metrics.windowFrom, windowTo: metrics.windowTo, failures, worstDays: worstDays(daily) };
    const base = { check: 'availability', siteId: artifacts.site.id, url: artifacts.site.homepage };
    const findings: Finding[] = [];
    if (atLeast(failed, total, rules.downRate)) {
      findings.push({ ...base, code: 'availability.homepage-down', severity: 'veto', message: strings.down(a.days.length, total, failed, rate, rules.downRate), evidence: { ...evidence, threshold: rules.downRate } });
    } else if (atLeast(failed, total, rules.unstableRate)) {
      findings.push({ ...base, code: 'availability.homepage-unstable', severity: 'major', message: strings.unstable(a.days.length, total, failed, rate, rules.unstableRate), evidence: { ...evidence, threshold: rules.unstableRate } });
    }
    return { findings, metrics };
  },
};

/** failed / total ≥ rate, decided on whole numbers (0.05 × 140 is not exactly 7 in floating point). */
function atLeast(failed: number, total: number, rate: number): boolean {
  return failed * 1_000_000 >= Math.round(rate * 1_000_000) * total;
}

function failureKind(p: ProbeSample): string {
  if (p.error) return p.error;
  return p.status !== null ? `http-${p.status}` : 'network';
}

function worstDays(daily: AvailabilityDay[]): { date: string; failed: number; probes: number }[] {
  return daily
    .filter((d) => d.failed > 0)
    .sort((x, y) => y.failed - x.failed || x.date.localeCompare(y.date))
    .slice(0, 3)
    .map(({ date, failed, probes }) => ({ date, failed, probes }));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
