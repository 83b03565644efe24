// The error-report export (我为政府网站找错, DESIGN.md "Record exports"): record type, zod schemas, parser.
import { z } from 'zod';
import { checkOrder } from './chronology.ts';
import type { ImportResult } from './errors.ts';
import { localTime, optionalText, requiredText, siteCode } from './fields.ts';
import { parseRecordExport, type ColumnSpec, type ExportSpec } from './records.ts';
import type { ErrorReport } from '../contract/artifacts/error-reports.ts';

/** The export's columns in order. Free-text columns may be left out of a CSV (e.g. to keep personal data out). */
export const errorReportColumns: readonly ColumnSpec[] = [
  { key: 'id', header: '编号', required: true },
  { key: 'siteName', header: '网站名称', required: true },
  { key: 'siteCode', header: '网站标识码', required: true },
  { key: 'type', header: '问题类型', required: false },
  { key: 'description', header: '问题描述', required: false },
  { key: 'submittedAt', header: '留言时间', required: true },
  { key: 'forwardedAt', header: '转办时间', required: true },
  { key: 'answeredAt', header: '答复时间', required: true },
  { key: 'status', header: '办理状态', required: true },
  { key: 'answer', header: '答复内容', required: false },
];

const headers = Object.fromEntries(errorReportColumns.map((c) => [c.key, c.header]));

/**
 * Validates one raw row (cells keyed by English key, as CSV text or JSON values) into an ErrorReport, reading
 * times in `timeZone`. Requires 编号 and 网站名称 or 网站标识码; times must follow 留言 ≤ 转办 ≤ 答复.
 */
export function errorReportRowSchema(timeZone: string): z.ZodType<ErrorReport> {
  const time = localTime(timeZone);
  return z
    .object({
      id: requiredText,
      siteName: optionalText,
      siteCode,
      type: optionalText,
      description: optionalText,
      submittedAt: time,
      forwardedAt: time,
      answeredAt: time,
      status: optionalText,
      answer: optionalText,
    })
    .superRefine((r, ctx) => {
      if (r.siteName === null && r.siteCode === null) {
        ctx.addIssue({ code: 'custom', path: ['siteName'], message: 'is required when 网站标识码 (siteCode) is empty' });
      }
      checkOrder(r, [['submittedAt', 'forwardedAt'], ['forwardedAt', 'answeredAt'], ['submittedAt', 'answeredAt']], headers, ctx);
    });
}

const spec: ExportSpec<ErrorReport> = { what: 'error report', columns: errorReportColumns, rowSchema: errorReportRowSchema };

/**
 * Reads an error-report export: CSV (UTF-8 or GBK, header `编号,网站名称,网站标识码,问题类型,问题描述,留言时间,
 * 转办时间,答复时间,办理状态,答复内容`) or a JSON array with the keys of {@link ErrorReport}. Times are local to
 * `timezone` (`YYYY-MM-DD HH:MM:SS`, also `HH:MM` and `/` dates). Bad rows are reported with their line (CSV) or
 * index (JSON) and skipped; a later row repeating an 编号 is reported and skipped.
 */
export function parseErrorReports(bytes: Buffer, fileName: string, timezone: string): ImportResult<ErrorReport> {
  return parseRecordExport(spec, bytes, fileName, timezone);
}
