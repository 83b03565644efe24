// One text (a title, a page's body, an attachment) scanned for wording errors: garbled key terms, leaders' names and
// posts, outdated names, and misused words; each hit passed through the guards. Pure; the check builds findings.
import { allowListed, discussesWrongForm, inUrlOrFileName, speaksOfThePast } from './guards.ts';
import type { Leader, Lexicon, Source, Tenure } from './lexicon.ts';
import { findTermVariants, isHan, type VariantKind } from './matcher.ts';
import { likeness } from './pinyin.ts';

export type HitKind = VariantKind | 'leader-name' | 'wrong-post' | 'outdated-post' | 'post-not-yet-held' | 'outdated-term' | 'typo';

export interface Hit {
  start: number;
  end: number;
  /** The text as written (for a post: the post and the name). */
  wrong: string;
  /** What should stand there. */
  correct: string;
  kind: HitKind;
  serious: boolean;
  source: Source;
  /** Extra words for the clerk (the dates a post was held). */
  note?: string;
}

export interface ScanOptions {
  /** The page's date (`YYYY-MM-DD`) or null: posts and outdated names are judged against it (asked only when needed). */
  pageDate: () => string | null;
  /** Called for a leader named beside a post on an undated page (nothing can be judged). */
  onUndated?: () => void;
}

export function scanText(text: string, lex: Lexicon, opts: ScanOptions): Hit[] {
  if (!text) return [];
  const hits: Hit[] = [];
  const { variants } = findTermVariants(text, lex);
  for (const v of variants)
    hits.push({ start: v.start, end: v.end, wrong: text.slice(v.start, v.end), correct: v.term.term, kind: v.kind, serious: true, source: v.term.source });
  hits.push(...dictionaryHits(text, lex, opts));
  hits.push(...leaderHits(text, lex, opts));
  const kept = hits.filter((h) => !allowListed(text, h.start, h.end, lex.allow) && !inUrlOrFileName(text, h.start, h.end) && !discussesWrongForm(text, h.start, h.end, h.correct));
  return dropOverlaps(kept);
}

/** Typos and outdated names: exact strings found through their first character. */
function dictionaryHits(text: string, lex: Lexicon, opts: ScanOptions): Hit[] {
  const out: Hit[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isHan(c)) continue;
    const typos = lex.typosByFirst.get(c);
    if (typos) {
      for (const r of typos) {
        if (!text.startsWith(r.wrong, i)) continue;
        const end = i + r.wrong.length;
        if (r.exceptions.some((e) => e.at <= i && text.startsWith(e.text, i - e.at))) continue;
        if (r.notFollowedBy && end < text.length && r.notFollowedBy.includes(text[end])) continue;
        if (r.followedBy) {
          r.followedBy.lastIndex = end;
          if (!r.followedBy.test(text)) continue;
        }
        if (r.unlessLater && laterInSentence(text, end, r.unlessLater)) continue;
        out.push({ start: i, end, wrong: r.wrong, correct: r.correct, kind: 'typo', serious: false, source: r.source });
        break;
      }
    }
    const dated = lex.outdatedByFirst.get(c);
    if (dated) {
      for (const r of dated) {
        if (!text.startsWith(r.term, i)) continue;
        const pageDate = opts.pageDate();
        if (!pageDate || pageDate < r.from) continue;
        const end = i + r.term.length;
        // 环境保护部门 is any environment department, not the ministry
        if (r.term.endsWith('部') && /[门署长]/.test(text[end] ?? '')) continue;
        if (speaksOfThePast(text, i, end, Number(r.from.slice(0, 4)))) continue;
        out.push({ start: i, end, wrong: r.term, correct: r.replacement ?? '', kind: 'outdated-term', serious: true, source: r.source, note: `自${r.from}起已不再使用` });
        break;
      }
    }
  }
  return out;
}

function laterInSentence(text: string, from: number, words: string[]): boolean {
  let to = from;
  while (to < text.length && to - from < 80 && !/[。！？!?；;\n]/.test(text[to])) to++;
  const rest = text.slice(from, to);
  return words.some((w) => rest.includes(w));
}

/**
 * Leaders named beside a post: a name that reads like a leader's beside a post that leader holds or held (a
 * misspelt name), a post the named leader never held, or one not held on the page's date.
 */
function leaderHits(text: string, lex: Lexicon, opts: ScanOptions): Hit[] {
  const out: Hit[] = [];
  const seen = new Set<string>();
  for (const form of [...lex.postForms, ...HONORIFICS]) {
    const honorific = HONORIFICS.includes(form);
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      const end = at + form.length;
      // a longer form here (国务院副总理 holds 副总理 and 总理) is judged as that form
      if (lex.postForms.some((f) => f.length > form.length && coversForm(text, at, end, f))) continue;
      // 副区长 is not 区长, 区长助理 not 区长
      if (text[at - 1] === '副' || text.startsWith('助理', end)) continue;
      for (const side of ['before', 'after'] as const) {
        for (const leader of lex.leaders) {
          const len = leader.name.length;
          const start = side === 'before' ? at - len : end;
          const stop = start + len;
          if (start < 0 || stop > text.length) continue;
          const written = text.slice(start, stop);
          const key = `${side}:${at}:${leader.name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const span = side === 'before' ? { start, end } : { start: at, end: stop };
          if (written === leader.name) {
            const h = honorific ? null : judgePost(text, lex, leader, form, span, opts);
            if (h) out.push(h);
          } else if (honorific ? side === 'before' && honoredByName(leader) : leader.tenures.some((t) => t.forms.includes(form))) {
            if (!readsLikeName(leader, written) || isSomeLeader(lex, written)) continue;
            const source = (leader.tenures.find((t) => t.forms.includes(form)) ?? leader.tenures[0]).source;
            out.push({ start, end: stop, wrong: written, correct: leader.name, kind: 'leader-name', serious: true, source });
          }
        }
      }
    }
  }
  return out;
}

/**
 * Words that follow a leader's name as a post does (习近平同志). Only the general secretaries' names are matched
 * before them: 张国庆同志 is far more often a real 张国庆 than a misspelt 张国清.
 */
const HONORIFICS = ['同志'];

function honoredByName(leader: Leader): boolean {
  return leader.national && leader.name.length >= 3 && leader.tenures.some((t) => t.post === 'general-secretary');
}

function coversForm(text: string, at: number, end: number, f: string): boolean {
  for (let s = Math.max(0, end - f.length); s <= at; s++) if (text.startsWith(f, s) && s + f.length >= end) return true;
  return false;
}

function isSomeLeader(lex: Lexicon, name: string): boolean {
  return lex.leaders.some((l) => l.name === name);
}

/** A name differing from the leader's in one character that sounds the same (or, in a name of three or more characters beside a national post, any one character but the surname). */
function readsLikeName(leader: Leader, written: string): boolean {
  const n = leader.name;
  if (written.length !== n.length || [...written].some((ch) => !isHan(ch.charCodeAt(0)))) return false;
  const diff = [...n].map((ch, k) => (ch === written[k] ? -1 : k)).filter((k) => k >= 0);
  if (diff.length !== 1) return false;
  const k = diff[0];
  const sound = likeness(n[k], written[k]);
  if (sound === 'homophone' || sound === 'near-homophone') return true;
  return leader.national && n.length >= 3 && k > 0;
}

function judgePost(text: string, lex: Lexicon, leader: Leader, form: string, span: { start: number; end: number }, opts: ScanOptions): Hit | null {
  const tenures = leader.tenures.filter((t) => t.forms.includes(form));
  const base = { start: span.start, end: span.end, wrong: text.slice(span.start, span.end), serious: true };
  const heldPosts = describe(leader.tenures);
  const date = opts.pageDate();
  if (!date) {
    opts.onUndated?.();
    return null;
  }
  // the national lists reach back to nationalPostsListedFrom: an older page is not judged on a national post
  if (leader.national && date < lex.nationalPostsListedFrom) return null;
  if (tenures.length === 0) {
    // a post of another leader's: only national forms name one post alone (总书记, 总理); a district's 区长 may be another district's
    if (!leader.national || !lex.nationalForms.has(form)) return null;
    return { ...base, correct: `${leader.name}（${heldPosts}）`, kind: 'wrong-post', source: leader.tenures[0].source, note: `${leader.name}未担任“${form}”` };
  }
  if (tenures.some((t) => t.from <= date && (!t.until || date <= t.until))) return null;
  const past = tenures.filter((t) => t.until && t.until < date).sort((a, b) => b.until!.localeCompare(a.until!))[0];
  if (past) {
    if (speaksOfThePast(text, span.start, span.end, Number(past.until!.slice(0, 4)))) return null;
    // the successor is named only when one person holds the post that day (not for the vice premiers)
    const holders = lex.leaders.filter((l) => l !== leader && l.tenures.some((t) => t.post === past.post && t.from <= date && (!t.until || date <= t.until)));
    const correct = holders.length === 1 ? `${form}${holders[0].name}（或“时任${form}${leader.name}”）` : `时任${form}${leader.name}`;
    return { ...base, correct, kind: 'outdated-post', source: past.source, note: `${leader.name}任${past.postName}${past.from}至${past.until}，页面日期${date}` };
  }
  const future = tenures.sort((a, b) => a.from.localeCompare(b.from))[0];
  return { ...base, correct: `${leader.name}（${heldPosts}）`, kind: 'post-not-yet-held', source: future.source, note: `${leader.name}自${future.from}起任${future.postName}，页面日期${date}` };
}

function describe(tenures: Tenure[]): string {
  return tenures.map((t) => `${t.postName} ${t.from}至${t.until ?? '今'}`).join('；');
}

/** Overlapping hits: serious first, then the longer, then the earlier. */
function dropOverlaps(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => Number(b.serious) - Number(a.serious) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Hit[] = [];
  for (const h of sorted) if (!kept.some((k) => k.start < h.end && h.start < k.end)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}
