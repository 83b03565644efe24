// The reports' part of the district config: the monthly bulletin's settings. (Indicator overrides and review
// decisions have their own files beside this one: catalogue.ts, review.ts.)
import { z } from 'zod';

/** Config `bulletin`. */
export const bulletinConfigSchema = z.strictObject({
  /** Working days a unit has to rectify, counted from the bulletin's date on the official calendar. */
  rectifyWorkdays: z.number().int().min(1).max(120).default(10),
  /**
   * Per-unit 整改期限 in working days, by unit name as the sites give it (e.g. `{ "鲤城区教育局": 5 }`); units not
   * listed get `rectifyWorkdays`. An issued bulletin keeps the deadlines it stated.
   */
  rectifyWorkdaysByUnit: z.record(z.string().min(1), z.number().int().min(1).max(120)).default({}),
  /** 发文机关 — who issues the bulletin (red head and signature); default `<district>政府网站管理中心`. */
  issuer: z.string().min(1).optional(),
  /** Addressees (主送); default 各有关单位. */
  recipients: z.string().min(1).optional(),
  /** Worst cases named per indicator under 存在问题. */
  worstCases: z.number().int().min(1).max(50).default(5),
  /**
   * 发文字号 template, e.g. `鲤网管〔{year}〕{seq}号`: `{year}` is the year of the bulletin's date, `{seq}` the
   * sequence number given with `govaudit bulletin --seq N` (a draft without it leaves the number blank to fill in;
   * `--final` requires it). Absent: no 文号 line.
   */
  docNumber: z
    .string()
    .min(1)
    .refine((t) => !/\{(?!year\}|seq\}|month\})[^}]*\}/.test(t), { message: 'only {year}, {month} and {seq} may be used' })
    .optional(),
  /** 印发机关 on the 版记 line; default the issuer. */
  printedBy: z.string().min(1).optional(),
  /** 印发日期 (`YYYY-MM-DD`) on the 版记 line; default the bulletin's date. */
  printedOn: z.iso.date().optional(),
  /** 抄送 on the 版记 (e.g. 区政府办公室); absent: no 抄送 line. */
  copyTo: z.string().min(1).optional(),
});

export type BulletinConfig = z.output<typeof bulletinConfigSchema>;

/** The 文号 for a template, year and sequence (null seq: a blank to fill in by hand). */
export function formatDocNumber(template: string, year: number, month: number, seq: number | null): string {
  return template.replaceAll('{year}', String(year)).replaceAll('{month}', String(month)).replaceAll('{seq}', seq === null ? '　　' : String(seq));
}
