// Disclosure requests (依申请公开) as a record kind: requests for government information, answered within 20 working
// days of receipt, 40 with an extension notified in time, 补正 and third-party consultation days not counted
// (政府信息公开条例 2019 arts. 30, 32, 33; `disclosureRequestRules` in the config).
import { daysField, defineRecordKind, idField, type RecordOf, requiredTimeField, siteCodeField, textField, timeField } from './kind.ts';

export const disclosureRequestKind = defineRecordKind({
  id: 'disclosure-request', name: 'disclosure-requests', label: '依申请公开', what: 'disclosure request', exports: 'disclosureRequests',
  counted: { read: 'request(s)', unmatched: 'record(s)' },
  // CSV `编号,受理机关,网站标识码,申请内容,收到申请时间,延期告知时间,补正及征求意见天数,答复时间,办理状态`; 申请内容 may hold
  // personal data. 补正及征求意见天数: working days that do not count (补正, third-party consultation).
  fields: {
    id: idField('编号'), unit: textField('受理机关'), siteCode: siteCodeField('网站标识码'), subject: textField('申请内容', 'optional'),
    receivedAt: requiredTimeField('收到申请时间'), extendedAt: timeField('延期告知时间'),
    suspendedDays: daysField('补正及征求意见天数'), answeredAt: timeField('答复时间'), status: textField('办理状态'),
  },
  order: [['receivedAt', 'extendedAt'], ['receivedAt', 'answeredAt']],
  // A request names the unit that received it (受理机关): matched to the site that unit runs.
  site: { code: 'siteCode', name: 'unit', matches: 'unit' },
  clock: { start: ['receivedAt'], answered: 'answeredAt', suspendedDays: 'suspendedDays', extendedAt: 'extendedAt' },
});

/** One request for government information as stored. */
export type DisclosureRequest = RecordOf<typeof disclosureRequestKind.fields>;
