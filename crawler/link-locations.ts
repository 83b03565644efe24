// Records where each link that failed to load sits on the pages that carry it: the link's text, the nearest heading
// or column title before it, the page region (header, navigation, footer, side bar) and a CSS path. It records
// facts from the pages' HTML already held in memory (no request); a target whose pages kept no HTML gets none.
// Which targets: those the crawl saw fail (HTTP status ≥ 400, a network error, a soft-404 page) — the links check
// alone decides what is broken.
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { LinkLocation, LinkRegion } from '../contract/link-location.ts';
import { normalizeUrl } from './url.ts';

/** Pages located per target, and links located per page (bounds the work on a page with thousands of links). */
const MAX_PAGES_PER_TARGET = 3;
const MAX_TEXT = 80;
const MAX_DEPTH = 12;

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'caption', 'legend', 'dt']);
/** Class or id names sites use for column titles (栏目标题): title, tit, bt (标题), lm (栏目), hd, column-name. */
const HEADING_NAME = /(^|[-_\s])(tit|title|titles|bt|lmmc|lm|lmname|lm_name|column-?name|col-?title|hd|head-?title|sub-?title)([-_\s\d]|$)/i;
const REGION_TAGS: Record<string, LinkRegion> = { header: 'header', nav: 'nav', footer: 'footer', aside: 'aside' };
const REGION_NAMES: [RegExp, LinkRegion][] = [
  [/(^|[-_\s])(nav|navbar|menu|daohang|dh)([-_\s\d]|$)/i, 'nav'],
  [/(^|[-_\s])(foot|footer|bottom|copyright|dibu|db)([-_\s\d]|$)/i, 'footer'],
  [/(^|[-_\s])(header|head|top|banner|toubu)([-_\s\d]|$)/i, 'header'],
  [/(^|[-_\s])(side|sidebar|aside|left|right)([-_\s\d]|$)/i, 'aside'],
];
const LINK_ATTR: Record<string, string> = { a: 'href', area: 'href', img: 'src', iframe: 'src', frame: 'src', embed: 'src', source: 'src', script: 'src', link: 'href', object: 'data' };

/** Did the crawl see this target fail to load? (A fact of the fetch, not a verdict.) */
export function failedToLoad(t: LinkTarget): boolean {
  return !t.skipped && ((t.status !== null && t.status >= 400) || Boolean(t.error) || Boolean(t.soft404Signals) || Boolean(t.rateLimited));
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function textOf(node: AnyNode, limit = MAX_TEXT * 2): string {
  const parts: string[] = [];
  let size = 0;
  const walk = (n: AnyNode) => {
    if (size > limit) return;
    if (n.type === 'text') {
      parts.push((n as unknown as { data: string }).data);
      size += (n as unknown as { data: string }).data.length;
    } else if ('children' in n && n.type !== 'script' && n.type !== 'style') for (const c of (n as Element).children) walk(c);
  };
  walk(node);
  return collapse(parts.join(' ')).slice(0, MAX_TEXT);
}

const cssIdent = /^-?[_a-zA-Z][_a-zA-Z0-9-]*$/;

/** `#id > ul > li:nth-of-type(3) > a`, from the nearest ancestor with a usable id (or body). */
export function cssPath(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  for (let depth = 0; cur && depth < MAX_DEPTH; depth++) {
    const id = cur.attribs?.id;
    if (id && cssIdent.test(id)) {
      parts.unshift(`#${id}`);
      break;
    }
    if (cur.name === 'body' || cur.name === 'html') {
      parts.unshift(cur.name);
      break;
    }
    const parent: Element | null = cur.parent && (cur.parent as Element).type === 'tag' ? (cur.parent as Element) : null;
    const same = parent ? parent.children.filter((c): c is Element => (c as Element).type === 'tag' && (c as Element).name === cur!.name) : [];
    parts.unshift(same.length > 1 ? `${cur.name}:nth-of-type(${same.indexOf(cur) + 1})` : cur.name);
    // A browser puts rows written straight under <table> into a <tbody>: say so, so the path matches the live page.
    if (cur.name === 'tr' && parent?.name === 'table') parts.unshift('tbody');
    cur = parent;
  }
  return parts.join(' > ');
}

function regionOf(el: Element): LinkRegion | undefined {
  for (let cur: Element | null = el; cur && cur.type === 'tag'; cur = cur.parent as Element | null) {
    if (REGION_TAGS[cur.name]) return REGION_TAGS[cur.name];
    const names = `${cur.attribs?.id ?? ''} ${cur.attribs?.class ?? ''}`;
    for (const [re, region] of REGION_NAMES) if (names.trim() && re.test(names)) return region;
  }
  return undefined;
}

function isHeading(el: Element): boolean {
  if (HEADING_TAGS.has(el.name)) return true;
  const names = `${el.attribs?.id ?? ''} ${el.attribs?.class ?? ''}`.trim();
  return names !== '' && HEADING_NAME.test(names);
}

/** Locations of every link element on one page whose URL is in `wanted`. */
export function locateOnPage(html: string, pageUrl: string, wanted: Set<string>): Map<string, LinkLocation[]> {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const out = new Map<string, LinkLocation[]>();
  let base = pageUrl;
  let heading: string | undefined;
  const stack: AnyNode[] = [...doc.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    if (el.name === 'base' && el.attribs.href) base = normalizeUrl(el.attribs.href, pageUrl) ?? base;
    if (isHeading(el)) {
      const t = textOf(el).replace(/\s*(更多|more)\s*[>›»]*\s*$/i, '');
      if (t && t.length <= 30) heading = t;
    }
    const attr = LINK_ATTR[el.name];
    const raw = attr ? el.attribs[attr] : undefined;
    if (raw) {
      const url = normalizeUrl(raw.trim(), base);
      if (url && wanted.has(url)) {
        const text = el.name === 'img' ? collapse(el.attribs.alt ?? '') : textOf(el) || collapse(el.attribs.title ?? el.attribs.alt ?? '');
        const loc: LinkLocation = { page: pageUrl, path: cssPath(el) };
        if (text) loc.text = text.slice(0, MAX_TEXT);
        if (heading && heading !== loc.text) loc.heading = heading;
        const region = regionOf(el);
        if (region) loc.region = region;
        out.set(url, [...(out.get(url) ?? []), loc]);
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return out;
}

/**
 * Adds `locations` to the link targets that failed to load, from the HTML of the first pages that link to them
 * (pages without kept HTML are skipped). Returns how many targets were located.
 */
export function attachLinkLocations(pages: readonly PageArtifact[], targets: LinkTarget[]): number {
  const failing = targets.filter(failedToLoad);
  if (!failing.length) return 0;
  const byPage = new Map<string, PageArtifact>();
  for (const p of pages) if (p.html) byPage.set(p.url, p);
  const wantedOn = new Map<string, Set<string>>();
  for (const t of failing) {
    for (const page of t.foundOn.slice(0, MAX_PAGES_PER_TARGET)) {
      if (!byPage.has(page)) continue;
      wantedOn.set(page, (wantedOn.get(page) ?? new Set()).add(t.url));
    }
  }
  const found = new Map<string, LinkLocation[]>();
  for (const [page, wanted] of wantedOn) {
    const p = byPage.get(page)!;
    for (const [url, locs] of locateOnPage(p.html!, p.finalUrl ?? p.url, wanted)) {
      const withPage = locs.map((l) => ({ ...l, page }));
      found.set(url, [...(found.get(url) ?? []), ...withPage]);
    }
  }
  let n = 0;
  for (const t of failing) {
    const locs = found.get(t.url);
    if (!locs?.length) continue;
    t.locations = locs.slice(0, MAX_PAGES_PER_TARGET);
    n++;
  }
  return n;
}
