// A record kind as data: records with a statutory deadline (error reports, disclosure requests) differ only in what
// this describes — their fields and export columns, how a record names its site, which times run its clock, and the
// codes of its findings. The import (imports/), the records gatherer (crawler/) and the one judge (checks/records/)
// read a kind; none of them names one. Adding a kind adds a data file beside this one (docs/records.md).
import { z } from 'zod';

/** What a field holds: how its cell is read from an export (imports/fields.ts) and what its stored value must be. */
export type FieldType = 'id' | 'text' | 'site-code' | 'time' | 'required-time' | 'days';

/** One field of a record: its English key is the JSON key and the stored key; `header` is its CSV column. */
export interface FieldSpec<T extends FieldType = FieldType> {
  /** The column's header in a CSV export (Chinese, as the platforms write it). */
  header: string;
  type: T;
  /** A CSV export may leave the column out (free text that may hold personal data); its cells are then empty. */
  optional?: true;
}

export type Fields = Record<string, FieldSpec>;

/** The fields of a kind's records, as written in its data file. */
const field =
  <T extends FieldType>(type: T) =>
  (header: string, optional?: 'optional'): FieldSpec<T> =>
    optional ? { header, type, optional: true } : { header, type };
/** 编号: non-empty text, the record's key. */
export const idField = field('id');
/** Free text; empty → null. */
export const textField = field('text');
/** 网站标识码: 10 letters or digits; empty → null. */
export const siteCodeField = field('site-code');
/** A local time stamp in the export, stored as ISO 8601 with the district's offset; empty → null. */
export const timeField = field('time');
/** Like a time field, but a record without it is refused. */
export const requiredTimeField = field('required-time');
/** A whole number of working days ≥ 0; empty → 0. */
export const daysField = field('days');

type ValueOf<T extends FieldType> = T extends 'id' | 'required-time' ? string : T extends 'days' ? number : string | null;

/** A stored record of a kind with fields `F`: times are ISO 8601 with the district's offset, absent values null. */
export type RecordOf<F extends Fields> = { [K in keyof F]: ValueOf<F[K]['type']> } & { id: string };

/** Any stored record, seen without its kind. */
export type AnyRecord = { id: string } & Record<string, string | number | null>;

type Key<F extends Fields> = keyof F & string;

/** Config keys that list a kind's export files (paths imported before every audit). */
export type ExportsConfigKey = 'errorReports' | 'disclosureRequests';

/** What a kind's data file writes. */
export interface RecordKindSpec<Id extends string, F extends Fields> {
  /** The store's record kind and the prefix of the finding codes (`error-report` → `error-report.overdue`). */
  id: Id;
  /** The plural: `govaudit import --kind` value, the check's id, the prepare step's suffix (`error-reports`). */
  name: string;
  /** What a clerk calls one (zh-CN), e.g. 纠错留言. */
  label: string;
  /** What an operator calls one in English messages, e.g. `error report`. */
  what: string;
  /** How the import's printout and warnings count good rows and rows matching no site, e.g. `report(s)`. */
  counted: { read: string; unmatched: string };
  /** The config key listing the export files imported before every audit. */
  exports: ExportsConfigKey;
  /** Every field, in the export's column order. */
  fields: F;
  /** Pairs `[earlier, later]` of times a record must keep in order (a later step cannot precede an earlier one). */
  order: [Key<F>, Key<F>][];
  /**
   * How a record names its site: by 网站标识码 (`code`, compared with the config's `siteCode`), else by `name`, compared
   * with the config's site field `matches` (the site's name, or its responsible unit). A record needs one of the two.
   */
  site: { code: Key<F>; name: Key<F>; matches: 'name' | 'unit' };
  /**
   * The deadline rule's facts on a record: the first present of `start` starts the clock (counting begins the next
   * day), `answered` stops it; `suspendedDays` adds working days that do not count; `extendedAt` is when the
   * applicant was told of an extension. The numbers (working days allowed, extension, period) come from the config.
   */
  clock: { start: Key<F>[]; answered: Key<F>; suspendedDays?: Key<F>; extendedAt?: Key<F> };
}

/** A record kind: its data with the stored record's schema and its finding codes. */
export interface RecordKind<F extends Fields = Fields, Id extends string = string> extends RecordKindSpec<Id, F> {
  /** The stored record's schema: what the import writes and the gatherer reads back. */
  schema: z.ZodType<RecordOf<F>>;
  /** Finding codes: answered after the deadline; deadline passed without an answer. */
  codes: { overdue: string; unanswered: string };
}

const isoTime = z.iso.datetime({ offset: true });
const storedValue: Record<FieldType, z.ZodType> = {
  id: z.string().min(1),
  text: z.string().nullable(),
  'site-code': z.string().regex(/^[0-9A-Za-z]{10}$/).nullable(),
  time: isoTime.nullable(),
  'required-time': isoTime,
  days: z.number().int().min(0),
};

/** Completes a kind's data: the stored schema from its field types, the finding codes from its id. */
export function defineRecordKind<const Id extends string, const F extends Fields>(spec: RecordKindSpec<Id, F>): RecordKind<F, Id> {
  const shape = Object.fromEntries(Object.entries(spec.fields).map(([key, f]) => [key, storedValue[f.type]]));
  return {
    ...spec,
    schema: z.object(shape) as unknown as z.ZodType<RecordOf<F>>,
    codes: { overdue: `${spec.id}.overdue`, unanswered: `${spec.id}.unanswered` },
  };
}

/** One kind's records for one site, as the records gatherer hands them to the checks. */
export interface RecordSet<R = AnyRecord> {
  records: R[];
  /** Stored records that no longer validate (skipped): their 编号 and why. */
  invalid: { id: string; reason: string }[];
  /** Export files the config imports on every run (absolute paths); empty when records come only from `govaudit import`. */
  sources: string[];
}

/** Where an open record stands for the people who must chase it: deadline passed, due today, or due the next working day. */
export const followUpStates = ['overdue', 'due-today', 'due-next-workday'] as const;

/** One open record to chase, as the record checks list it in their metrics (`followUp`). */
export const followUpSchema = z.object({
  recordId: z.string().min(1),
  /** When the clock started (ISO with offset). */
  start: z.string(),
  /** End of the last working day to answer (ISO with offset). */
  deadline: z.string(),
  state: z.enum(followUpStates),
});

export type FollowUp = z.infer<typeof followUpSchema>;

/** One record to chase, with its site and kind: an entry of the due-soon list (imports/due-soon.ts). */
export interface DueSoonEntry extends FollowUp {
  siteId: string;
  /** The record kind's id (`error-report`, `disclosure-request`). */
  kind: string;
  /** What a clerk calls the record (纠错留言, 依申请公开). */
  label: string;
  /** The audit clock the state was judged at (the scorecard's `auditedAt`). */
  asOf: string;
}
