// Whether two readings of a page are the same content: text normalised (dates, times, weekdays, counters and
// whitespace removed, full-width folded) and compared as sets of character shingles (Jaccard index).

const DATE_PATTERNS: RegExp[] = [
  /\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?/g,
  /\d{1,2}\s*月\s*\d{1,2}\s*日/g,
  /\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*[ap]\.?m\.?)?/gi,
  /(?:星期|礼拜)[一二三四五六日天]/g,
  /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi,
];
const NUMBERS = /\d+(?:[.,]\d+)*/g;
const SPACE = /\s+/g;

/** Shingle length in characters (suits Chinese text, which has no spaces between words). */
export const SHINGLE = 3;

/** Text reduced to what must stay the same between two readings of one page. */
export function normaliseForComparison(text: string): string {
  let t = text.normalize('NFKC').toLowerCase();
  for (const p of DATE_PATTERNS) t = t.replace(p, ' ');
  return t.replace(NUMBERS, ' ').replace(SPACE, '');
}

/** Set of `SHINGLE`-character substrings (the whole string when shorter). */
export function shingles(normalised: string): Set<string> {
  const chars = Array.from(normalised);
  const out = new Set<string>();
  if (chars.length === 0) return out;
  if (chars.length <= SHINGLE) {
    out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + SHINGLE <= chars.length; i++) out.add(chars.slice(i, i + SHINGLE).join(''));
  return out;
}

/**
 * Jaccard similarity (0…1) of two texts after `normaliseForComparison`. Two empty texts are identical (1);
 * one empty and one not share nothing (0).
 */
export function textSimilarity(a: string, b: string): number {
  const sa = shingles(normaliseForComparison(a));
  const sb = shingles(normaliseForComparison(b));
  if (sa.size === 0 && sb.size === 0) return 1;
  let common = 0;
  for (const s of sa) if (sb.has(s)) common++;
  return common / (sa.size + sb.size - common);
}
