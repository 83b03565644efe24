// Freshness (首页不更新 / 栏目不更新, 国办秘函〔2019〕19号 单项否决 2–3): the homepage's newest item against 2 weeks,
// each configured column's newest item against its kind's limit (exactly at the limit is still fresh), undated
// lists (review) and empty columns. A list with no items in the raw HTML but scripts on the page may be filled in
// by script: it is judged on the browser's rendering (renderedLists) when there is one, else marked for review.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import type { ColumnKind } from '../contract/column.ts';
import { localDate } from '../calendar/timezone.ts';
import { cutoffDate, daysBetween, parseAge } from './content/age.ts';
import { dateOf, readColumn, type ColumnView } from '../util/columns.ts';
import { findHomepage, indexPages, isHealthyHtml, pageKey } from '../util/site-pages.ts';
import { tidyTitle } from '../util/docno.ts';
import { strings } from './freshness.strings.ts';
import { indexDocumentMeta, type MetaIndex } from '../util/document-meta.ts';

/** Column kinds whose stale columns count toward the "≥ 5 stale" veto (config/reports/indicators.ts). */
const KEY_KINDS: ColumnKind[] = ['news', 'notice', 'policy'];

interface Judged {
  metric: ColumnMetric;
  warning?: string;
  finding?: Pick<Finding, 'code' | 'severity' | 'review' | 'message' | 'evidence'>;
}

interface Newest {
  date: string;
  title: string;
  url: string | null;
}

/** Per-column line of the scorecard metrics. */
interface ColumnMetric {
  name: string;
  kind: ColumnKind;
  url: string;
  status: 'fresh' | 'stale' | 'undated' | 'empty' | 'unreachable' | 'not-crawled' | 'no-limit';
  /** The list was filled in by script and read from the browser's rendering. */
  rendered?: boolean;
  items: number;
  newest: string | null;
  daysSince: number | null;
  limit: string | null;
}

export const freshness: Check = {
  id: 'freshness',
  title: strings.title,
  requires: ['pages', 'crawl', 'text', 'html', 'renderedLists'],
  reads: ['documentMeta', 'listPages'],
  run(artifacts, ctx) {
    const pages = artifacts.pages!;
    const crawl = artifacts.crawl!;
    const index = indexPages(pages);
    const metas = indexDocumentMeta(artifacts.documentMeta);
    const home = findHomepage(pages, crawl, index);
    if (!home || !isHealthyHtml(home)) return { findings: [], notMeasured: strings.noHomepage(crawl.fatal ?? home?.errorMessage ?? String(home?.status ?? '未抓取')) };
    const today = localDate(ctx.now, ctx.timezone);
    const cfg = ctx.config.freshness;
    const siteId = artifacts.site.id;
    const findings: Finding[] = [];
    const warnings: string[] = [];

    const homeNewest = newestOf(homepageItems(home, index, metas), today);
    const homeCutoff = cutoffDate(today, parseAge(cfg.homepage));
    const homeEvidence = { limit: cfg.homepage, cutoff: homeCutoff, newest: homeNewest?.date ?? null, daysSince: homeNewest ? daysBetween(homeNewest.date, today) : null, newestTitle: homeNewest?.title ?? null, newestUrl: homeNewest?.url ?? null };
    if (!homeNewest) {
      findings.push({ check: 'freshness', code: 'freshness.homepage-stale', severity: 'veto', review: true, siteId, url: home.url, message: strings.homepageUndated, evidence: homeEvidence });
    } else if (homeNewest.date < homeCutoff) {
      findings.push({ check: 'freshness', code: 'freshness.homepage-stale', severity: 'veto', siteId, url: home.url, message: strings.homepageStale(homeNewest.date, homeEvidence.daysSince!, cfg.homepage), evidence: homeEvidence });
    }

    const renderedLists = artifacts.renderedLists ?? { browser: 'unavailable' as const, pages: [] };
    const rendered = new Map(renderedLists.pages.map((r) => [pageKey(r.url), r]));
    const columns: ColumnMetric[] = [];
    for (const column of artifacts.site.columns) {
      const renderedPage = rendered.get(pageKey(column.url));
      const view = readColumn(column, index, renderedPage, metas, artifacts.listPages);
      const limit = cfg.maxAge[column.kind];
      const notRendered = renderedPage?.error ?? renderedLists.reason ?? strings.noRendering;
      const judged = judgeColumn(view, limit, today, crawl.truncated, notRendered);
      columns.push(judged.metric);
      if (judged.warning) warnings.push(judged.warning);
      if (judged.finding) findings.push({ check: 'freshness', siteId, url: column.url, ...judged.finding });
    }

    // Judged: the homepage when dated; a column when dated, confirmed empty, or without a limit.
    const judgedColumns = columns.filter((c) => c.status === 'fresh' || c.status === 'stale' || c.status === 'no-limit' || (c.status === 'empty' && c.rendered === true)).length;
    const candidates = 1 + columns.length;
    const judged = (homeNewest ? 1 : 0) + judgedColumns;
    const coverage = { candidates, judged, ...(judged < candidates ? { reason: judged === 0 ? strings.unjudged(columns.length) : strings.someUnjudged(candidates - judged) } : {}) };
    const scored = findings.filter((f) => !f.review);
    const stale = scored.filter((f) => f.code === 'freshness.column-stale');
    return {
      findings,
      coverage,
      warnings: warnings.length ? warnings : undefined,
      metrics: {
        homepage: { newest: homeEvidence.newest, daysSince: homeEvidence.daysSince, limit: cfg.homepage },
        columns,
        vetoCounts: {
          staleNewsNoticePolicy: stale.filter((f) => KEY_KINDS.includes(f.evidence.kind as ColumnKind)).length,
          staleAll: stale.length,
          empty: scored.filter((f) => f.code === 'freshness.column-empty').length,
        },
      },
    };
  },
};

/** One column's metric line and, when something is wrong, its finding (without check, siteId and url). */
function judgeColumn(view: ColumnView, limit: string | null, day: string, truncated: boolean, notRendered: string): Judged {
  const { column, page } = view;
  const base = { name: column.name, kind: column.kind, url: column.url, limit, items: view.items.length, newest: null, daysSince: null, ...(view.rendered ? { rendered: true } : {}) } as ColumnMetric;
  const evidence: Record<string, unknown> = { kind: column.kind, column: column.name, limit, ...(view.scriptFilled ? { scriptFilled: true } : {}), ...(view.emptyRaw ? { rendered: view.rendered } : {}) };
  if (!page) {
    return { metric: { ...base, status: 'not-crawled' as const }, warning: strings.columnNotCrawled(column.name, column.url, truncated) };
  }
  if (!isHealthyHtml(page)) {
    const detail = page.status !== null ? `HTTP ${page.status}` : (page.error ?? '无应答');
    return {
      metric: { ...base, status: 'unreachable' as const },
      finding: { code: 'freshness.column-empty', severity: 'major' as const, review: true as const, message: strings.columnUnreachable(column.name, detail), evidence: { ...evidence, unreachable: detail } },
    };
  }
  if (view.items.length === 0) {
    // Empty only when the browser's rendering shows no item either; otherwise a clerk confirms.
    if (!view.rendered) {
      const message = view.scriptFilled ? strings.columnScriptFilled(column.name, notRendered) : strings.columnEmptyUnconfirmed(column.name, notRendered);
      return {
        metric: { ...base, status: 'empty' as const },
        finding: { code: 'freshness.column-empty', severity: 'major' as const, review: true as const, message, evidence: { ...evidence, items: 0, notRendered } },
      };
    }
    return { metric: { ...base, status: 'empty' as const }, finding: { code: 'freshness.column-empty', severity: 'major' as const, message: strings.columnEmpty(column.name), evidence: { ...evidence, items: 0 } } };
  }
  const newest = newestOf(view.items, day);
  const undated = view.items.filter((i) => !i.date).length;
  const metric = { ...base, newest: newest?.date ?? null, daysSince: newest ? daysBetween(newest.date, day) : null };
  if (limit === null) return { metric: { ...metric, status: 'no-limit' as const } };
  const cutoff = cutoffDate(day, parseAge(limit));
  const full = { ...evidence, cutoff, items: view.items.length, undated, newest: metric.newest, daysSince: metric.daysSince, newestTitle: newest?.title ?? null, newestUrl: newest?.url ?? null };
  if (!newest) {
    return { metric: { ...metric, status: 'undated' as const }, finding: { code: 'freshness.column-stale', severity: 'major' as const, review: true as const, message: strings.columnUndated(column.name, view.items.length), evidence: full } };
  }
  if (newest.date < cutoff) {
    return { metric: { ...metric, status: 'stale' as const }, finding: { code: 'freshness.column-stale', severity: 'major' as const, message: strings.columnStale(column.name, column.kind, newest.date, metric.daysSince!, limit), evidence: full } };
  }
  return { metric: { ...metric, status: 'fresh' as const } };
}

/** The homepage's dated items: its list rows, else the same-site articles it links to. */
function homepageItems(home: PageArtifact, index: Map<string, PageArtifact>, metas: MetaIndex): { title: string; url: string | null; date: string | null }[] {
  if (home.listItems?.length) return home.listItems.map((i) => ({ ...i, title: tidyTitle(i.title) }));
  const host = hostOf(home.finalUrl);
  const items: { title: string; url: string | null; date: string | null }[] = [];
  for (const l of home.links) {
    if (l.tag !== 'a' || l.hidden || hostOf(l.url) !== host) continue;
    const d = dateOf(l.url, index, metas);
    if (d) items.push({ title: tidyTitle(l.text ?? ''), url: l.url, date: d.date });
  }
  return items;
}

/** The newest dated item not after today (a date in the future proves no update). */
function newestOf(items: { title: string; url: string | null; date: string | null }[], today: string): Newest | null {
  let best: Newest | null = null;
  for (const i of items) {
    if (!i.date || i.date > today) continue;
    if (!best || i.date > best.date) best = { date: i.date, title: i.title, url: i.url };
  }
  return best;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
