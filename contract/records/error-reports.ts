// Error reports (我为政府网站找错) as a record kind: the platform's export, forwarded to the unit that runs the site,
// answered within the district's working days (泉鲤政办〔2018〕77号 item 21; `errorReportRules` in the config).
import { defineRecordKind, idField, type RecordOf, siteCodeField, textField, timeField } from './kind.ts';

export const errorReportKind = defineRecordKind({
  id: 'error-report', name: 'error-reports', label: '纠错留言', what: 'error report', exports: 'errorReports',
  counted: { read: 'report(s)', unmatched: 'report(s)' },
  // CSV `编号,网站名称,网站标识码,问题类型,问题描述,留言时间,转办时间,答复时间,办理状态,答复内容`; 问题描述 may hold personal data.
  fields: {
    id: idField('编号'), siteName: textField('网站名称'), siteCode: siteCodeField('网站标识码'),
    type: textField('问题类型', 'optional'), description: textField('问题描述', 'optional'),
    submittedAt: timeField('留言时间'), forwardedAt: timeField('转办时间'), answeredAt: timeField('答复时间'),
    status: textField('办理状态'), answer: textField('答复内容', 'optional'),
  },
  order: [['submittedAt', 'forwardedAt'], ['forwardedAt', 'answeredAt'], ['submittedAt', 'answeredAt']],
  site: { code: 'siteCode', name: 'siteName', matches: 'name' },
  // The clock starts at 转办时间, or at 留言时间 when the platform recorded no forwarding.
  clock: { start: ['forwardedAt', 'submittedAt'], answered: 'answeredAt' },
});

/** One error report as stored. */
export type ErrorReport = RecordOf<typeof errorReportKind.fields>;
