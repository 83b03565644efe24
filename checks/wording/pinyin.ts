// Does one Han character read like another? Toneless pinyin from pinyin-pro (every reading of a polyphone), cached
// per character: the check asks only about the few characters where a text differs from a key term, so the
// dictionary is consulted a few thousand times an audit, not once per character crawled.
import { pinyin } from 'pinyin-pro';

const cache = new Map<string, readonly string[]>();

/** The toneless readings of one character (`长` → chang, zhang); the character itself when it has none. */
export function readings(ch: string): readonly string[] {
  let r = cache.get(ch);
  if (!r) {
    const all = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }) as string[];
    r = all.length ? [...new Set(all.map((s) => s.toLowerCase()))] : [ch];
    cache.set(ch, r);
  }
  return r;
}

/**
 * A reading with the confusions of southern Mandarin folded (平翘舌 zh/z ch/c sh/s, n/l, 前后鼻音 in/ing en/eng
 * an/ang): the characters a writer from Fujian or Guangdong most often swaps by ear.
 */
export function foldReading(s: string): string {
  return s
    .replace(/^zh/, 'z')
    .replace(/^ch/, 'c')
    .replace(/^sh/, 's')
    .replace(/^n(?!g)/, 'l')
    .replace(/ing$/, 'in')
    .replace(/eng$/, 'en')
    .replace(/ang$/, 'an');
}

export type Likeness = 'same' | 'homophone' | 'near-homophone' | 'different';

/** How `b` (written) reads against `a` (expected). */
export function likeness(a: string, b: string): Likeness {
  if (a === b) return 'same';
  const ra = readings(a);
  const rb = readings(b);
  if (ra.some((x) => rb.includes(x))) return 'homophone';
  const fa = ra.map(foldReading);
  if (rb.some((x) => fa.includes(foldReading(x)))) return 'near-homophone';
  return 'different';
}
