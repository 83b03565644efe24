// The availability check over a synthetic week of probes (hand-made artifacts, no network).
import { describe, expect, it } from 'vitest';
import { availability } from '../../checks/availability.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import type { ProbeSample } from '../../contract/artifacts/probes.ts';
import { probeWindow } from '../../crawler/gather-probes.ts';

const config = parseConfig({ district: '测试区', sites: [{ id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://www.example.gov.cn/' }] }, '/tmp/d.json');
const site = config.sites[0];
const now = new Date('2026-11-20T01:30:00+08:00');
const window = probeWindow(now, 'Asia/Shanghai', 7);

/** `perDay` probes a day at even spacing from local midnight; `fail(dayIndex, i)` says which fail. */
function week(perDay: number | number[], fail: (day: number, i: number) => false | Partial<ProbeSample> = () => false): ProbeSample[] {
  const out: ProbeSample[] = [];
  window.days.forEach((date, d) => {
    const n = Array.isArray(perDay) ? perDay[d] : perDay;
    const start = new Date(`${date}T00:00:00+08:00`).getTime();
    for (let i = 0; i < n; i++) {
      const f = fail(d, i);
      out.push({ at: new Date(start + i * Math.floor(86_400_000 / n)).toISOString(), ok: !f, status: f ? (f.status ?? null) : 200, error: f ? (f.error ?? (f.status ? null : 'timeout')) : null, timeMs: f ? 15_000 : 120 });
    }
  });
  return out;
}

function run(probes: ProbeSample[], overrides: Record<string, unknown> = {}) {
  const cfg = Object.keys(overrides).length ? parseConfig({ district: '测试区', sites: [site], availability: overrides }, '/tmp/d.json') : config;
  const artifacts: SiteArtifacts = { site, unavailable: {}, probes: { timezone: 'Asia/Shanghai', days: window.days, from: window.from.toISOString(), to: window.to.toISOString(), probes } };
  return runChecks([availability], artifacts, { now, timezone: 'Asia/Shanghai', config: cfg, site, calendar: createCalendar({}) })[0];
}

describe('availability over a synthetic week', () => {
  it('judges the 7 complete local days before the audit', () => {
    expect(window.days).toEqual(['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']);
    expect(window.from.toISOString()).toBe('2026-11-12T16:00:00.000Z');
    expect(window.to.toISOString()).toBe('2026-11-19T16:00:00.000Z');
  });

  it('passes a healthy homepage probed hourly, with the daily series for the chart', () => {
    const r = run(week(24));
    expect(r.status).toBe('passed');
    expect(r.findings).toEqual([]);
    expect(r.metrics).toMatchObject({ probes: 168, failed: 0, failureRate: 0, windowFrom: '2026-11-13', windowTo: '2026-11-19' });
    expect((r.metrics!.daily as unknown[]).length).toBe(7);
    expect((r.metrics!.daily as { date: string; probes: number; failed: number; failureRate: number }[])[0]).toEqual({ date: '2026-11-13', probes: 24, failed: 0, failureRate: 0 });
  });

  it('vetoes at exactly 5% failures (7 of 140 — a float would say 6.999…)', () => {
    const r = run(week(20, (d, i) => i === 0 && d < 7 && { error: 'timeout' }));
    expect(r.metrics).toMatchObject({ probes: 140, failed: 7, failureRate: 0.05 });
    expect(r.findings.map((f) => [f.code, f.severity, f.url])).toEqual([['availability.homepage-down', 'veto', 'http://www.example.gov.cn/']]);
    expect(r.findings[0].message).toBe('首页近7天共监测140次，无法访问7次（5%），达到5%的单项否决标准（站点无法访问）');
    expect(r.findings[0].evidence).toMatchObject({ probes: 140, failed: 7, failures: { timeout: 7 }, threshold: 0.05 });
  });

  it('counts just under 5% as unstable (the deduction), and 1% as the lower edge', () => {
    const under = run(week(20, (d, i) => i === 0 && d < 6 && { status: 503 }));
    expect(under.findings.map((f) => [f.code, f.severity])).toEqual([['availability.homepage-unstable', 'major']]);
    expect(under.findings[0].evidence).toMatchObject({ failed: 6, failures: { 'http-503': 6 } });
    const edge = run(week(100, (d, i) => d === 3 && i < 7 && { error: 'refused' }));
    expect(edge.metrics).toMatchObject({ probes: 700, failed: 7, failureRate: 0.01 });
    expect(edge.findings.map((f) => f.code)).toEqual(['availability.homepage-unstable']);
    const below = run(week(100, (d, i) => d === 3 && i < 6 && { error: 'refused' }));
    expect(below.status).toBe('passed');
    expect(below.findings).toEqual([]);
  });

  it('is not measured when a day has fewer than 20 probes, and says which', () => {
    const r = run(week([24, 24, 19, 24, 24, 0, 24], (_d, i) => i < 10 && { error: 'timeout' }));
    expect(r.status).toBe('not-measured');
    expect(r.findings).toEqual([]);
    expect(r.reason).toBe('首页监测次数不足（要求每天不少于20次）：2026-11-15 仅19次，2026-11-18 仅0次，未判断首页可用性');
    expect(r.metrics).toMatchObject({ probes: 139 });
  });

  it('is not measured without any probe', () => {
    const r = run([]);
    expect(r.status).toBe('not-measured');
    expect(r.reason).toMatch(/^2026-11-13至2026-11-19没有首页监测记录/);
  });

  it('follows district thresholds from config', () => {
    const r = run(week(10, (d, i) => d === 0 && i === 0 && { error: 'dns' }), { minProbesPerDay: 10, downRate: 0.2, unstableRate: 0.1 });
    expect(r.status).toBe('passed');
  });
});
