// Whether markup or inline CSS hides an element (a hidden link is a classic sign of injected spam links).
// Only what the raw HTML says is judged: the hidden attribute and the element's own style attribute.

/** Inline style declarations, property names lower-cased; later declarations win. */
export function parseInlineStyle(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i <= 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).replace(/!important/i, '').trim().toLowerCase();
    if (prop) out.set(prop, value);
  }
  return out;
}

function lengthOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(-?\d*\.?\d+)\s*([a-z%]*)$/.exec(value);
  return m ? Number(m[1]) : null;
}

function isZero(value: string | undefined): boolean {
  const n = lengthOf(value);
  return n !== null && n === 0;
}

/** Off-screen positioning: left/top (or margins, text-indent) of -999 or less. */
function isOffScreen(style: Map<string, string>): boolean {
  for (const prop of ['left', 'top', 'margin-left', 'margin-top', 'text-indent']) {
    const n = lengthOf(style.get(prop));
    if (n !== null && n <= -999) return true;
  }
  return false;
}

/** True when the element's attributes hide it: `hidden`, or inline CSS that makes it invisible. */
export function isHiddenByMarkup(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  const raw = attribs.style;
  if (!raw) return false;
  const style = parseInlineStyle(raw);
  if (style.get('display') === 'none') return true;
  const visibility = style.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return true;
  if (isOffScreen(style)) return true;
  if (isZero(style.get('font-size'))) return true;
  const overflow = style.get('overflow') ?? style.get('overflow-x') ?? style.get('overflow-y');
  if (overflow === 'hidden' && (isZero(style.get('width')) || isZero(style.get('height')))) return true;
  return false;
}
