// Finds, in one text, the windows that read like a key term but are not it. Candidates come from the lexicon's
// character-pair index (a garbled form of a term of four or more characters keeps at least one of the term's pairs,
// adjacent or one apart), so the cost is one map look-up per character plus a short comparison at the rare
// positions a pair of a term appears. Which garbled forms count depends on the term (see classify).
import type { GuardedTerm, Lexicon } from './lexicon.ts';
import { likeness } from './pinyin.ts';

export type VariantKind = 'homophone' | 'near-homophone' | 'substitution' | 'transposition' | 'omission' | 'duplication';

export interface Variant {
  start: number;
  end: number;
  term: GuardedTerm;
  kind: VariantKind;
}

/** Is the UTF-16 code unit a Han character of the BMP (CJK unified, extension A, compatibility)? */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Exact occurrences of terms found while matching (start, end), and the garbled forms. */
export interface TermScan {
  exact: { start: number; end: number; term: GuardedTerm }[];
  variants: Variant[];
}

export function findTermVariants(text: string, lex: Lexicon): TermScan {
  const exact: TermScan['exact'] = [];
  const found: Variant[] = [];
  const tried = new Set<number>();
  const n = text.length;
  let runStart = 0;
  let runEnd = -1;
  for (let i = 0; i + 1 < n; i++) {
    const a = text.charCodeAt(i);
    if (!isHan(a)) continue;
    if (i >= runEnd) {
      runStart = i;
      runEnd = i + 1;
      while (runEnd < n && isHan(text.charCodeAt(runEnd))) runEnd++;
    }
    const b = text.charCodeAt(i + 1);
    if (!isHan(b)) continue;
    const postings = lex.pairs.get(a * 65536 + b);
    if (!postings) continue;
    for (const p of postings) {
      for (const delta of [-1, 0, 1]) {
        const s = i - p.offset + delta;
        if (s < runStart || s >= runEnd) continue;
        const key = p.term.id * 4_194_304 + s;
        if (tried.has(key)) continue;
        tried.add(key);
        const hit = classifyAt(text, s, runEnd, p.term);
        if (hit === 'exact') exact.push({ start: s, end: s + p.term.term.length, term: p.term });
        else if (hit) found.push(hit);
      }
    }
  }
  const variants = found.filter((v) => !overlapsExactOf(v, exact) && !isLookalike(text, v));
  return { exact, variants: dropOverlaps(variants) };
}

/** The term at `s` as written exactly, a garbled form of it, or null. */
function classifyAt(text: string, s: number, runEnd: number, term: GuardedTerm): Variant | 'exact' | null {
  const t = term.term;
  const L = t.length;
  if (s + L <= runEnd) {
    const r = sameLength(text, s, term);
    if (r) return r;
  }
  if (L >= 5 && s + L - 1 <= runEnd) {
    const r = omission(text, s, t);
    if (r !== null) return { start: s, end: s + L - 1, term, kind: 'omission' };
  }
  if (s + L + 1 <= runEnd) {
    const r = duplication(text, s, t);
    if (r !== null) return { start: s, end: s + L + 1, term, kind: 'duplication' };
  }
  return null;
}

function sameLength(text: string, s: number, term: GuardedTerm): Variant | 'exact' | null {
  const t = term.term;
  const L = t.length;
  const diff: number[] = [];
  for (let k = 0; k < L; k++) {
    if (text.charCodeAt(s + k) !== t.charCodeAt(k)) {
      diff.push(k);
      if (diff.length > 2) return null;
    }
  }
  if (diff.length === 0) return 'exact';
  const at = { start: s, end: s + L, term };
  if (diff.length === 2 && diff[1] === diff[0] + 1 && text[s + diff[0]] === t[diff[1]] && text[s + diff[1]] === t[diff[0]]) return { ...at, kind: 'transposition' };
  // sounds: every changed character reads like the one it replaces (two changes only in a long term)
  if (diff.length === 2 && L < 8) return null;
  // a changed first or last character may begin or end a word with its neighbour (四个自行车 is not 四个自信):
  // in a short term, only when the run stops there
  if (L < 6 && diff.length === 1 && ((diff[0] === 0 && s > 0 && isHan(text.charCodeAt(s - 1))) || (diff[0] === L - 1 && isHan(text.charCodeAt(s + L))))) return null;
  const sounds = diff.map((k) => likeness(t[k], text[s + k]));
  if (sounds.every((x) => x === 'homophone')) return { ...at, kind: 'homophone' };
  // near sounds (前后鼻音, 平翘舌) only in a term of five or more characters: a short one has too many near neighbours
  if (L >= 5 && sounds.every((x) => x === 'homophone' || x === 'near-homophone')) return { ...at, kind: 'near-homophone' };
  // one character wrong: inside the term (a changed first or last character usually starts or ends another
  // word: 社会主义核心价值体 is 体系), in a term long enough, and not an institution (全国 → 全省 names another body)
  if (diff.length === 1 && L >= 6 && term.category !== 'institution' && diff[0] > 0 && diff[0] < L - 1) return { ...at, kind: 'substitution' };
  return null;
}

/** Position of the interior character dropped from `t` in the window at `s`, or null. */
function omission(text: string, s: number, t: string): number | null {
  const L = t.length;
  let p = 0;
  while (p < L - 1 && text.charCodeAt(s + p) === t.charCodeAt(p)) p++;
  if (p === 0 || p >= L - 1) return null;
  for (let k = p; k < L - 1; k++) if (text.charCodeAt(s + k) !== t.charCodeAt(k + 1)) return null;
  return p;
}

/** Position of the interior character of `t` written twice in the window at `s`, or null. */
function duplication(text: string, s: number, t: string): number | null {
  const L = t.length;
  let p = 0;
  while (p < L && text.charCodeAt(s + p) === t.charCodeAt(p)) p++;
  // text[s+p] is the extra character: it must repeat t[p-1], an interior character
  if (p < 2 || p > L - 1 || text.charCodeAt(s + p) !== t.charCodeAt(p - 1)) return null;
  for (let k = p; k < L; k++) if (text.charCodeAt(s + k + 1) !== t.charCodeAt(k)) return null;
  return p - 1;
}

function overlapsExactOf(v: Variant, exact: TermScan['exact']): boolean {
  // the term itself written correctly over the same characters (or a longer right term holding the window)
  return exact.some((e) => e.start < v.end && v.start < e.end && (e.term === v.term || (e.start <= v.start && e.end >= v.end)));
}

function isLookalike(text: string, v: Variant): boolean {
  for (const l of v.term.lookalikes) {
    let from = Math.max(0, v.start - l.length);
    for (;;) {
      const at = text.indexOf(l, from);
      if (at < 0 || at > v.end) break;
      if (at <= v.start && at + l.length >= v.end) return true;
      from = at + 1;
    }
  }
  return false;
}

/** Overlapping garbled forms: the longest term wins, then the earlier one. */
function dropOverlaps(vs: Variant[]): Variant[] {
  const sorted = [...vs].sort((a, b) => b.term.term.length - a.term.term.length || a.start - b.start);
  const kept: Variant[] = [];
  for (const v of sorted) if (!kept.some((k) => k.start < v.end && v.start < k.end)) kept.push(v);
  return kept.sort((a, b) => a.start - b.start);
}
