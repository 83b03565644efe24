// Small deterministic hashes for seeded choices (jitter, probe paths): the same input gives the same output on every run.

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A hex string of `length` characters derived from `seed`. */
export function seededHex(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += fnv1a(`${i}:${seed}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A number in [0, 1) derived from `seed`. */
export function seededUnit(seed: string): number {
  return fnv1a(seed) / 2 ** 32;
}
