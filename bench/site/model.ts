// The generated benchmark site as data: a TRS-shaped district portal of N pages (columns with dated list pages,
// articles, static pages), its resources, its external hosts and its deliberate faults. Everything derives from
// the page count and a seed, so every run and every tool sees the same site; `brokenTruth` lists what is broken.
import { fnv1a } from '../../crawler/hash.ts';

/** A column of the portal (TRS paths such as `/zwgk/tzgg/`). */
export interface Column {
  index: number;
  path: string;
  name: string;
  /** Pages of this column are GBK-encoded (older TRS templates). */
  gbk: boolean;
  /** Articles of the column, newest first (global article numbers). */
  first: number;
  count: number;
}

export interface Article {
  /** Global number, 0-based. */
  n: number;
  id: number;
  column: Column;
  /** Position in its column (0 = newest). */
  rank: number;
  /** `YYYYMMDD`. */
  day: string;
}

/** Why a target is broken: the bench compares every tool's broken set with these. */
export type BrokenCause = 'dead-article' | 'missing-image' | 'missing-attachment' | 'server-error' | 'external-404' | 'refused-host' | 'redirect-to-404' | 'soft-404';

export interface SiteHosts {
  /** `http://127.0.0.2:PORT` — the portal. */
  main: string;
  /** Other hosts served locally (national portal, province, city). */
  external: string[];
  /** A host where nothing listens (connection refused). */
  refused: string;
}

export interface SiteModel {
  pages: number;
  seed: string;
  columns: Column[];
  articles: number;
  hosts: SiteHosts;
  article(n: number): Article;
  /** The article whose id is `id`, or null. */
  articleById(id: number): Article | null;
  /** Canonical URL path of an article. */
  articlePath(a: Article): string;
  /** List pages of a column. */
  listPages(c: Column): number;
  listPath(c: Column, p: number): string;
  /** Faults and extras of one article (seeded). */
  traits(a: Article): ArticleTraits;
}

export interface ArticleTraits {
  images: number;
  missingImage: boolean;
  attachment: 'pdf' | 'doc' | null;
  missingAttachment: boolean;
  /** One related link points to an article that was deleted. */
  deadRelated: boolean;
  /** One related link uses the old URL scheme (`/old/<id>.html`, a 301 to the canonical URL). */
  oldLink: boolean;
  /** A link to an old URL whose target was deleted (301 then 404). */
  oldDead: boolean;
  /** A link to the message board answer that fails with HTTP 500. */
  serverError: boolean;
  /** A link to a search result page that says "not found" with HTTP 200. */
  soft404: boolean;
  /** A link to a policy on the national portal; `external404` when that page is gone. */
  externalPolicy: boolean;
  external404: boolean;
}

export const SITE_NAME = '鲤城区人民政府';
export const SITE_CODE = '3505020001';
const FIRST_ID = 100_000;
/** Deleted articles' ids: the live id plus this. */
export const DEAD_ID_OFFSET = 9_000_000;
const ITEMS_PER_LIST = 20;
const STATIC_PAGES = ['lxwm', 'wzsm', 'wzdt', 'yszc'];

const COLUMN_DEFS: [path: string, name: string, weight: number, gbk: boolean][] = [
  ['xwzx/zwyw', '政务要闻', 14, false],
  ['xwzx/bmdt', '部门动态', 12, false],
  ['xwzx/jcdt', '基层动态', 10, false],
  ['zwgk/tzgg', '通知公告', 12, false],
  ['zwgk/zcwj', '政策文件', 9, false],
  ['zwgk/zcjd', '政策解读', 7, false],
  ['zwgk/rsxx', '人事信息', 5, false],
  ['zwgk/ghjh', '规划计划', 4, false],
  ['zwgk/czzj', '财政资金', 6, true],
  ['xxgk/gsgg', '公示公告', 8, true],
  ['hdjl/zxft', '在线访谈', 4, false],
  ['bsfw/bszn', '办事指南', 9, false],
];

/** A number in [0, 1) from the seed and a key. */
export function unit(seed: string, key: string): number {
  return fnv1a(`${seed}|${key}`) / 2 ** 32;
}

/** Builds the model of a site of (about) `pages` HTML pages. */
export function buildSiteModel(opts: { pages: number; seed?: string; hosts: SiteHosts }): SiteModel {
  const seed = opts.seed ?? 'govaudit-bench-1';
  const weights = COLUMN_DEFS.reduce((s, d) => s + d[2], 0);
  const fixed = 1 + STATIC_PAGES.length;
  // articles + list pages + fixed = pages: each list page holds 20 articles
  let articles = Math.max(COLUMN_DEFS.length * 2, Math.floor(((opts.pages - fixed) * ITEMS_PER_LIST) / (ITEMS_PER_LIST + 1)));
  const split = (total: number) => {
    const counts = COLUMN_DEFS.map((d) => Math.max(1, Math.floor((total * d[2]) / weights)));
    counts[0] += total - counts.reduce((a, b) => a + b, 0);
    return counts;
  };
  const pagesFor = (counts: number[]) => fixed + counts.reduce((s, c) => s + c + Math.ceil(c / ITEMS_PER_LIST), 0);
  let counts = split(articles);
  while (pagesFor(counts) > opts.pages && articles > COLUMN_DEFS.length * 2) counts = split(--articles);
  while (pagesFor(counts) < opts.pages) counts = split(++articles);
  const columns: Column[] = [];
  let first = 0;
  COLUMN_DEFS.forEach(([path, name, , gbk], index) => {
    columns.push({ index, path, name, gbk, first, count: counts[index] });
    first += counts[index];
  });
  const columnOf = new Int16Array(articles);
  for (const c of columns) columnOf.fill(c.index, c.first, c.first + c.count);

  // dates: newest on 2026-11-19, older ones spread over about five years, newest first within each column
  const newest = Date.UTC(2026, 10, 19);
  const dayOf = (c: Column, rank: number) => {
    const back = Math.floor((rank * 1_800) / Math.max(1, c.count));
    const d = new Date(newest - back * 86_400_000);
    return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  };
  const article = (n: number): Article => {
    const column = columns[columnOf[n]];
    const rank = n - column.first;
    return { n, id: FIRST_ID + n, column, rank, day: dayOf(column, rank) };
  };
  const u = (key: string) => unit(seed, key);

  return {
    pages: pagesFor(counts),
    seed,
    columns,
    articles,
    hosts: opts.hosts,
    article,
    articleById(id) {
      const n = id - FIRST_ID;
      return Number.isInteger(n) && n >= 0 && n < articles ? article(n) : null;
    },
    articlePath: (a) => `/${a.column.path}/${a.day.slice(0, 6)}/t${a.day}_${a.id}.html`,
    listPages: (c) => Math.max(1, Math.ceil(c.count / ITEMS_PER_LIST)),
    listPath: (c, p) => (p === 0 ? `/${c.path}/` : `/${c.path}/index_${p}.html`),
    traits(a) {
      const k = String(a.id);
      const images = u(`img:${k}`) < 0.55 ? 1 : u(`img2:${k}`) < 0.5 ? 2 : 0;
      const att = u(`att:${k}`);
      const attachment = att < 0.12 ? 'pdf' : att < 0.2 ? 'doc' : null;
      const externalPolicy = a.column.path.startsWith('zwgk/zc') && u(`ext:${k}`) < 0.3;
      return {
        images,
        missingImage: images > 0 && u(`imgx:${k}`) < 0.012,
        attachment,
        missingAttachment: attachment !== null && u(`attx:${k}`) < 0.03,
        deadRelated: u(`dead:${k}`) < 0.008,
        oldLink: u(`old:${k}`) < 0.03,
        oldDead: u(`oldx:${k}`) < 0.001,
        serverError: u(`500:${k}`) < 0.001,
        soft404: u(`soft:${k}`) < 0.0006,
        externalPolicy,
        external404: externalPolicy && u(`extx:${k}`) < 0.04,
      };
    },
  };
}

/** Pages that are not articles nor list pages: the homepage and the static pages. */
export const staticPages = STATIC_PAGES;
export const itemsPerList = ITEMS_PER_LIST;

/** The related articles of `a`: neighbours in its column (a deleted one when the trait says so). */
export function relatedOf(m: SiteModel, a: Article): string[] {
  const c = a.column;
  const out: string[] = [];
  for (const d of [-2, -1, 1, 2, 7]) {
    const r = a.rank + d;
    if (r < 0 || r >= c.count) continue;
    out.push(m.articlePath(m.article(c.first + r)));
  }
  const t = m.traits(a);
  if (t.deadRelated) out.push(deadArticlePath(m, a));
  if (t.oldLink) {
    const target = m.article(c.first + ((a.rank + 3) % c.count));
    out.push(`/old/${target.id}.html`);
  }
  if (t.oldDead) out.push(`/old/${a.id + DEAD_ID_OFFSET}.html`);
  return out;
}

/** Where the deleted article next to `a` used to live. */
export function deadArticlePath(_m: SiteModel, a: Article): string {
  return `/${a.column.path}/${a.day.slice(0, 6)}/t${a.day}_${a.id + DEAD_ID_OFFSET}.html`;
}

export function imagePath(a: Article, i: number): string {
  return `/uploads/${a.day.slice(0, 6)}/${a.id}_${i}.jpg`;
}

export function attachmentPath(a: Article, kind: 'pdf' | 'doc'): string {
  return `/uploads/${a.day.slice(0, 6)}/P0${a.day}${a.id}.${kind}`;
}

/** The broken links that redirect to a missing page → that page (a tool may name the fault by either URL). */
export function brokenRedirects(m: SiteModel): Map<string, string> {
  const out = new Map<string, string>();
  for (let n = 0; n < m.articles; n++) {
    const a = m.article(n);
    if (m.traits(a).oldDead) out.set(`${m.hosts.main}/old/${a.id + DEAD_ID_OFFSET}.html`, m.hosts.main + deadArticlePath(m, a));
  }
  return out;
}

/** Every broken link target of the site, with its cause: the ground truth the tools are compared with. */
export function brokenTruth(m: SiteModel): Map<string, BrokenCause> {
  const out = new Map<string, BrokenCause>();
  const main = m.hosts.main;
  out.set(`${m.hosts.refused}/`, 'refused-host');
  for (let n = 0; n < m.articles; n++) {
    const a = m.article(n);
    const t = m.traits(a);
    if (t.missingImage) out.set(main + imagePath(a, 1), 'missing-image');
    if (t.missingAttachment && t.attachment) out.set(main + attachmentPath(a, t.attachment), 'missing-attachment');
    if (t.deadRelated) out.set(main + deadArticlePath(m, a), 'dead-article');
    if (t.oldDead) out.set(`${main}/old/${a.id + DEAD_ID_OFFSET}.html`, 'redirect-to-404');
    if (t.serverError) out.set(`${main}/hdjl/reply.jsp?id=${a.id}`, 'server-error');
    if (t.soft404) out.set(`${main}/search/detail.jsp?id=${a.id}`, 'soft-404');
    if (t.external404) out.set(`${m.hosts.external[0]}/zhengce/content/${a.id}.htm`, 'external-404');
  }
  return out;
}
