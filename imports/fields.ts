// zod pieces for one cell of an export: text, local time stamps, site codes, day counts. A cell arrives as a
// CSV string or a JSON value; empty text means "no value".
import { z } from 'zod';
import { parseLocalDateTime, toOffsetIso } from '../calendar/timezone.ts';

/** A raw cell: CSV text, or a JSON string/number/null, or absent. */
const cell = z.union([z.string(), z.number(), z.null(), z.undefined()], {
  error: 'must be text or a number',
});

const normalize = (v: string | number | null | undefined): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/** Free text, trimmed; empty → null. */
export const optionalText = cell.transform(normalize);

/** Non-empty text, trimmed. */
export const requiredText = cell.transform((v, ctx) => {
  const s = normalize(v);
  if (s === null) ctx.addIssue('is required');
  return s ?? '';
});

/** 网站标识码: 10 letters or digits (as in the district config); empty → null. */
export const siteCode = optionalText.refine((s) => s === null || /^[0-9A-Za-z]{10}$/.test(s), 'must be 10 letters or digits');

/** Earliest and latest year accepted in a time stamp: anything outside is a typo, not a record. */
const YEARS = { from: 1970, to: 2100 };

/**
 * A local time stamp (`YYYY-MM-DD HH:MM:SS` and the variants `parseLocalDateTime` accepts) read in `timeZone`
 * and returned as an ISO 8601 string with that zone's offset; empty → null.
 */
export function localTime(timeZone: string) {
  return cell.transform((v, ctx) => {
    const s = normalize(v);
    if (s === null) return null;
    if (typeof v === 'number') {
      ctx.addIssue('must be a time as text (YYYY-MM-DD HH:MM:SS), not a number');
      return null;
    }
    try {
      const instant = parseLocalDateTime(s, timeZone);
      const year = Number(s.slice(0, 4));
      if (year < YEARS.from || year > YEARS.to) {
        ctx.addIssue(`year ${year} is outside ${YEARS.from}–${YEARS.to}`);
        return null;
      }
      return toOffsetIso(instant, timeZone);
    } catch (err) {
      ctx.addIssue(err instanceof Error ? err.message : String(err));
      return null;
    }
  });
}

/** A whole number of days ≥ 0 (text or JSON number); empty → 0. */
export const dayCount = cell.transform((v, ctx) => {
  const s = normalize(v);
  if (s === null) return 0;
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n > 9999) {
    ctx.addIssue(`must be a whole number of days ≥ 0, got ${JSON.stringify(s.slice(0, 20))}`);
    return 0;
  }
  return n;
});

/** Like {@link localTime}, but an empty cell is an error. */
export function requiredLocalTime(timeZone: string) {
  return localTime(timeZone).transform((v, ctx): string => {
    if (v === null) {
      ctx.addIssue('is required');
      return z.NEVER;
    }
    return v;
  });
}
