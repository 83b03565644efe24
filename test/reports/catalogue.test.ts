// The indicator catalogue: defaults valid, district overrides applied, bad entries rejected naming the id.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../contract/finding.ts';
import { parseConfig } from '../../config/load.ts';
import { applyOverrides, catalogueFor, CatalogueError, validateCatalogue } from '../../config/reports/catalogue.ts';
import { defaultIndicators, type Indicator } from '../../config/reports/indicators.ts';
import { score } from '../../reports/score.ts';

const base = { district: '鲤城区', sites: [{ id: 'a', name: '甲网站', unit: '甲单位', homepage: 'http://a.gov.cn/' }] };
const configError = (extra: Record<string, unknown>): string => {
  try {
    parseConfig({ ...base, ...extra }, '/tmp/district.json');
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const f = (code: string, severity: Finding['severity'], n: number, evidence: Record<string, unknown> = {}): Finding[] =>
  [...Array(n)].map((_, i) => ({ check: 'x', code, severity, siteId: 'a', url: `http://a.gov.cn/${code}/${i}`, message: 'm', evidence }));

describe('indicator catalogue', () => {
  it('the defaults are valid and every deduction adds up to at most 100', () => {
    expect(validateCatalogue(defaultIndicators)).toEqual([]);
    expect(defaultIndicators.filter((i) => i.kind === 'deduction').reduce((s, i) => s + i.points, 0)).toBeLessThanOrEqual(100);
  });

  it('names the indicator for a duplicate id, an unknown code, a bad weight', () => {
    const privacy = defaultIndicators.find((i) => i.id === 'privacy')!;
    const bad: Indicator[] = [
      ...defaultIndicators.filter((i) => i.kind === 'veto'),
      { ...privacy, codes: ['privacy.*', 'privacy.passport-number'] },
      { ...privacy, perFinding: -2 },
      { ...defaultIndicators.find((i) => i.id === 'veto.unreachable')!, id: 'veto.extra', points: 3 },
    ];
    expect(validateCatalogue(bad)).toEqual([
      { id: 'privacy', message: 'unknown finding code "privacy.passport-number"' },
      { id: 'privacy', message: 'duplicate id' },
      { id: 'privacy', message: 'perFinding must be a number > 0, not -2' },
      { id: 'veto.extra', message: 'a veto carries no points (got 3)' },
    ]);
    expect(() => applyOverrides(bad, {})).toThrow(CatalogueError);
  });

  it('config overrides change points and veto thresholds', () => {
    const config = parseConfig({ ...base, indicators: { 'availability.links-home': { perFinding: 2, points: 8 }, privacy: { points: 12 }, 'veto.columns-stale': { triggers: [{ codes: ['freshness.column-stale'], atLeast: 3 }] } } }, '/tmp/district.json');
    const cat = catalogueFor(config);
    const r = score([...f('link.broken', 'minor', 5, { onHomepage: true }), ...f('freshness.column-stale', 'minor', 3, { kind: 'personnel' })], cat);
    expect(r.indicators.find((i) => i.id === 'availability.links-home')).toMatchObject({ points: 8, deduction: 8, findings: 5 });
    expect(r.vetoes).toEqual(['veto.columns-stale']);
    expect(score(f('freshness.column-stale', 'minor', 3, { kind: 'personnel' }), defaultIndicators).vetoes).toEqual([]);
  });

  it('a disabled indicator is dropped', () => {
    const config = parseConfig({ ...base, indicators: { ipv6: { enabled: false } } }, '/tmp/district.json');
    expect(catalogueFor(config).map((i) => i.id)).not.toContain('ipv6');
    expect(score(f('ipv6.no-aaaa', 'major', 1), catalogueFor(config)).score).toBe(100);
  });

  it('rejects overrides at config load, naming the field and the indicator', () => {
    expect(configError({ indicators: { 'no.such': { points: 1 } } })).toMatch(/^\/tmp\/district\.json: indicators\.no\.such: unknown indicator "no\.such"/);
    expect(configError({ indicators: { privacy: { codes: ['privacy.passport'] } } })).toBe('/tmp/district.json: indicators.privacy: unknown finding code "privacy.passport"');
    expect(configError({ indicators: { privacy: { points: 40 } } })).toMatch(/indicators: deduction points add up to 125, more than 100/);
    expect(configError({ indicators: { 'veto.homepage-stale': { perFinding: 1 } } })).toBe('/tmp/district.json: indicators.veto.homepage-stale: a veto has no perFinding weight');
    expect(configError({ indicators: { privacy: { colour: 'red' } } })).toMatch(/indicators\.privacy: unknown field "colour"/);
  });
});
