// A record kind is data: a third kind written only as data (12345 hotline work orders, 5 working days, matched to a
// site by its unit) is read, stored, matched, judged and listed as due soon by the same code as error reports and
// disclosure requests — nothing in the mechanism names a kind.
import { describe, expect, it } from 'vitest';
import { defineRecordKind, idField, requiredTimeField, siteCodeField, textField, timeField } from '../../contract/records/kind.ts';
import { parseRecordExport } from '../../imports/records.ts';
import { importRecordFile, recordImportReport } from '../../imports/store-import.ts';
import { dueSoonList } from '../../imports/due-soon.ts';
import { recordCheck } from '../../checks/records/check.ts';
import { runChecks } from '../../checks/runner.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { recordsWorkspace } from '../support/records.ts';

const workOrders = defineRecordKind({
  id: 'work-order', name: 'work-orders', label: '热线工单', what: 'work order', exports: 'errorReports',
  counted: { read: 'order(s)', unmatched: 'order(s)' },
  fields: { id: idField('工单编号'), unit: textField('承办单位'), siteCode: siteCodeField('网站标识码'), acceptedAt: requiredTimeField('受理时间'), closedAt: timeField('办结时间') },
  order: [['acceptedAt', 'closedAt']],
  site: { code: 'siteCode', name: 'unit', matches: 'unit' },
  clock: { start: ['acceptedAt'], answered: 'closedAt' },
});
const HEADER = '工单编号,承办单位,网站标识码,受理时间,办结时间';
const now = new Date('2026-11-20T10:00:00+08:00'); // Friday
const ws = recordsWorkspace();

const workOrderCheck = recordCheck({
  kind: workOrders,
  strings: {
    title: '热线工单办理',
    notCovered: (year) => `工作日历未覆盖${year}年`,
    noSource: '未导入热线工单',
    allNotMeasured: (n) => `${n}件工单均无法计算时限`,
    invalidRecords: (n) => `${n}条工单记录无效`,
    reasons: {},
  },
  rules: () => ({ deadlineWorkdays: 5, extensionWorkdays: 0, dueSoonWorkdays: 1, windowDays: 365 }),
  finding: (j, rules, local) => ({ message: `工单 ${j.record.id} ${j.outcome === 'overdue' ? '超期办结' : '逾期未办结'}，时限${rules.deadlineWorkdays}个工作日，应于${local(j.deadline!)}前办结`, evidence: { orderId: j.record.id } }),
  metrics: () => ({}),
});

describe('a kind written only as data', () => {
  it('is read, stored and matched by its own columns, and judged and listed by the one judge', async () => {
    const file = await ws.csv('orders.csv', HEADER, [
      'G1,区教育局,,2026-11-09 09:00:00,2026-11-13 17:00:00', // due Mon 16 Nov: on time
      'G2,区教育局,,2026-11-09 09:00:00,2026-11-17 09:00:00', // answered late
      'G3,区教育局,,2026-11-11 09:00:00,', // due Wed 18 Nov: unanswered
      'G4,区教育局,,2026-11-13 09:00:00,', // due Fri 20 Nov: today
      'G5,区体育局,,2026-11-13 09:00:00,', // no such unit
      'G6,区教育局,,2026-11-13 09:00:00,2026-11-12 09:00:00', // closed before it was accepted
    ]);
    const result = await importRecordFile(workOrders, file, { config: ws.config(), store: ws.store, now });
    expect(recordImportReport(workOrders, result).split('\n')).toEqual([
      'orders.csv: 5 order(s) read — 5 new, 0 updated, 0 unchanged; 1 bad row(s) skipped',
      '  skipped: work order G6 (line 7): 办结时间 (closedAt): 2026-11-12T09:00:00+08:00 is earlier than 受理时间 (acceptedAt) 2026-11-13T09:00:00+08:00',
      '  by site: edu 4',
      '  no site: G5 (承办单位 区体育局, 网站标识码 —) kept without a site: add the site, its unit or its siteCode to the config',
      '',
    ]);

    const stored = await ws.store.listRecords('work-order', { siteKey: 'edu' });
    const records = stored.map((r) => workOrders.schema.parse(r.data));
    const config = ws.config();
    const site = config.sites[1];
    const [checked] = runChecks([workOrderCheck], { site, unavailable: {}, records: { 'work-order': { records, invalid: [], sources: [] } } }, { now, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() });
    expect(checked).toMatchObject({ id: 'work-orders', status: 'failed', metrics: { total: 4, onTime: 1, overdue: 1, unanswered: 1, dueSoon: 1, timelinessRate: 0.3333 } });
    expect(checked.findings.map((f) => [f.check, f.code, f.message])).toEqual([
      ['work-orders', 'work-order.overdue', '工单 G2 超期办结，时限5个工作日，应于2026-11-16 23:59前办结'],
      ['work-orders', 'work-order.unanswered', '工单 G3 逾期未办结，时限5个工作日，应于2026-11-18 23:59前办结'],
    ]);
    const list = dueSoonList([{ siteId: 'edu', auditedAt: now.toISOString(), metrics: { [checked.id]: checked.metrics } }], [workOrders]);
    expect(list.map((d) => [d.kind, d.label, d.recordId, d.state])).toEqual([
      ['work-order', '热线工单', 'G3', 'overdue'],
      ['work-order', '热线工单', 'G4', 'due-today'],
    ]);
  });

  it('refuses an export of another kind by its own header', () => {
    const other = Buffer.from('编号,网站名称,网站标识码,留言时间\nR1,门户,,2026-11-02 08:00:00\n');
    expect(parseRecordExport(workOrders, other, 'x.csv', 'Asia/Shanghai').errors).toEqual([
      { line: 1, message: 'x.csv: missing required columns: 工单编号, 承办单位, 受理时间, 办结时间' },
    ]);
  });
});
