// Spam vocabulary matching: the configured word list folded for matching, the terms found in a piece of text, and
// the one rule every spam signal shares — a piece of text is spammy when it carries a strong term or two distinct
// terms, and no word that marks a warning or a crackdown (打击, 专项, 防范, …).
import { antiSpamContextWords, spamWords, weakSpamWords, type SpamCategory } from '../data/spam-words.ts';
import type { SecurityConfig } from '../../config/checks/security.ts';

export interface SpamTerm {
  term: string;
  /** Folded form matched against folded text. */
  folded: string;
  category: SpamCategory;
  /** Also used by legitimate warnings (赌博, 色情): needs company. */
  weak: boolean;
}

export interface SpamVocabulary {
  terms: SpamTerm[];
  antiContext: string[];
}

/** NFKC, lower case, no whitespace: how text and terms are compared (澳 门 新 葡 京 still matches). */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** The vocabulary a district uses: the shipped list (or `spamWords`) plus `extraSpamWords`. */
export function vocabularyFor(cfg: Pick<SecurityConfig, 'spamWords' | 'extraSpamWords'>): SpamVocabulary {
  const weak = new Set(weakSpamWords.map(fold));
  const entries: { term: string; category: SpamCategory }[] = cfg.spamWords
    ? cfg.spamWords.map((term) => ({ term, category: 'custom' as const }))
    : Object.entries(spamWords).flatMap(([category, list]) => list.map((term) => ({ term, category: category as SpamCategory })));
  for (const term of cfg.extraSpamWords) entries.push({ term, category: 'custom' });
  const seen = new Set<string>();
  const terms: SpamTerm[] = [];
  for (const e of entries) {
    const folded = fold(e.term);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    terms.push({ term: e.term, folded, category: e.category, weak: weak.has(folded) });
  }
  return { terms, antiContext: antiSpamContextWords.map(fold) };
}

/** Distinct terms found in `text`; a term inside a longer found term (博彩 in 博彩网站) is not counted twice. */
export function termsIn(text: string, vocab: SpamVocabulary): SpamTerm[] {
  const folded = fold(text);
  if (!folded) return [];
  const hits = vocab.terms.filter((t) => folded.includes(t.folded));
  return hits.filter((t) => !hits.some((o) => o !== t && o.folded.length > t.folded.length && o.folded.includes(t.folded)));
}

/** Does the text carry a word of warning or crackdown? */
export function hasAntiContext(text: string, vocab: SpamVocabulary): boolean {
  const folded = fold(text);
  return vocab.antiContext.some((w) => folded.includes(w));
}

/** Terms that make `text` spammy on their own (a strong term, or two distinct), else []. */
export function spammyTerms(text: string, vocab: SpamVocabulary): SpamTerm[] {
  const terms = termsIn(text, vocab);
  if (terms.length === 0 || hasAntiContext(text, vocab)) return [];
  return terms.some((t) => !t.weak) || terms.length >= 2 ? terms : [];
}

/** A short quote around the first occurrence of `term` in `text` (whitespace collapsed). */
export function excerptAround(text: string, term: SpamTerm, radius = 20): string {
  const flat = text.replace(/\s+/g, ' ').normalize('NFKC');
  const lower = flat.toLowerCase();
  const i = lower.indexOf(term.folded);
  if (i < 0) return flat.slice(0, radius * 2);
  const start = Math.max(0, i - radius);
  const end = Math.min(flat.length, i + term.folded.length + radius);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
