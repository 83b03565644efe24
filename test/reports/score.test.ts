// Scoring: vetoes, capped deductions, the pass mark, review findings not scored, column-veto thresholds.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../contract/finding.ts';
import { defaultIndicators } from '../../config/reports/indicators.ts';
import { score } from '../../reports/score.ts';

const f = (code: string, severity: Finding['severity'] = 'minor', extra: Partial<Finding> = {}): Finding => ({
  check: code.split('.')[0], code, severity, siteId: 's', url: `http://x/${Math.random()}`, message: 'm', evidence: {}, ...extra,
});

/** A broken link on the homepage or elsewhere: severity is gravity only, where it sits is evidence. */
const link = (onHomepage: boolean, extra: Partial<Finding> = {}) => f('link.broken', 'minor', { evidence: { onHomepage }, ...extra });

describe('score', () => {
  it('is 100 and 合格 without findings', () => {
    const r = score([], defaultIndicators);
    expect(r.score).toBe(100);
    expect(r.verdict).toBe('合格');
  });

  it('deducts 1 per homepage broken link and 0.1 per other, capped at the indicator points', () => {
    const r = score([...Array(7)].map(() => link(true)).concat([...Array(3)].map(() => link(false))), defaultIndicators);
    expect(r.indicators.find((i) => i.id === 'availability.links-home')!.deduction).toBe(5);
    expect(r.indicators.find((i) => i.id === 'availability.links-other')!.deduction).toBe(0.3);
    expect(r.score).toBe(94.7);
  });

  it('a veto makes the site 不合格 whatever the score', () => {
    const r = score([f('freshness.homepage-stale', 'veto')], defaultIndicators);
    expect(r.vetoes).toEqual(['veto.homepage-stale']);
    expect(r.verdict).toBe('不合格');
    expect(r.score).toBe(100);
  });

  it('findings under review are shown but not scored', () => {
    const r = score([link(true, { review: true })], defaultIndicators);
    expect(r.score).toBe(100);
  });

  it('stale columns veto only at the thresholds', () => {
    const stale = (n: number, kind: string) => [...Array(n)].map(() => f('freshness.column-stale', 'minor', { evidence: { kind } }));
    expect(score(stale(4, 'news'), defaultIndicators).vetoes).toEqual([]);
    expect(score(stale(5, 'notice'), defaultIndicators).vetoes).toEqual(['veto.columns-stale']);
    expect(score(stale(9, 'personnel'), defaultIndicators).vetoes).toEqual([]);
    expect(score(stale(10, 'personnel'), defaultIndicators).vetoes).toEqual(['veto.columns-stale']);
  });

  it('below 60 is 不合格', () => {
    const many = ['privacy.id-number', 'privacy.mobile-number'].flatMap((c) => [...Array(3)].map(() => f(c, 'major')));
    const r = score([...many, ...[...Array(10)].map(() => f('error-report.overdue', 'major')), ...[...Array(10)].map(() => f('interpretation.missing', 'major')), f('ipv6.no-aaaa', 'major'), ...[...Array(10)].map(() => link(true))], defaultIndicators);
    expect(r.score).toBeLessThan(60);
    expect(r.verdict).toBe('不合格');
  });
});
