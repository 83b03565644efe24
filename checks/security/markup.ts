// Reads a page's raw HTML for what the crawl's parse does not keep: the elements hidden by markup (with what hides
// them, their text and links) and the floating boxes (飘窗, 对联) with their links. Hidden means: the hidden
// attribute; inline CSS (display:none, visibility:hidden, opacity:0, off-screen, zero size or font); a rule of the
// page's own <style> on a bare class or id that hides it and is never undone on :hover/:focus (a drop-down menu);
// a <marquee> squeezed to a pixel or scrolling too fast to read. Pure and bounded.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { parseInlineStyle } from '../../util/hidden.ts';

export interface MarkupLink {
  url: string;
  text: string;
}

/** An outermost hidden element. */
export interface HiddenGroup {
  /** `div#id.class`, for a person to find it. */
  selector: string;
  /** What hides it, e.g. `display:none`, `<style> .x{display:none}`, `marquee height=1`. */
  how: string;
  text: string;
  links: MarkupLink[];
}

/** A floating box: fixed position, or named like one (piao, couplet, floatAd). */
export interface FloatingBox {
  selector: string;
  how: string;
  text: string;
  links: MarkupLink[];
  /** Absolute URLs of images, scripts and frames inside it. */
  resources: string[];
}

export interface MarkupReading {
  hidden: HiddenGroup[];
  floating: FloatingBox[];
}

const MAX_ELEMENTS = 200_000;
const MAX_GROUPS = 50;
const MAX_TEXT = 500;
const MAX_LINKS = 100;
const SKIP_TEXT = new Set(['script', 'style', 'noscript', 'template']);
const FLOAT_NAME = /piao|fudong|couplet|duilian|float[-_]?(?:ad|box|win|window|layer|div)\b|floatad|floatwin|floatbox|floatlayer/i;
const REVEAL_PSEUDO = /:(?:hover|focus|focus-within|active|checked|target)/i;

/** Reads hidden elements and floating boxes from `html`; links are resolved against `baseUrl`. */
export function readMarkup(html: string, baseUrl: string): MarkupReading {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const sheet = hidingRules(doc.children);
  const hidden: HiddenGroup[] = [];
  const floating: FloatingBox[] = [];
  const stack: { node: AnyNode; inHidden: boolean }[] = doc.children.map((node) => ({ node, inHidden: false })).reverse();
  for (let seen = 0; stack.length && seen < MAX_ELEMENTS; seen++) {
    const { node, inHidden } = stack.pop()!;
    if (!isTag(node)) continue;
    let hiddenHere = inHidden;
    if (!inHidden) {
      const how = hiddenHow(node, sheet);
      if (how && hidden.length < MAX_GROUPS) {
        hidden.push({ selector: selectorOf(node), how, text: textOf(node), links: linksOf(node, baseUrl) });
        hiddenHere = true;
      }
    }
    const floatHow = floatingHow(node);
    if (floatHow && floating.length < MAX_GROUPS) {
      floating.push({ selector: selectorOf(node), how: floatHow, text: textOf(node), links: linksOf(node, baseUrl), resources: resourcesOf(node, baseUrl) });
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], inHidden: hiddenHere });
  }
  return { hidden, floating };
}

/** Bare `.class` / `#id` selectors the page's <style> hides, minus those a reveal rule (:hover, …) mentions. */
function hidingRules(roots: AnyNode[]): Map<string, string> {
  const css: string[] = [];
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (n.name === 'style') css.push(n.children.map((c) => (isText(c) ? c.data : '')).join(''));
    else stack.push(...n.children);
  }
  const hiding = new Map<string, string>();
  const revealed = new Set<string>();
  const text = css.join('\n').replace(/\/\*[\s\S]*?\*\//g, '').slice(0, 500_000);
  for (const m of text.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = m[1].split(',').map((s) => s.trim()).filter(Boolean);
    if (selectors.some((s) => REVEAL_PSEUDO.test(s))) {
      for (const s of selectors) for (const name of s.match(/[.#][A-Za-z0-9_-]+/g) ?? []) revealed.add(name);
      continue;
    }
    const how = styleHow(parseInlineStyle(m[2]));
    if (!how) continue;
    for (const s of selectors) {
      const bare = /^[a-z0-9]*([.#][A-Za-z0-9_-]+)$/i.exec(s);
      if (bare && !hiding.has(bare[1])) hiding.set(bare[1], `<style> ${bare[1]}{${how}}`);
    }
  }
  for (const name of revealed) hiding.delete(name);
  return hiding;
}

function lengthPx(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(-?\d*\.?\d+)\s*(px|pt|em|rem|%)?$/.exec(value.trim());
  return m ? Number(m[1]) : null;
}

/** What in a set of declarations hides an element, or null. */
function styleHow(style: Map<string, string>): string | null {
  if (style.get('display') === 'none') return 'display:none';
  const visibility = style.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return `visibility:${visibility}`;
  const opacity = lengthPx(style.get('opacity'));
  if (opacity !== null && opacity <= 0.01) return 'opacity:0';
  for (const prop of ['left', 'top', 'margin-left', 'margin-top', 'text-indent']) {
    const n = lengthPx(style.get(prop));
    if (n !== null && n <= -999) return `off-screen (${prop}:${style.get(prop)})`;
  }
  const font = lengthPx(style.get('font-size'));
  if (font !== null && font <= 0.5) return 'font-size:0';
  const overflow = style.get('overflow') ?? style.get('overflow-x') ?? style.get('overflow-y');
  if (overflow === 'hidden') {
    const w = lengthPx(style.get('width'));
    const h = lengthPx(style.get('height'));
    if ((w !== null && w <= 1) || (h !== null && h <= 1)) return 'zero size (overflow:hidden)';
  }
  return null;
}

function hiddenHow(el: Element, sheet: Map<string, string>): string | null {
  const a = el.attribs;
  if ('hidden' in a) return 'hidden attribute';
  if (a.style) {
    const how = styleHow(parseInlineStyle(a.style));
    if (how) return how;
  }
  if (a.id && sheet.has(`#${a.id}`)) return sheet.get(`#${a.id}`)!;
  for (const c of (a.class ?? '').split(/\s+/)) if (c && sheet.has(`.${c}`)) return sheet.get(`.${c}`)!;
  if (el.name === 'marquee') return marqueeHow(el);
  return null;
}

function marqueeHow(el: Element): string | null {
  const style = parseInlineStyle(el.attribs.style ?? '');
  for (const dim of ['height', 'width']) {
    const n = lengthPx(el.attribs[dim] ?? style.get(dim));
    if (n !== null && n <= 3) return `marquee ${dim}=${n}`;
  }
  const speed = Number(el.attribs.scrollamount);
  if (Number.isFinite(speed) && speed >= 1000) return `marquee scrollamount=${speed}`;
  return null;
}

function floatingHow(el: Element): string | null {
  const a = el.attribs;
  const style = parseInlineStyle(a.style ?? '');
  if (style.get('position') === 'fixed') return 'position:fixed';
  const name = `${a.id ?? ''} ${a.class ?? ''}`;
  const m = FLOAT_NAME.exec(name);
  return m ? `named ${m[0]}` : null;
}

function selectorOf(el: Element): string {
  const id = el.attribs.id ? `#${el.attribs.id.trim().slice(0, 40)}` : '';
  const classes = (el.attribs.class ?? '').split(/\s+/).filter(Boolean).slice(0, 3).map((c) => `.${c.slice(0, 40)}`).join('');
  return `${el.name}${id}${classes}`;
}

function textOf(el: Element): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length && out.length < MAX_TEXT * 4) {
    const n = stack.pop()!;
    if (isText(n)) out += ` ${n.data}`;
    else if (isTag(n) && !SKIP_TEXT.has(n.name)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

function absolute(href: string | undefined, base: string): string | null {
  if (!href || /^\s*(#|javascript:|mailto:|tel:|data:)/i.test(href)) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function elementsUnder(el: Element): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...el.children];
  while (stack.length && out.length < 5_000) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    out.push(n);
    stack.push(...n.children);
  }
  return out.reverse();
}

function linksOf(el: Element, base: string): MarkupLink[] {
  const links: MarkupLink[] = [];
  for (const n of [el, ...elementsUnder(el)]) {
    if (links.length >= MAX_LINKS) break;
    if (n.name !== 'a' && n.name !== 'area') continue;
    const url = absolute(n.attribs.href, base);
    if (url) links.push({ url, text: textOf(n).slice(0, 100) || (n.attribs.title ?? '').trim().slice(0, 100) });
  }
  return links;
}

function resourcesOf(el: Element, base: string): string[] {
  const out: string[] = [];
  for (const n of [el, ...elementsUnder(el)]) {
    const src = n.name === 'img' || n.name === 'script' || n.name === 'iframe' || n.name === 'embed' ? n.attribs.src : n.name === 'object' ? n.attribs.data : undefined;
    const url = absolute(src, base);
    if (url && out.length < MAX_LINKS) out.push(url);
  }
  return out;
}
