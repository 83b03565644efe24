// The disclosure-request export (依申请公开, DESIGN.md "Record exports"): record type, zod schemas, parser.
import { z } from 'zod';
import { checkOrder } from './chronology.ts';
import type { ImportResult } from './errors.ts';
import { dayCount, localTime, optionalText, requiredLocalTime, requiredText, siteCode } from './fields.ts';
import { parseRecordExport, type ColumnSpec, type ExportSpec } from './records.ts';
import type { DisclosureRequest } from '../contract/artifacts/disclosure-requests.ts';

/** The export's columns in order. 申请内容 may be left out of a CSV (it may hold personal data). */
export const disclosureRequestColumns: readonly ColumnSpec[] = [
  { key: 'id', header: '编号', required: true },
  { key: 'unit', header: '受理机关', required: true },
  { key: 'siteCode', header: '网站标识码', required: true },
  { key: 'subject', header: '申请内容', required: false },
  { key: 'receivedAt', header: '收到申请时间', required: true },
  { key: 'extendedAt', header: '延期告知时间', required: true },
  { key: 'suspendedDays', header: '补正及征求意见天数', required: true },
  { key: 'answeredAt', header: '答复时间', required: true },
  { key: 'status', header: '办理状态', required: true },
];

const headers = Object.fromEntries(disclosureRequestColumns.map((c) => [c.key, c.header]));

/**
 * Validates one raw row into a DisclosureRequest, reading times in `timeZone`. Requires 编号, 收到申请时间 and
 * 受理机关 or 网站标识码; 补正及征求意见天数 is a whole number ≥ 0 (empty = 0); 延期告知 and 答复 cannot precede receipt.
 */
export function disclosureRequestRowSchema(timeZone: string): z.ZodType<DisclosureRequest> {
  const time = localTime(timeZone);
  return z
    .object({
      id: requiredText,
      unit: optionalText,
      siteCode,
      subject: optionalText,
      receivedAt: requiredLocalTime(timeZone),
      extendedAt: time,
      suspendedDays: dayCount,
      answeredAt: time,
      status: optionalText,
    })
    .superRefine((r, ctx) => {
      if (r.unit === null && r.siteCode === null) {
        ctx.addIssue({ code: 'custom', path: ['unit'], message: 'is required when 网站标识码 (siteCode) is empty' });
      }
      checkOrder(r, [['receivedAt', 'extendedAt'], ['receivedAt', 'answeredAt']], headers, ctx);
    });
}

const spec: ExportSpec<DisclosureRequest> = {
  what: 'disclosure request',
  columns: disclosureRequestColumns,
  rowSchema: disclosureRequestRowSchema,
};

/**
 * Reads a disclosure-request export: CSV (UTF-8 or GBK, header `编号,受理机关,网站标识码,申请内容,收到申请时间,
 * 延期告知时间,补正及征求意见天数,答复时间,办理状态`) or a JSON array with the keys of {@link DisclosureRequest}.
 * Same rules as `parseErrorReports`.
 */
export function parseDisclosureRequests(bytes: Buffer, fileName: string, timezone: string): ImportResult<DisclosureRequest> {
  return parseRecordExport(spec, bytes, fileName, timezone);
}
