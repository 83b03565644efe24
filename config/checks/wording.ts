// Config section `wording` (the wording check, checks/wording.ts): what a district adds to the shipped key-term list
// (checks/data/key-terms.ts) and typo list (checks/data/typos.ts) — its leaders' names and posts with dates, its own
// and its units' official names, extra formulations, terms outdated from a date — the allow list of real names and
// phrases that read like a key term, and the cap on findings a page. config/schema.ts includes it.
import { z } from 'zod';

/** Han characters only (the matcher compares runs of Han text), 2–40 of them. */
const hanOnly = /^\p{Script=Han}{2,40}$/u;
const hanTerm = z.string().trim().regex(hanOnly, 'Han characters only (2–40), without punctuation or spaces');
const date = z.iso.date();

/** A post a district leader holds, with the dates it holds (until: last day, inclusive; absent: still held). */
export const leaderPostSchema = z
  .strictObject({
    /** The post as written beside the name, e.g. 区长, 区委书记, 副区长. */
    title: hanTerm,
    /** Other ways the post is written (e.g. 鲤城区区长). */
    forms: z.array(hanTerm).default([]),
    from: date,
    until: date.optional(),
  })
  .refine((p) => !p.until || p.until >= p.from, { message: 'until must not be before from', path: ['until'] });

/** A district leader: the name and the posts held. */
export const leaderSchema = z.strictObject({
  name: z.string().trim().regex(/^\p{Script=Han}{2,6}$/u, 'a name of 2–6 Han characters'),
  posts: z.array(leaderPostSchema).min(1),
});

/** A term no longer right from a date (a renamed unit, a replaced formulation). */
export const outdatedTermSchema = z.strictObject({
  term: hanTerm,
  /** First local date on which the term is outdated. */
  from: date,
  /** What to write instead (shown as the correct form). */
  replacement: z.string().trim().min(1).max(60).optional(),
  note: z.string().trim().min(1).max(200).optional(),
});

/** A confusion pair the district adds to the shipped typo list. */
export const extraTypoSchema = z
  .strictObject({
    wrong: z.string().trim().regex(/^\p{Script=Han}{2,12}$/u, '2–12 Han characters'),
    correct: z.string().trim().regex(/^\p{Script=Han}{1,12}$/u, '1–12 Han characters'),
  })
  .refine((t) => t.wrong !== t.correct, { message: 'wrong and correct must differ', path: ['correct'] });

export const wordingConfigSchema = z.strictObject({
  /** The district's leaders with their posts and dates: a misspelt name beside a post, or a post not held on the page's date, is a serious error. */
  leaders: z.array(leaderSchema).default([]),
  /** Official names of the district and its units (e.g. 泉州市鲤城区人民政府): a garbled form is a serious error. At least 4 Han characters. */
  officialNames: z.array(hanTerm.refine((s) => [...s].length >= 4, 'at least 4 Han characters')).default([]),
  /** Further formulations to guard, like the shipped key terms (at least 4 Han characters). */
  terms: z.array(hanTerm.refine((s) => [...s].length >= 4, 'at least 4 Han characters')).default([]),
  /** Terms outdated from a date (a renamed unit): used as current on a page dated on or after `from`, a serious error. */
  outdated: z.array(outdatedTermSchema).default([]),
  /** Names and phrases that read like a key term but are right (a real person 习进平 of a village committee): never a finding. */
  allow: z.array(z.string().trim().min(2).max(40)).default([]),
  /** Added to the shipped typo list. */
  extraTypos: z.array(extraTypoSchema).default([]),
  /** Wrong forms of the shipped typo list the district does not want flagged. */
  ignoreTypos: z.array(z.string().trim().min(1).max(12)).default([]),
  /** Findings a page at most (serious first); further hits are counted in the metrics and on the page's findings. */
  maxHitsPerPage: z.number().int().min(1).max(200).default(10),
  /** Read attachments' extracted text (PDF, DOCX, XLSX) too. */
  attachments: z.boolean().default(true),
});

export type WordingConfig = z.output<typeof wordingConfigSchema>;
