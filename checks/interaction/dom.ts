// A pure DOM view of a crawled page's HTML for the message-board check: parse (htmlparser2), text of an element
// with line breaks at block boundaries, and CSS selection (css-select). No I/O.
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Document, Element } from 'domhandler';
import { selectAll, selectOne } from 'css-select';

export type { Element } from 'domhandler';

/** Largest HTML parsed (characters); the rest is ignored. */
const MAX_HTML = 2_000_000;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head']);
const BLOCKS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'table', 'tbody', 'thead', 'section', 'article', 'header', 'footer',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'blockquote', 'pre', 'form', 'fieldset', 'caption', 'main', 'aside', 'nav',
]);

/** Parses HTML (capped) into a document. */
export function parseHtml(html: string): Document {
  return parseDocument(html.length > MAX_HTML ? html.slice(0, MAX_HTML) : html);
}

/** Text of a node: blocks on their own lines, table cells separated by " | ", white space collapsed within lines. */
export function blockText(node: AnyNode | AnyNode[]): string {
  const parts: string[] = [];
  const walk = (n: AnyNode) => {
    if (n.type === 'text') {
      parts.push((n as unknown as { data: string }).data);
      return;
    }
    if (n.type !== 'tag' && n.type !== 'root' && n.type !== 'script' && n.type !== 'style') return;
    const el = n as Element;
    const name = el.name?.toLowerCase();
    if (name && (SKIPPED.has(name) || isHidden(el))) return;
    const block = name !== undefined && BLOCKS.has(name);
    if (block) parts.push('\n');
    if (name === 'td' || name === 'th') parts.push(' | ');
    for (const c of el.children ?? []) walk(c);
    if (block) parts.push('\n');
  };
  for (const n of Array.isArray(node) ? node : [node]) walk(n);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[\s\u3000]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Text of an element on one line. */
export function inlineText(node: AnyNode | AnyNode[]): string {
  return blockText(node).replace(/\n/g, ' ').replace(/\s*\|\s*/g, ' ').trim();
}

/** Elements matching a CSS selector under `root`; an invalid selector matches nothing. */
export function select(selector: string, root: AnyNode | AnyNode[]): Element[] {
  try {
    return selectAll(selector, root as never) as Element[];
  } catch {
    return [];
  }
}

/** The first element matching a CSS selector under `root`, or null (also for an invalid selector). */
export function selectFirst(selector: string, root: AnyNode | AnyNode[]): Element | null {
  try {
    return selectOne(selector, root as never) as Element | null;
  } catch {
    return null;
  }
}

/** The resolved `href` of the first link under `el`, or null. */
export function firstLink(el: Element, base: string): string | null {
  const a = selectFirst('a[href]', el);
  const href = a?.attribs.href?.trim();
  if (!href || /^(javascript|mailto|tel):/i.test(href)) return null;
  try {
    const u = new URL(href, base);
    u.hash = '';
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function isHidden(el: Element): boolean {
  if (el.attribs?.hidden !== undefined) return true;
  const style = el.attribs?.style?.replace(/\s+/g, '').toLowerCase() ?? '';
  return style.includes('display:none') || style.includes('visibility:hidden');
}
