// The `errorReports` artifact: a site's error reports (我为政府网站找错) as imported into the store (the record as
// stored, validated with `errorReportSchema`), read by the error-report check.
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** One error report as stored: times are ISO 8601 with the district's offset, absent values null. */
export const errorReportSchema = z.object({
  /** 编号 */
  id: z.string().min(1),
  /** 网站名称 */
  siteName: z.string().nullable(),
  /** 网站标识码 */
  siteCode: z.string().regex(/^[0-9A-Za-z]{10}$/).nullable(),
  /** 问题类型 */
  type: z.string().nullable(),
  /** 问题描述 (may hold personal data: mask before showing). */
  description: z.string().nullable(),
  /** 留言时间 */
  submittedAt: isoTime.nullable(),
  /** 转办时间: the working-day deadline counts from here. */
  forwardedAt: isoTime.nullable(),
  /** 答复时间 */
  answeredAt: isoTime.nullable(),
  /** 办理状态 */
  status: z.string().nullable(),
  /** 答复内容 */
  answer: z.string().nullable(),
});

/** One error report (我为政府网站找错). */
export type ErrorReport = z.infer<typeof errorReportSchema>;

/** What the error-report check reads for one site (crawler/gather-records.ts). */
export interface ErrorReportsArtifact {
  /** The site's reports, by 编号. */
  reports: ErrorReport[];
  /** Stored records that no longer validate (skipped): their 编号 and why. */
  invalid: { id: string; reason: string }[];
  /** Export files the config imports on every run (absolute paths); empty when reports come only from `import-reports`. */
  sources: string[];
}
