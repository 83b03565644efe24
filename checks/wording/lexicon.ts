// The wording check's lexicon: the shipped key terms, national leaders and typo list (checks/data/), validated with
// zod when this module loads — a bad entry throws here, naming it, so a broken list never audits quietly — merged
// with the district's additions (config `wording`) into the indexes the matcher reads.
import { z } from 'zod';
import { keyTerms, keyTermSources, nationalLeaders, nationalPosts, nationalPostsListedFrom, outdatedTerms, type KeyTermCategory } from '../data/key-terms.ts';
import { typos, typoSources } from '../data/typos.ts';
import type { WordingConfig } from '../../config/checks/wording.ts';

const han = (min: number, max: number) => z.string().regex(new RegExp(`^\\p{Script=Han}{${min},${max}}$`, 'u'), `${min}–${max} Han characters, no punctuation`);
const date = z.iso.date();
const sourceId = (ids: readonly string[]) => z.string().refine((s) => ids.includes(s), 'a source listed in the file');

const keyTermIds = Object.keys(keyTermSources);
const shippedSchema = z.strictObject({
  sources: z.record(z.string(), z.strictObject({ name: z.string().min(8), date })),
  terms: z.array(z.strictObject({
    term: han(4, 24),
    category: z.enum(['formulation', 'country', 'institution']),
    source: sourceId(keyTermIds),
    lookalikes: z.array(han(3, 30)).optional(),
  })),
  outdated: z.array(z.strictObject({ term: han(4, 24), from: date, replacement: z.string().min(2), source: sourceId(keyTermIds) })),
  posts: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(2), forms: z.array(han(2, 20)).min(1) })),
  leaders: z.array(z.strictObject({
    name: han(2, 4),
    posts: z.array(z.strictObject({ post: z.string().min(1), from: date, until: date.optional(), source: sourceId(keyTermIds) })).min(1),
  })),
  typoSources: z.record(z.string(), z.strictObject({ name: z.string().min(8), date })),
  typos: z.array(z.strictObject({
    wrong: han(2, 12),
    correct: han(1, 12),
    source: sourceId(Object.keys(typoSources)),
    exceptions: z.array(han(3, 16)).optional(),
    notFollowedBy: z.string().min(1).optional(),
    followedBy: z.string().min(1).optional(),
    unlessLater: z.array(z.string().min(1)).optional(),
  })),
});

/** Validates the shipped lists; throws an Error naming the list, the entry and the problem. */
export function validateShipped(data: unknown): z.output<typeof shippedSchema> {
  const parsed = shippedSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`wording data (checks/data/): ${i.path.join('.')}: ${i.message}`);
  }
  const d = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const t of d.terms) {
    if (seen.has(t.term)) problems.push(`terms: "${t.term}" is listed twice`);
    seen.add(t.term);
  }
  const postIds = new Set(d.posts.map((p) => p.id));
  for (const l of d.leaders)
    for (const p of l.posts) {
      if (!postIds.has(p.post)) problems.push(`leaders: ${l.name}: unknown post "${p.post}"`);
      if (p.until && p.until < p.from) problems.push(`leaders: ${l.name}: ${p.post} until ${p.until} is before from ${p.from}`);
    }
  const wrongs = new Set<string>();
  for (const t of d.typos) {
    if (t.wrong === t.correct) problems.push(`typos: "${t.wrong}" equals its correct form`);
    if (wrongs.has(t.wrong)) problems.push(`typos: "${t.wrong}" is listed twice`);
    wrongs.add(t.wrong);
    for (const e of t.exceptions ?? []) if (!e.includes(t.wrong)) problems.push(`typos: "${t.wrong}": exception "${e}" does not contain it`);
    if (t.followedBy) {
      try {
        new RegExp(t.followedBy, 'u');
      } catch {
        problems.push(`typos: "${t.wrong}": followedBy is not a valid pattern`);
      }
    }
  }
  if (problems.length) throw new Error(`wording data (checks/data/): ${problems.join('; ')}`);
  return d;
}

const shipped = validateShipped({
  sources: keyTermSources, terms: keyTerms, outdated: outdatedTerms, posts: nationalPosts, leaders: nationalLeaders, typoSources, typos,
});

export interface Source {
  name: string;
  date: string;
}

/** A key term guarded against garbled forms. */
export interface GuardedTerm {
  id: number;
  term: string;
  category: KeyTermCategory;
  source: Source;
  lookalikes: string[];
}

/** A misused word and its right form. */
export interface TypoRule {
  wrong: string;
  correct: string;
  source: Source;
  exceptions: { text: string; at: number }[];
  notFollowedBy?: string;
  followedBy?: RegExp;
  unlessLater?: string[];
}

/** A term wrong from a date on (a renamed institution). */
export interface OutdatedRule {
  term: string;
  from: string;
  replacement?: string;
  source: Source;
}

/** A post held by a leader from a date (until: last day, inclusive). */
export interface Tenure {
  post: string;
  postName: string;
  forms: string[];
  from: string;
  until?: string;
  source: Source;
}

export interface Leader {
  name: string;
  tenures: Tenure[];
  national: boolean;
}

/** A posting of the bigram index: the pair of characters of `term` at `offset` and `offset + gap`. */
export interface Posting {
  term: GuardedTerm;
  offset: number;
  gap: 1 | 2;
}

export interface Lexicon {
  terms: GuardedTerm[];
  /** Character pair (code unit × 65536 + code unit) → postings: adjacent pairs and pairs one apart of each term. */
  pairs: Map<number, Posting[]>;
  /** Typo rules and outdated terms by their first code unit, longest first. */
  typosByFirst: Map<number, TypoRule[]>;
  outdatedByFirst: Map<number, OutdatedRule[]>;
  leaders: Leader[];
  /** Every post form a leader's tenure is written with, longest first. */
  postForms: string[];
  /** The forms of national posts: each names one post alone, so a leader beside one never held is an error. */
  nationalForms: Set<string>;
  /** National posts are listed in full from this date: an earlier page's national post is not judged. */
  nationalPostsListedFrom: string;
  allow: string[];
  maxHitsPerPage: number;
  attachments: boolean;
}

const DISTRICT_SOURCE: Source = { name: '本区配置（config wording）', date: '' };

function pairKey(a: number, b: number): number {
  return a * 65536 + b;
}

function byFirst<T>(items: T[], text: (t: T) => string): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const it of items) {
    const k = text(it).charCodeAt(0);
    const list = map.get(k) ?? [];
    list.push(it);
    map.set(k, list);
  }
  for (const list of map.values()) list.sort((a, b) => text(b).length - text(a).length);
  return map;
}

const cache = new WeakMap<object, Lexicon>();

/** The lexicon for a district's `wording` config (built once per config object). */
export function lexiconFor(cfg: WordingConfig): Lexicon {
  let lex = cache.get(cfg);
  if (!lex) {
    lex = buildLexicon(cfg);
    cache.set(cfg, lex);
  }
  return lex;
}

export function buildLexicon(cfg: WordingConfig): Lexicon {
  const src = (id: string): Source => ({ ...(shipped.sources[id] as Source) });
  const terms: GuardedTerm[] = [];
  const known = new Set<string>();
  const add = (term: string, category: KeyTermCategory, source: Source, lookalikes: string[] = []) => {
    if (known.has(term)) return;
    known.add(term);
    terms.push({ id: terms.length, term, category, source, lookalikes });
  };
  for (const t of shipped.terms) add(t.term, t.category, src(t.source), t.lookalikes);
  for (const t of cfg.officialNames) add(t, 'institution', DISTRICT_SOURCE);
  for (const t of cfg.terms) add(t, 'formulation', DISTRICT_SOURCE);

  const pairs = new Map<number, Posting[]>();
  for (const term of terms) {
    const s = term.term;
    for (let o = 0; o + 1 < s.length; o++) {
      for (const gap of [1, 2] as const) {
        if (o + gap >= s.length) continue;
        const k = pairKey(s.charCodeAt(o), s.charCodeAt(o + gap));
        const list = pairs.get(k) ?? [];
        list.push({ term, offset: o, gap });
        pairs.set(k, list);
      }
    }
  }

  const ignored = new Set(cfg.ignoreTypos);
  const typoRules: TypoRule[] = shipped.typos
    .filter((t) => !ignored.has(t.wrong))
    .map((t) => ({
      wrong: t.wrong,
      correct: t.correct,
      source: { ...(shipped.typoSources[t.source] as Source) },
      exceptions: (t.exceptions ?? []).map((e) => ({ text: e, at: e.indexOf(t.wrong) })),
      notFollowedBy: t.notFollowedBy,
      followedBy: t.followedBy ? new RegExp(t.followedBy, 'uy') : undefined,
      unlessLater: t.unlessLater,
    }));
  for (const t of cfg.extraTypos) {
    const i = typoRules.findIndex((r) => r.wrong === t.wrong);
    const rule: TypoRule = { wrong: t.wrong, correct: t.correct, source: DISTRICT_SOURCE, exceptions: [] };
    if (i >= 0) typoRules[i] = rule;
    else typoRules.push(rule);
  }

  const outdated: OutdatedRule[] = [
    ...shipped.outdated.map((o) => ({ term: o.term, from: o.from, replacement: o.replacement, source: src(o.source) })),
    ...cfg.outdated.map((o) => ({ term: o.term, from: o.from, replacement: o.replacement, source: { name: o.note ? `本区配置：${o.note}` : DISTRICT_SOURCE.name, date: o.from } })),
  ];

  const postsById = new Map(shipped.posts.map((p) => [p.id, p]));
  const leaders: Leader[] = shipped.leaders.map((l) => ({
    name: l.name,
    national: true,
    tenures: l.posts.map((p) => {
      const post = postsById.get(p.post)!;
      return { post: post.id, postName: post.name, forms: post.forms, from: p.from, until: p.until, source: src(p.source) };
    }),
  }));
  for (const l of cfg.leaders) {
    leaders.push({
      name: l.name,
      national: false,
      tenures: l.posts.map((p) => ({ post: `district:${p.title}`, postName: p.title, forms: [...new Set([p.title, ...p.forms])], from: p.from, until: p.until, source: DISTRICT_SOURCE })),
    });
  }
  const postForms = [...new Set(leaders.flatMap((l) => l.tenures.flatMap((t) => t.forms)))].sort((a, b) => b.length - a.length);

  return {
    terms,
    pairs,
    typosByFirst: byFirst(typoRules, (r) => r.wrong),
    outdatedByFirst: byFirst(outdated, (r) => r.term),
    leaders,
    postForms,
    nationalForms: new Set(shipped.posts.flatMap((p) => p.forms)),
    nationalPostsListedFrom,
    allow: cfg.allow,
    maxHitsPerPage: cfg.maxHitsPerPage,
    attachments: cfg.attachments,
  };
}
