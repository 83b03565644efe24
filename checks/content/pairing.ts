// Pairs a policy document with its interpretation, strongest evidence first: an explicit link either way (the
// 相关解读 / 原文链接 / 相关文件 blocks), the same 文号, or the interpretation's title quoting the policy's title in 《》.
import { type Doc, titleKeys } from './documents.ts';
import { extractDocNumbers, extractQuotedTitles, normaliseTitle } from '../../util/docno.ts';
import { pageKey } from '../../util/site-pages.ts';

export type PairedBy = 'link' | 'document-number' | 'title';

export interface Pairing {
  by: PairedBy;
  /** The interpretation (the earliest one when several match the same way). */
  interpretation: Doc;
  /** For `link`: which page links to which, and the anchor text. */
  link?: { from: 'policy' | 'interpretation'; text: string | null };
}

const INTERPRETATION_ANCHOR_RE = /解读|图解|一图读懂|答记者问|政策问答/u;

/** Precomputed lookups over the interpretations of a site. */
export interface InterpretationIndex {
  byKey: Map<string, Doc>;
  all: Doc[];
  /** 文号 each interpretation mentions in its title or text. */
  docNumbers: Map<Doc, Set<string>>;
  /** Normalised titles each interpretation quotes in 《》 in its title. */
  quoted: Map<Doc, Set<string>>;
  /** Keys of every crawled page and configured column: a link to one of them that is not an interpretation is not one. */
  known: Set<string>;
}

/** Anchor text of an uncrawled link must be longer than a column name (政策解读) to count as an interpretation. */
const MIN_ANCHOR = 7;

export function indexInterpretations(docs: Doc[], known: Set<string>): InterpretationIndex {
  const byKey = new Map<string, Doc>();
  const docNumbers = new Map<Doc, Set<string>>();
  const quoted = new Map<Doc, Set<string>>();
  for (const d of docs) {
    byKey.set(d.key, d);
    docNumbers.set(d, new Set(extractDocNumbers(`${d.title} ${d.page?.text ?? ''}`)));
    quoted.set(d, new Set(extractQuotedTitles(d.title).map(normaliseTitle)));
  }
  return { byKey, all: docs, docNumbers, quoted, known };
}

/** The strongest pairing of `policy` with one of the interpretations, or null. */
export function pairPolicy(policy: Doc, idx: InterpretationIndex): Pairing | null {
  const byLink = linked(policy, idx);
  if (byLink) return byLink;
  if (policy.docNo) {
    const same = idx.all.filter((d) => d.key !== policy.key && idx.docNumbers.get(d)?.has(policy.docNo!));
    if (same.length) return { by: 'document-number', interpretation: earliest(same) };
  }
  const keys = titleKeys(policy.title);
  const quoting = idx.all.filter((d) => d.key !== policy.key && [...(idx.quoted.get(d) ?? [])].some((q) => keys.has(q)));
  if (quoting.length) return { by: 'title', interpretation: earliest(quoting) };
  return null;
}

function linked(policy: Doc, idx: InterpretationIndex): Pairing | null {
  const candidates: Pairing[] = [];
  for (const l of policy.page?.links ?? []) {
    if (l.tag !== 'a' || l.hidden) continue;
    const key = pageKey(l.url);
    if (key === policy.key) continue;
    const target = idx.byKey.get(key);
    if (target) candidates.push({ by: 'link', interpretation: target, link: { from: 'policy', text: l.text ?? null } });
    else if (!idx.known.has(key) && (l.text ?? '').length >= MIN_ANCHOR && INTERPRETATION_ANCHOR_RE.test(l.text ?? '')) {
      const unknown: Doc = { url: l.url, key, page: null, title: l.text ?? '', date: null, docNo: null, column: null };
      candidates.push({ by: 'link', interpretation: unknown, link: { from: 'policy', text: l.text ?? null } });
    }
  }
  for (const d of idx.all) {
    if (d.key === policy.key || !d.page) continue;
    const l = d.page.links.find((x) => x.tag === 'a' && !x.hidden && pageKey(x.url) === policy.key);
    if (l) candidates.push({ by: 'link', interpretation: d, link: { from: 'interpretation', text: l.text ?? null } });
  }
  if (candidates.length === 0) return null;
  const first = earliest(candidates.map((c) => c.interpretation));
  return candidates.find((c) => c.interpretation === first)!;
}

/** The earliest dated document (undated ones last), ties by URL: deterministic. */
function earliest(docs: Doc[]): Doc {
  return [...docs].sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.url.localeCompare(b.url))[0];
}
