// Config sections of the content checks (interpretations, freshness, identity) and of the attachment gatherer.
// Defaults come from ../shared/reference/INDICATORS.md; config/schema.ts includes these sections.
import { z } from 'zod';

/** A regular expression written as a string (validated: it must compile with the `u` flag). */
const pattern = z.string().min(1).max(500).refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

/** A length of time: a number and a unit, `d` days, `w` weeks, `m` calendar months, `y` years (e.g. `2w`, `6m`). */
export const ageSchema = z.string().regex(/^[1-9]\d{0,3}[dwmy]$/, 'a number and d, w, m or y, e.g. 2w or 6m');

/** 三同步: which policy documents need an interpretation and how late it may come. */
export const interpretationsConfigSchema = z.strictObject({
  /** Working days an interpretation may follow its policy document (local rule: 3). */
  maxDelayWorkdays: z.number().int().min(0).max(60).default(3),
  /** Titles matching any of these need an interpretation even without a 文号 or a normative word. */
  include: z.array(pattern).default([]),
  /** Titles matching any of these never need one (wins over `include`). */
  exclude: z.array(pattern).default([]),
});

/** Longest time without a new item, per column kind; `null` turns staleness off for that kind. */
export const freshnessConfigSchema = z.strictObject({
  /** The homepage must show an item newer than this (veto 首页不更新: 2 weeks). */
  homepage: ageSchema.default('2w'),
  maxAge: z
    .strictObject({
      news: ageSchema.nullable().default('2w'),
      notice: ageSchema.nullable().default('6m'),
      policy: ageSchema.nullable().default('6m'),
      interpretation: ageSchema.nullable().default('6m'),
      personnel: ageSchema.nullable().default('1y'),
      plan: ageSchema.nullable().default('1y'),
      interaction: ageSchema.nullable().default(null),
      other: ageSchema.nullable().default(null),
    })
    .prefault({}),
});

/** Identity marks: how many inner pages are sampled besides the homepage. */
export const identityConfigSchema = z.strictObject({
  innerPages: z.number().int().min(0).max(200).default(10),
});

/** Attachments whose text is read for personal data: bounded in number, size and time. */
export const attachmentsConfigSchema = z.strictObject({
  /** Attachments read per site at most (the first in URL order). */
  maxFiles: z.number().int().min(0).max(10_000).default(40),
  /** Bytes of one attachment read at most; a larger one is "not measured". */
  maxBytes: z.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Characters of text kept per attachment. */
  maxTextChars: z.number().int().min(1_000).max(20_000_000).default(1_000_000),
  /** Time limit of one text extraction, ms. */
  extractTimeoutMs: z.number().int().min(500).max(600_000).default(20_000),
});

export type InterpretationsConfig = z.output<typeof interpretationsConfigSchema>;
export type FreshnessConfig = z.output<typeof freshnessConfigSchema>;
export type IdentityConfig = z.output<typeof identityConfigSchema>;
export type AttachmentsConfig = z.output<typeof attachmentsConfigSchema>;
