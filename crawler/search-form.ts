// Finds a page's site-search form (pure): a <form> with a text field and a sign of searching — an input of type
// search, an action or name like search/sousuo/jsearch, a field named q/keyword/searchword, or 搜索/检索 on its
// placeholder or button. Login forms (a password field) are never taken. A search box outside any form (submitted
// by script) is returned as `scripted`.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import type { SearchForm } from '../contract/artifacts/search.ts';

const SEARCH_WORD = /搜\s*索|检\s*索|关键字|关键词|站内搜|search/i;
const SEARCH_ACTION = /search|sousuo|jsearch|fulltext|query|was5|jrobot|trssearch|\/so(?:\/|\.|$)|\/s(?:\.|\/|$)|[?&](?:q|keyword|searchword)=/i;
const SEARCH_NAME = /search|sousuo|query|(?:^|[-_])ss(?:$|[-_])/i;
const FIELD_NAME = /^(?:q|query|keyword|keywords|kw|wd|searchword|searchkey|searchtext|search|word|key|sw|qt)$/i;
const TEXT_TYPES = new Set(['', 'text', 'search']);

export interface FoundSearchForm extends SearchForm {
  /** No <form> to submit: the box is sent by script. */
  scripted?: boolean;
}

/** The first search form of `html` (document order), or null. */
export function findSearchForm(html: string, pageUrl: string): FoundSearchForm | null {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const all = elements(doc.children);
  for (const form of all.filter((e) => e.name === 'form')) {
    const found = readForm(form, pageUrl);
    if (found) return found;
  }
  const loose = all.find((e) => e.name === 'input' && TEXT_TYPES.has((e.attribs.type ?? '').toLowerCase()) && !insideForm(e) && hintsOf(e).length);
  if (loose) return { pageUrl, action: pageUrl, method: 'get', field: loose.attribs.name ?? '', fixed: {}, why: `search box outside a form (${hintsOf(loose)[0]})`, scripted: true };
  return null;
}

function readForm(form: Element, pageUrl: string): FoundSearchForm | null {
  const inside = elements(form.children);
  const inputs = inside.filter((e) => e.name === 'input');
  if (inputs.some((i) => (i.attribs.type ?? '').toLowerCase() === 'password')) return null;
  const texts = inputs.filter((i) => TEXT_TYPES.has((i.attribs.type ?? '').toLowerCase()) && i.attribs.name);
  if (!texts.length) return null;
  const action = (form.attribs.action ?? '').trim();
  const why: string[] = [];
  if (inputs.some((i) => (i.attribs.type ?? '').toLowerCase() === 'search')) why.push('input type=search');
  if (action && SEARCH_ACTION.test(action)) why.push(`action ${action.slice(0, 80)}`);
  if (SEARCH_NAME.test(`${form.attribs.id ?? ''} ${form.attribs.name ?? ''} ${form.attribs.class ?? ''}`)) why.push('form named search');
  const field = texts.find((t) => FIELD_NAME.test(t.attribs.name)) ?? texts[0];
  const lone = texts.length === 1 && !inside.some((e) => e.name === 'textarea');
  if (lone && FIELD_NAME.test(field.attribs.name)) why.push(`field ${field.attribs.name}`);
  const buttons = inside.filter((e) => e.name === 'button' || (e.name === 'input' && /^(submit|image|button)$/i.test(e.attribs.type ?? '')));
  const hints = [...texts.flatMap(hintsOf), ...buttons.flatMap((b) => (SEARCH_WORD.test(`${b.attribs.value ?? ''} ${b.attribs.alt ?? ''} ${b.attribs.title ?? ''} ${textOf(b)}`) ? ['button'] : []))];
  if (hints.length) why.push(`${hints[0]} says search`);
  if (!why.length) return null;
  let resolved: string;
  try {
    resolved = new URL(action || pageUrl, pageUrl).href;
  } catch {
    return null;
  }
  if (!/^https?:/.test(resolved)) return { pageUrl, action: resolved, method: 'get', field: field.attribs.name, fixed: {}, why: why.join(', '), scripted: true };
  const fixed: Record<string, string> = {};
  for (const i of inputs) if ((i.attribs.type ?? '').toLowerCase() === 'hidden' && i.attribs.name) fixed[i.attribs.name] = i.attribs.value ?? '';
  for (const s of inside.filter((e) => e.name === 'select' && e.attribs.name)) {
    const options = elements(s.children).filter((o) => o.name === 'option');
    const chosen = options.find((o) => 'selected' in o.attribs) ?? options[0];
    if (chosen) fixed[s.attribs.name] = chosen.attribs.value ?? textOf(chosen);
  }
  const method = (form.attribs.method ?? 'get').trim().toLowerCase() === 'post' ? 'post' : 'get';
  return { pageUrl, action: resolved, method, field: field.attribs.name, fixed, why: why.join(', ') };
}

function hintsOf(input: Element): string[] {
  const a = input.attribs;
  const text = `${a.placeholder ?? ''} ${a.title ?? ''} ${a.value ?? ''} ${a['aria-label'] ?? ''} ${a.id ?? ''} ${a.class ?? ''}`;
  return SEARCH_WORD.test(text) || (a.type ?? '').toLowerCase() === 'search' ? ['field'] : [];
}

function insideForm(el: Element): boolean {
  for (let p = el.parent; p; p = p.parent) if (isTag(p) && p.name === 'form') return true;
  return false;
}

function elements(roots: AnyNode[]): Element[] {
  const out: Element[] = [];
  const stack = [...roots].reverse();
  while (stack.length && out.length < 100_000) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

function textOf(el: Element): string {
  return el.children.map((c) => (isText(c) ? c.data : isTag(c) ? textOf(c) : '')).join('').trim().slice(0, 100);
}
