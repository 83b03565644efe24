// The `disclosureRequests` artifact: a site's disclosure requests (依申请公开) as imported into the store (the record
// as stored, validated with `disclosureRequestSchema`), read by the disclosure-request check.
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** One disclosure request as stored: times are ISO 8601 with the district's offset, absent values null. */
export const disclosureRequestSchema = z.object({
  /** 编号 */
  id: z.string().min(1),
  /** 受理机关 */
  unit: z.string().nullable(),
  /** 网站标识码 */
  siteCode: z.string().regex(/^[0-9A-Za-z]{10}$/).nullable(),
  /** 申请内容 (may hold personal data: mask before showing). */
  subject: z.string().nullable(),
  /** 收到申请时间: the working-day deadline counts from here. */
  receivedAt: isoTime,
  /** 延期告知时间: when the applicant was told of an extension; null when not extended. */
  extendedAt: isoTime.nullable(),
  /** 补正及征求意见天数: working days that do not count (补正, third-party consultation). */
  suspendedDays: z.number().int().min(0),
  /** 答复时间 */
  answeredAt: isoTime.nullable(),
  /** 办理状态 */
  status: z.string().nullable(),
});

/** One request for government information (依申请公开). */
export type DisclosureRequest = z.infer<typeof disclosureRequestSchema>;

/** What the disclosure-request check reads for one site (crawler/gather-disclosure-requests.ts). */
export interface DisclosureRequestsArtifact {
  /** The site's requests. */
  requests: DisclosureRequest[];
  /** Stored records that no longer validate (skipped): their 编号 and why. */
  invalid: { id: string; reason: string }[];
  /** Export files the config imports on every run (absolute paths); empty when requests come only from `import-requests`. */
  sources: string[];
}
