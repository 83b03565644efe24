// Spam signals of one page (or of one crawler's view of it). A spam term alone is never a finding: it needs
// context. Signals — each needs "spammy" text (a strong term or two distinct, no word of warning, checks/security/spam.ts):
//   title / description / keywords — in the page's head, unless the title marks a warning or crackdown notice;
//   link   — the anchor text of a link to a host outside the government;
//   hidden — the text of a hidden element (or of a link the raw HTML hides);
//   text   — visible text with at least `minTerms` distinct terms, one of them strong, unless the title marks a notice.
// A `<title>` that disagrees with the page's ArticleTitle meta and adds spam terms is title tampering.
import type { HiddenGroup } from './markup.ts';
import { excerptAround, fold, hasAntiContext, spammyTerms, termsIn, type SpamTerm, type SpamVocabulary } from './spam.ts';
import { httpHost } from '../../util/hosts.ts';

/** What the spam rules read of a page. */
export interface PageView {
  url: string;
  title: string | null;
  meta: Record<string, string>;
  text: string;
  links: { url: string; text?: string; hidden?: boolean; tag?: string }[];
  /** Hidden elements read from the raw HTML, when the HTML was kept. */
  hidden?: HiddenGroup[];
}

export type SpamWhere = 'title' | 'description' | 'keywords' | 'link' | 'hidden' | 'text';

export interface SpamSignal {
  where: SpamWhere;
  terms: string[];
  excerpt: string;
  /** The link's target, for `link` (and hidden links). */
  link?: string;
}

export interface SpamRules {
  vocab: SpamVocabulary;
  isGovernmentHost: (host: string) => boolean;
  minTerms: number;
}

const MAX_LINK_SIGNALS = 10;

function signal(where: SpamWhere, text: string, terms: SpamTerm[], link?: string): SpamSignal {
  return { where, terms: terms.map((t) => t.term), excerpt: excerptAround(text, terms.find((t) => !t.weak) ?? terms[0]), ...(link ? { link } : {}) };
}

/** The page's spam signals (empty for an ordinary page, and for a notice that only quotes the words). */
export function spamSignals(view: PageView, rules: SpamRules): SpamSignal[] {
  const { vocab } = rules;
  const out: SpamSignal[] = [];
  const notice = hasAntiContext(view.title ?? '', vocab);
  if (!notice) {
    const title = view.title ?? '';
    const inTitle = spammyTerms(title, vocab);
    if (inTitle.length) out.push(signal('title', title, inTitle));
    for (const key of ['description', 'keywords'] as const) {
      const value = view.meta[key] ?? '';
      const terms = spammyTerms(value, vocab);
      if (terms.length) out.push(signal(key, value, terms));
    }
  }
  let linkSignals = 0;
  for (const l of view.links) {
    if (linkSignals >= MAX_LINK_SIGNALS) break;
    if (l.tag && l.tag !== 'a' && l.tag !== 'area') continue;
    const host = httpHost(l.url);
    const terms = l.text ? spammyTerms(l.text, vocab) : [];
    if (!host || !terms.length) continue;
    if (!rules.isGovernmentHost(host)) {
      out.push(signal('link', l.text!, terms, l.url));
      linkSignals++;
    } else if (l.hidden && !view.hidden) out.push(signal('hidden', l.text!, terms, l.url));
  }
  for (const g of view.hidden ?? []) {
    const terms = spammyTerms(g.text, vocab);
    if (terms.length) out.push(signal('hidden', g.text, terms));
  }
  if (!notice) {
    const terms = termsIn(view.text, vocab);
    if (terms.length >= rules.minTerms && terms.some((t) => !t.weak)) out.push(signal('text', view.text, terms));
  }
  return out;
}

/** Title and ArticleTitle compared without case, spaces and punctuation: does one contain the other? */
export function titlesAgree(a: string | null, b: string | null): boolean {
  const x = normTitle(a ?? '');
  const y = normTitle(b ?? '');
  if (!x || !y) return x === y;
  return x.includes(y) || y.includes(x);
}

function normTitle(s: string): string {
  return fold(s).replace(/[\p{P}\p{S}]/gu, '');
}

export interface TitleTampering {
  title: string;
  articleTitle: string;
  /** Spam terms of the title that the ArticleTitle does not carry. */
  terms: string[];
}

/** The page's `<title>` disagrees with its ArticleTitle meta and brings spam terms of its own; else null. */
export function titleTampering(view: Pick<PageView, 'title' | 'meta'>, vocab: SpamVocabulary): TitleTampering | null {
  const title = view.title ?? '';
  const articleTitle = view.meta.articletitle ?? '';
  if (!title || !articleTitle || titlesAgree(title, articleTitle) || hasAntiContext(title, vocab)) return null;
  const article = fold(articleTitle);
  const terms = termsIn(title, vocab).filter((t) => !article.includes(t.folded));
  return terms.length ? { title, articleTitle, terms: terms.map((t) => t.term) } : null;
}
