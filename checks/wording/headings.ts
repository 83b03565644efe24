// Where a page's headings (h1–h6) stand in its visible text, so a hit there is reported as 正文标题 rather than 正文.
// Read from the raw HTML with one pattern (only pages with a hit ask), tags dropped and entities decoded.

const HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ldquo: '“', rdquo: '”', mdash: '—', middot: '·' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Spans of `text` that are the page's headings, in document order. */
export function headingSpans(html: string | undefined, text: string): { start: number; end: number }[] {
  if (!html) return [];
  const spans: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const m of html.matchAll(HEADING)) {
    const heading = decode(m[2].replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    if (!heading) continue;
    const at = text.indexOf(heading, cursor);
    if (at < 0) continue;
    spans.push({ start: at, end: at + heading.length });
    cursor = at + heading.length;
  }
  return spans;
}
