// Reads a page's document metadata (contract/document-meta.ts) from its HTML, as government templates print it:
// meta tags (TRS/JCMS ArticleTitle, PubDate, ContentSource, …), label/value pairs in tables (th/td, td/td, several
// pairs a row), dl/dt/dd, labelled spans, `文号：…` in a line of text, and a 文号 alone on a line near the title.
// Pure and bounded: malformed markup gives fewer fields, never an error.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { DocumentFields, DocumentMeta, MetaSource } from '../../contract/document-meta.ts';
import { fieldOfLabel, offer, readColonText } from '../../util/meta-labels.ts';
import { extractDocNumbers, normaliseTitle } from '../../util/docno.ts';
import { toHalfWidth } from '../../util/width.ts';

/** Meta tag names (lower-cased) by field, best first. */
const META_NAMES: Partial<Record<keyof DocumentFields, string[]>> = {
  title: ['articletitle', 'dc.title', 'title'],
  published: ['pubdate', 'publishdate', 'firstpublishedtime', 'dc.date', 'article:published_time'],
  issuer: ['contentsource', 'dc.publisher', 'source'],
  docNumber: ['documentnumber', 'docnumber', 'wh', 'fwzh'],
  indexNumber: ['indexnumber', 'syh'],
  topic: ['subjectclassification', 'ztfl'],
};

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head', 'select', 'option']);
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const MAX_NODES = 200_000;
const MAX_LINES = 5_000;
const LABEL_MAX = 16;
/** Lines after the title searched for a lone 文号. */
const LONE_WINDOW = 5;
const SITE_SUFFIX_RE = /\s*(?:_|\||｜|--|——\s|-\s)\s*[^_|｜]{2,40}$/u;

/** Collapsed text under a node (skipped elements left out), read up to `limit` characters. */
function textOf(node: AnyNode, limit = 400): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length && out.length < limit * 2) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (isTag(n) && !SKIP.has(n.name)) {
      if (BLOCK.has(n.name)) out += ' ';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }
  return out.replace(/[\s\u00a0]+/g, ' ').trim().slice(0, limit);
}

function sourceOfLabel(el: Element): MetaSource {
  if (el.name === 'th' || el.name === 'td') return 'table';
  if (el.name === 'dt') return 'dl';
  return 'span';
}

/** The value beside a label element: its next element sibling, or the text that follows it in the same parent. */
function valueBeside(el: Element): string | null {
  let n = el.next;
  let text = '';
  for (let steps = 0; n && steps < 20; steps++, n = n.next) {
    if (isText(n)) {
      text += n.data;
      if (text.replace(/[\s\u3000\u00a0:：]+/g, '')) return text;
      continue;
    }
    if (isTag(n)) {
      if (n.name === 'br') return text.trim() ? text : null;
      return textOf(n);
    }
  }
  return text.trim() ? text : null;
}

/**
 * The metadata of one page. `url` is the page's URL (kept as the key). Fields are taken from the best shape that
 * states them: tables, dl, labelled spans, then meta tags, then `label：value` text, then a lone 文号 line.
 */
export function readDocumentMeta(html: string, url: string): DocumentMeta {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const structured: DocumentFields = {};
  const metaTags: Record<string, string> = {};
  const lines: string[] = [];
  let line = '';
  let h1 = '';
  let pageTitle = '';
  const endLine = () => {
    const t = line.replace(/[\s\u00a0]+/g, ' ').trim();
    if (t && lines.length < MAX_LINES) lines.push(t);
    line = '';
  };

  type Frame = { node: AnyNode; skip: boolean } | { end: string };
  const stack: Frame[] = [];
  for (let i = doc.children.length - 1; i >= 0; i--) stack.push({ node: doc.children[i], skip: false });
  for (let steps = 0; stack.length && steps < MAX_NODES; steps++) {
    const frame = stack.pop()!;
    if ('end' in frame) {
      endLine();
      continue;
    }
    const { node } = frame;
    if (isText(node)) {
      if (!frame.skip) line += node.data;
      continue;
    }
    if (!isTag(node)) continue;
    const el = node;
    if (el.name === 'meta') {
      const name = (el.attribs.name ?? el.attribs.property ?? '').trim().toLowerCase();
      if (name && el.attribs.content !== undefined && !(name in metaTags)) metaTags[name] = el.attribs.content;
    } else if (el.name === 'title' && !pageTitle) pageTitle = textOf(el, 300);
    else if (el.name === 'h1' && !h1) h1 = textOf(el, 300);
    const skip = frame.skip || SKIP.has(el.name);
    if (!skip && el.children.length) {
      const own = textOf(el, LABEL_MAX + 4);
      if (own.length <= LABEL_MAX) {
        const field = fieldOfLabel(own);
        if (field) {
          const value = valueBeside(el);
          // A header row (标题 | 发布日期) pairs a label with another label, not with a value.
          if (value && !fieldOfLabel(value.trim())) offer(structured, field, value, sourceOfLabel(el));
        }
      }
    }
    const block = BLOCK.has(el.name);
    if (block) {
      endLine();
      stack.push({ end: el.name });
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push({ node: el.children[i], skip });
  }
  endLine();

  const fields: DocumentFields = { ...structured };
  for (const [field, names] of Object.entries(META_NAMES) as [keyof DocumentFields, string[]][]) {
    for (const name of names) if (metaTags[name] && offer(fields, field, metaTags[name], 'meta-tag')) break;
  }
  readColonText(lines, fields);
  if (!fields.title) {
    if (h1) offer(fields, 'title', h1, 'heading');
    else if (pageTitle) offer(fields, 'title', stripSiteName(pageTitle, metaTags.sitename), 'heading');
  }
  if (!fields.docNumber) {
    const lone = loneDocNumber(lines, [fields.title?.value, h1, stripSiteName(pageTitle, metaTags.sitename)]);
    if (lone) fields.docNumber = { value: lone, source: 'lone-line' };
  }
  return { url, ...fields };
}

/** A `<title>` without its site name: the `SiteName` meta tag's text after any separator (`政策文件-惠安县人民政府`), else a `_站名`-like suffix. */
function stripSiteName(title: string, siteName?: string): string {
  const name = siteName?.replace(/[\s\u00a0]+/g, ' ').trim();
  if (name && name.length >= 2 && title.endsWith(name) && title.length > name.length) {
    const rest = title.slice(0, -name.length).replace(/[\s\u00a0]*(?:_|\||｜|-{1,2}|—{1,2}|·)[\s\u00a0]*$/u, '');
    if (rest.length >= 4) return rest;
  }
  const stripped = title.replace(SITE_SUFFIX_RE, '');
  return stripped.length >= 4 ? stripped : title;
}

/** A line that is a 文号 and nothing else (brackets around it allowed), within a few lines of the title line. */
function loneDocNumber(lines: string[], titles: (string | undefined)[]): string | null {
  const keys = titles.filter((t): t is string => !!t && t.length >= 4).map(normaliseTitle);
  if (!keys.length) return null;
  const at = lines.findIndex((l) => {
    const k = normaliseTitle(l);
    return keys.some((t) => k === t || (k.length >= 6 && t.includes(k)) || k.includes(t));
  });
  if (at < 0) return null;
  for (let i = Math.max(0, at - 2); i <= Math.min(lines.length - 1, at + LONE_WINDOW); i++) {
    if (i === at) continue;
    const l = toHalfWidth(lines[i]).replace(/\s+/g, '');
    const found = extractDocNumbers(l)[0];
    if (!found) continue;
    const rest = l.replace(/[〔[(【﹝〖（]\d{4}[〕\])】﹞〗）]/, '').replace(/第?\d{1,5}号/, '');
    // What is left is the issuer's abbreviation (2–8 characters) and at most a bracket or two.
    if (rest.replace(/[()（）［］[\]【】]/g, '').length <= 10) return found;
  }
  return null;
}
