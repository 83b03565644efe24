// User-facing strings of the personal-data check (zh-CN), keyed.
import type { PiiKind } from '../util/pii.ts';

export const kindLabels: Record<PiiKind, string> = {
  'id-number': '居民身份证号码',
  'mobile-number': '手机号码',
  'bank-card': '银行卡号',
};

export const formatLabels: Record<string, string> = { pdf: 'PDF', docx: 'Word（DOCX）', xlsx: 'Excel（XLSX）', doc: 'Word（DOC）', xls: 'Excel（XLS）', other: '' };

export const strings = {
  title: '个人信息保护',
  onPage: (kind: PiiKind, count: number) => `页面公开了${count}个未去标识化的${kindLabels[kind]}`,
  inAttachment: (kind: PiiKind, count: number, format: string) =>
    `附件${formatLabels[format] ? `（${formatLabels[format]}）` : ''}中公开了${count}个未去标识化的${kindLabels[kind]}`,
};
