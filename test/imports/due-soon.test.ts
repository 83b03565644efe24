// The due-soon list (imports/due-soon.ts): open records of both kinds to chase — overdue, due today, due the next
// working day — read from the scorecards the record checks wrote, one list for the run summary, `govaudit status`,
// the dashboard and notifications.
import { describe, expect, it } from 'vitest';
import { dueSoonLine, dueSoonList, latestDueSoon } from '../../imports/due-soon.ts';
import { errorReports } from '../../checks/error-reports.ts';
import { disclosureRequests } from '../../checks/disclosure-requests.ts';
import { runChecks } from '../../checks/runner.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { parseConfig } from '../../config/load.ts';
import type { ErrorReport } from '../../contract/records/error-reports.ts';
import type { DisclosureRequest } from '../../contract/records/disclosure-requests.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

const card = (siteId: string, metrics: unknown, auditedAt = '2026-11-20T10:00:00+08:00') => ({ siteId, auditedAt, metrics });
const iso = (t: string | null) => (t === null ? null : `${t.replace(' ', 'T')}:00+08:00`);
const now = new Date('2026-11-20T10:00:00+08:00'); // a Friday

const report = (id: string, forwarded: string, answered: string | null): ErrorReport => ({
  id, siteName: '门户', siteCode: null, type: '错别字', description: null, submittedAt: iso(forwarded), forwardedAt: iso(forwarded), answeredAt: iso(answered), status: null, answer: null,
});
const request = (id: string, received: string, answered: string | null): DisclosureRequest => ({
  id, unit: '区教育局', siteCode: null, subject: null, receivedAt: iso(received)!, extendedAt: null, suspendedDays: 0, answeredAt: iso(answered), status: null,
});

/** The scorecard of one site as the audit writes it: each record check's metrics under its id. */
function audited(siteId: string, reports: ErrorReport[], requests: DisclosureRequest[]) {
  const config = parseConfig({ district: '测试区', sites: [{ id: siteId, name: '门户', unit: '区教育局', homepage: 'http://www.example.gov.cn/' }] }, '/tmp/d.json');
  const site = config.sites[0];
  const records = {
    'error-report': { records: reports, invalid: [], sources: ['/tmp/reports.csv'] },
    'disclosure-request': { records: requests, invalid: [], sources: ['/tmp/requests.csv'] },
  };
  const artifacts: SiteArtifacts = { site, unavailable: {}, records };
  const results = runChecks([errorReports, disclosureRequests], artifacts, { now, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() });
  return card(siteId, Object.fromEntries(results.map((r) => [r.id, r.metrics])), now.toISOString());
}

describe('dueSoonList', () => {
  it('lists every site’s records to chase, due today before the next working day, and passes over cards without record metrics', () => {
    const list = dueSoonList([
      card('kaiyuan', { 'error-reports': { followUp: [{ recordId: 'B', start: '2026-11-19T15:00:00+08:00', deadline: '2026-11-23T23:59:59.999+08:00', state: 'due-next-workday' }] } }),
      card('market', { 'error-reports': { followUp: [{ recordId: 'A', start: '2026-11-18T11:00:00+08:00', deadline: '2026-11-20T23:59:59.999+08:00', state: 'due-today' }] } }),
      card('edu', { links: {} }),
      card('portal', { 'error-reports': { followUp: 'garbage' } }),
      card('stats', { 'disclosure-requests': { followUp: [{ recordId: 'C', state: 'soon' }] } }),
      card('police', 'garbage'),
    ]);
    expect(list.map((d) => [d.siteId, d.recordId, d.state])).toEqual([['market', 'A', 'due-today'], ['kaiyuan', 'B', 'due-next-workday']]);
    expect(list[0]).toEqual({ siteId: 'market', kind: 'error-report', label: '纠错留言', asOf: '2026-11-20T10:00:00+08:00', recordId: 'A', start: '2026-11-18T11:00:00+08:00', deadline: '2026-11-20T23:59:59.999+08:00', state: 'due-today' });
  });

  it('covers both kinds as the checks judged them: overdue, due today, due the next working day — nothing further off', () => {
    const list = dueSoonList([
      audited(
        'portal',
        [
          report('H1', '2026-11-16 09:00', null), // due Wed 18 Nov: overdue
          report('H2', '2026-11-18 11:00', null), // due today
          report('H3', '2026-11-19 15:00', null), // due Monday 23 Nov
          report('H4', '2026-11-20 09:00', null), // due Tuesday 24 Nov: not yet
          report('H5', '2026-11-16 09:00', '2026-11-18 09:00'), // answered in time
        ],
        [],
      ),
      audited('edu', [], [
        request('O1', '2026-10-23 15:00', null), // due today
        request('O2', '2026-10-26 09:00', null), // due Monday 23 Nov
        request('O3', '2026-10-28 09:00', null), // due Wednesday 25 Nov: "due soon" for the scorecard (5 days), not here
        request('O4', '2026-11-10 09:00', null), // due 8 Dec
        request('R06', '2026-10-09 09:00', null), // due 5 Nov: overdue
        request('R07', '2026-10-09 09:00', '2026-11-04 09:00'), // answered in time
      ]),
    ]);
    expect(list.map((d) => `${d.state} ${d.siteId} ${d.kind} ${d.recordId} ${d.deadline.slice(0, 10)}`)).toEqual([
      'overdue edu disclosure-request R06 2026-11-05',
      'overdue portal error-report H1 2026-11-18',
      'due-today edu disclosure-request O1 2026-11-20',
      'due-today portal error-report H2 2026-11-20',
      'due-next-workday edu disclosure-request O2 2026-11-23',
      'due-next-workday portal error-report H3 2026-11-23',
    ]);
    expect(list.map((d) => dueSoonLine(d))).toEqual([
      '已逾期：edu 依申请公开 R06，答复期限 2026-11-05T23:59:59.999+08:00 已过，尚未答复',
      '已逾期：portal 纠错留言 H1，答复期限 2026-11-18T23:59:59.999+08:00 已过，尚未答复',
      '今天到期：edu 依申请公开 O1，须于 2026-11-20T23:59:59.999+08:00答复',
      '今天到期：portal 纠错留言 H2，须于 2026-11-20T23:59:59.999+08:00答复',
      '下一个工作日到期：edu 依申请公开 O2，须于 2026-11-23T23:59:59.999+08:00答复',
      '下一个工作日到期：portal 纠错留言 H3，须于 2026-11-23T23:59:59.999+08:00答复',
    ]);
  });
});

describe('latestDueSoon', () => {
  it("reads each configured site's latest finished audit from the store", async () => {
    const store = openSqliteStore(':memory:');
    const cards = [
      audited('portal', [report('H2', '2026-11-18 11:00', null)], []),
      audited('edu', [], [request('R06', '2026-10-09 09:00', null)]),
    ];
    await store.createRun({ id: 'r1', kind: 'audit', asOf: now.toISOString(), startedAt: now.toISOString(), siteIds: ['portal', 'edu'], state: 'done' });
    for (const c of cards) await store.finishSiteRun({ runId: 'r1', siteId: c.siteId, state: 'done', finishedAt: now.toISOString(), score: 90, verdict: '合格', scorecard: c, error: null });
    const list = await latestDueSoon(store, [{ id: 'portal' }, { id: 'edu' }, { id: 'never-audited' }]);
    await store.close();
    expect(list.map((d) => [d.siteId, d.recordId, d.state, d.asOf])).toEqual([
      ['edu', 'R06', 'overdue', '2026-11-20T02:00:00.000Z'],
      ['portal', 'H2', 'due-today', '2026-11-20T02:00:00.000Z'],
    ]);
  });
});
