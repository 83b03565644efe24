// Reads one HTML page (pure): title, government meta tags, language, links with anchor text and a hidden flag,
// visible text, a meta refresh, and the dated items of a list page. Tolerates malformed markup; bounded work.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { LinkRef, LinkTag, ListItem } from '../contract/artifacts/crawl.ts';
import { datastoreItems, extractListItems } from './lists/extract.ts';
import { isHiddenByMarkup } from '../util/hidden.ts';
import { normalizeUrl, schemeOf } from './url.ts';

/** Meta names kept (compared lower-case). */
export const KEPT_META = ['articletitle', 'pubdate', 'columnname', 'columntype', 'sitename', 'sitedomain', 'siteidcode', 'contentsource', 'description', 'keywords'];

/** Links read per page at most. */
export const MAX_LINKS = 20_000;
const MAX_TEXT = 2_000_000;
const MAX_ANCHOR_TEXT = 200;
const MAX_META_VALUE = 2_000;

/** Schemes dropped from a page's links altogether (no resource to name). */
const DROPPED_SCHEMES = new Set(['javascript:', 'data:', 'about:', 'blob:', 'vbscript:']);

const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'math']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'option', 'img', 'input', 'button', 'label',
]);
const ICON_OR_STYLE = /(^|\s)(stylesheet|icon|shortcut|apple-touch-icon)(\s|$)/i;

export interface ParsedHtml {
  title: string | null;
  meta: Record<string, string>;
  lang: string | null;
  links: LinkRef[];
  /** Links beyond MAX_LINKS were dropped. */
  linksCapped?: boolean;
  text?: string;
  listItems?: ListItem[];
  /** Target of `<meta http-equiv="refresh">`, absolute. */
  metaRefresh?: string;
}

export interface ParseKeep {
  text?: boolean;
  /** Fewest dated rows that make the page a list (default 3; 1 for a configured column's page). */
  listMin?: number;
}

/** Whitespace-collapsed, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text under a node, whitespace-collapsed, read only until `limit` characters. */
function textUnder(node: AnyNode, limit: number): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length && out.length < limit * 2) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (isTag(n)) {
      if (SKIP_TEXT.has(n.name)) continue;
      if (BLOCK.has(n.name)) out += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return collapse(out).slice(0, limit);
}

/** First image alt under a node (for image links without text). */
function altUnder(node: Element): string {
  const stack: AnyNode[] = [...node.children];
  for (let steps = 0; stack.length && steps < 200; steps++) {
    const n = stack.shift()!;
    if (!isTag(n)) continue;
    if (n.name === 'img' && n.attribs.alt) return collapse(n.attribs.alt).slice(0, MAX_ANCHOR_TEXT);
    stack.push(...n.children);
  }
  return '';
}

/** The URL part of a meta refresh `content` (`5; url=/x`), or null. */
export function metaRefreshTarget(content: string): string | null {
  const m = /^\s*\d*(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.+?)\1\s*$/i.exec(content);
  if (!m || /^\d*(?:\.\d*)?$/.test(content.trim())) return null;
  const target = m[2].trim();
  return target || null;
}

/**
 * Parses a page. `baseUrl` is the page's (final) URL; a `<base href>` overrides it for relative links.
 * Text is extracted only when `keep.text` is set.
 */
export function parseHtml(html: string, baseUrl: string, keep: ParseKeep = {}): ParsedHtml {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  let base = baseUrl;
  let title: string | null = null;
  let lang: string | null = null;
  let metaRefresh: string | undefined;
  let linksCapped = false;
  const meta: Record<string, string> = {};
  const links: LinkRef[] = [];
  const textParts: string[] = [];
  let textLength = 0;

  const addLink = (raw: string | undefined, tag: LinkTag, hidden: boolean, extra: { text?: string; rel?: string } = {}): string | null => {
    if (raw === undefined) return null;
    const href = raw.trim();
    if (!href || href.startsWith('#')) return null;
    const scheme = schemeOf(href);
    if (scheme && DROPPED_SCHEMES.has(scheme)) return null;
    const url = normalizeUrl(href, base);
    if (!url) return null;
    if (links.length >= MAX_LINKS) {
      linksCapped = true;
      return url;
    }
    const ref: LinkRef = { url, tag };
    if (extra.text) ref.text = extra.text;
    if (hidden) ref.hidden = true;
    if (extra.rel) ref.rel = extra.rel;
    links.push(ref);
    return url;
  };

  type Frame = { node: AnyNode; hidden: boolean; skipText: boolean } | { end: true };
  const stack: Frame[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) stack.push({ node: doc.children[i], hidden: false, skipText: false });
  while (stack.length) {
    const frame = stack.pop()!;
    if ('end' in frame) {
      if (keep.text) textParts.push(' ');
      continue;
    }
    const { node } = frame;
    if (isText(node)) {
      if (keep.text && !frame.hidden && !frame.skipText && textLength < MAX_TEXT) {
        textParts.push(node.data);
        textLength += node.data.length;
      }
      continue;
    }
    if (!isTag(node)) continue;
    const el = node;
    const a = el.attribs;
    const hidden = frame.hidden || isHiddenByMarkup(a);
    const skipText = frame.skipText || SKIP_TEXT.has(el.name);

    switch (el.name) {
      case 'html':
        lang ??= (a.lang ?? a['xml:lang'])?.trim() || null;
        break;
      case 'base':
        if (a.href && base === baseUrl) base = normalizeUrl(a.href.trim(), baseUrl) ?? baseUrl;
        break;
      case 'title':
        if (title === null) title = textUnder(el, 1000);
        break;
      case 'meta': {
        const name = (a.name ?? '').trim().toLowerCase();
        if (name && KEPT_META.includes(name) && a.content !== undefined && !(name in meta)) meta[name] = collapse(a.content).slice(0, MAX_META_VALUE);
        if ((a['http-equiv'] ?? '').trim().toLowerCase() === 'refresh' && a.content && metaRefresh === undefined) {
          const target = metaRefreshTarget(a.content);
          const url = target ? addLink(target, 'meta-refresh', false) : null;
          if (url) metaRefresh = url;
        }
        break;
      }
      case 'a':
      case 'area': {
        if (links.length >= MAX_LINKS) {
          if (a.href !== undefined) linksCapped = true;
          break;
        }
        const text = textUnder(el, MAX_ANCHOR_TEXT) || collapse(a.alt ?? a.title ?? '').slice(0, MAX_ANCHOR_TEXT) || altUnder(el);
        addLink(a.href, el.name, hidden, { text: text || undefined, rel: a.rel?.trim() || undefined });
        break;
      }
      case 'img':
        addLink(a.src, 'img', hidden, { text: collapse(a.alt ?? '').slice(0, MAX_ANCHOR_TEXT) || undefined });
        break;
      case 'script':
        addLink(a.src, 'script', hidden);
        break;
      case 'link':
        if (ICON_OR_STYLE.test(a.rel ?? '')) addLink(a.href, 'link', hidden, { rel: a.rel.trim() });
        break;
      case 'iframe':
      case 'frame':
      case 'source':
      case 'embed':
        addLink(a.src, el.name, hidden);
        break;
      case 'object':
        addLink(a.data, 'object', hidden);
        break;
    }

    const block = keep.text && BLOCK.has(el.name);
    if (block) {
      textParts.push(' ');
      stack.push({ end: true });
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i], hidden, skipText });
  }

  const result: ParsedHtml = { title, meta, lang, links };
  if (linksCapped) result.linksCapped = true;
  if (metaRefresh) result.metaRefresh = metaRefresh;
  if (keep.text) result.text = collapse(textParts.join('')).slice(0, MAX_TEXT);
  // JCMS (大汉) lists live in a `<script type="text/xml">` datastore: their links are the page's links too.
  if (/<datastore\b/i.test(html)) for (const item of datastoreItems(html, base)) if (item.url) addLink(item.url, 'a', false, { text: item.title.slice(0, MAX_ANCHOR_TEXT) });
  const items = extractListItems(html, base, { root: doc.children, minItems: keep.listMin ?? 3 });
  if (items.length) result.listItems = items;
  return result;
}
