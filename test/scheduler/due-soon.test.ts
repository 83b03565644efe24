// The run summary's due-soon list, gathered from the scorecards' error-report metrics.
import { describe, expect, it } from 'vitest';
import { dueSoonReports } from '../../scheduler/due-soon.ts';
import type { Scorecard } from '../../reports/scorecard.ts';

const card = (siteId: string, metrics: Record<string, unknown>) => ({ siteId, metrics }) as unknown as Scorecard;

describe('dueSoonReports', () => {
  it('lists every site’s due-soon reports, soonest first, and ignores cards without error-report metrics', () => {
    const list = dueSoonReports([
      card('kaiyuan', { 'error-reports': { dueSoonReports: [{ reportId: 'B', type: null, start: '2026-11-19T15:00:00+08:00', deadline: '2026-11-23T23:59:59.999+08:00', dueToday: false }] } }),
      card('market', { 'error-reports': { dueSoonReports: [{ reportId: 'A', type: '错别字', start: '2026-11-18T11:00:00+08:00', deadline: '2026-11-20T23:59:59.999+08:00', dueToday: true }] } }),
      card('edu', { links: {} }),
      card('portal', { 'error-reports': { dueSoonReports: 'garbage' } }),
    ]);
    expect(list.map((d) => [d.siteId, d.reportId, d.dueToday])).toEqual([['market', 'A', true], ['kaiyuan', 'B', false]]);
  });
});
