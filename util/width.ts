// Full-width → half-width folding for Chinese page text. Every function keeps the string's length,
// so an index found in the folded text points at the same character in the original.

/**
 * Folds full-width ASCII (U+FF01–U+FF5E: digits, letters, punctuation) and the ideographic space
 * (U+3000) to their half-width forms. The result has the same length as the input.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Folds only full-width letters, digits, round and square brackets and the ideographic space — the
 * characters whose full-width form carries no meaning in a Chinese title. Chinese punctuation
 * (，：；！？) is kept. Same length as the input.
 */
export function toHalfWidthAlnum(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF08\uFF09\uFF3B\uFF3D\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}
