// The disclosure catalogue's config: the shipped default validates, and a bad item is a load error naming the field.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load.ts';
import { judgedCycle } from '../../checks/disclosure/catalogue.ts';
import { defaultCatalogue } from '../../config/checks/disclosure-catalogue.ts';

const site = { id: 's', name: '站', unit: '单位', homepage: 'http://www.x.gov.cn/' };
const item = { id: 'x', name: '某事项', titlePattern: '{year}年某报告', due: '01-31' };
const load = (extra: Record<string, unknown>, siteExtra: Record<string, unknown> = {}) => () =>
  parseConfig({ district: 'd', sites: [{ ...site, ...siteExtra }], ...extra }, 'district.json');

describe('disclosure catalogue config', () => {
  it('ships a default whose every item names its roles, its source and a compiling pattern', () => {
    expect(defaultCatalogue.length).toBe(11);
    for (const i of defaultCatalogue) {
      expect(i.roles?.length, i.id).toBeGreaterThan(0);
      expect(i.source, i.id).toMatch(/条例|通知/);
    }
  });

  it('names the field of a bad pattern, a bad due date, a dated item without {year}, a duplicate id', () => {
    expect(load({ disclosure: { add: [{ ...item, titlePattern: '{year}年(报告' }] } })).toThrow(/disclosure\.add\[0\]\.titlePattern: not a valid regular expression/);
    expect(load({ disclosure: { catalogue: [{ ...item, due: '02-30' }] } })).toThrow(/disclosure\.catalogue\[0\]\.due/);
    expect(load({ disclosure: { catalogue: [{ ...item, due: '02-29' }] } })).toThrow(/disclosure\.catalogue\[0\]\.due/);
    expect(load({}, { disclosure: { add: [{ ...item, titlePattern: '某报告' }] } })).toThrow(/sites\[0\]\.disclosure\.add\[0\]\.titlePattern: an item due on a date must say which year/);
    expect(load({ disclosure: { catalogue: [item, item] } })).toThrow(/disclosure\.catalogue\[1\]\.id: duplicate item id "x"/);
    expect(load({}, { disclosure: { role: 'bureau' } })).toThrow(/sites\[0\]\.disclosure\.role/);
  });

  it('refuses to remove an item that is not there', () => {
    expect(load({ disclosure: { remove: ['budgets'] } })).toThrow(/disclosure\.remove\[0\]: no catalogue item "budgets" to remove/);
    expect(load({ disclosure: { catalogue: [item] } }, { disclosure: { remove: ['budget'] } })).toThrow(/sites\[0\]\.disclosure\.remove\[0\]: no catalogue item "budget"/);
    expect(load({ disclosure: { remove: ['budget'] } }, { disclosure: { remove: ['final-accounts'] } })).not.toThrow();
  });

  it('judges the latest year whose due date has passed', () => {
    const dated = { ...item, due: '03-31' } as Parameters<typeof judgedCycle>[0];
    expect(judgedCycle(dated, '2026-03-31')).toEqual({ year: 2024, due: '2025-03-31' });
    expect(judgedCycle(dated, '2026-04-01')).toEqual({ year: 2025, due: '2026-03-31' });
    expect(judgedCycle(dated, '2026-12-31')).toEqual({ year: 2025, due: '2026-03-31' });
    expect(judgedCycle({ ...dated, due: 'standing' }, '2026-04-01')).toBeNull();
  });
});
