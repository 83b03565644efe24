// Disclosure catalogue (主动公开基本目录; 政府信息公开条例 arts. 12, 49; 泉鲤政办〔2018〕77号 items 3–6, 33, 36–38): each
// item the site is held to (checks/disclosure/catalogue.ts) is looked up in the crawl by title. A dated item is judged
// for the latest year whose due date has passed on the audit day: missing, published late, or present; a standing
// item must exist at all. A crawl cut short makes "missing" a matter for review. Metrics: per-item status, coverage.
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import type { DisclosureItem } from '../config/checks/disclosure.ts';
import { localDate } from '../calendar/timezone.ts';
import { daysAfter, judgedCycle, nextCycle, titleRegExp, type DueCycle } from './disclosure/catalogue.ts';
import { siteCatalogue } from '../config/checks/disclosure-catalogue.ts';
import { indexDocumentMeta } from '../util/document-meta.ts';
import { findSightings, indexTitles, type Sighting, type SiteTitles } from './disclosure/sightings.ts';
import { indexPages, pageKey } from '../util/site-pages.ts';
import { strings } from './disclosure.strings.ts';
import { anyPageRead, pageCoverage } from './lib/page-coverage.ts';

export type ItemState = 'present' | 'late' | 'missing';

/** One item's outcome, as listed in the metrics. */
export interface ItemStatus {
  id: string;
  name: string;
  /** `standing`, or the due date of the judged year. */
  due: string;
  /** The covered year judged; null for a standing item. */
  year: number | null;
  state: ItemState;
  url: string | null;
  title: string | null;
  date: string | null;
  /** The next year's item (not yet due): where it already is, if published. */
  next?: { year: number; due: string; url: string | null; date: string | null };
}

export const disclosure: Check = {
  id: 'disclosure',
  title: strings.title,
  requires: ['pages', 'crawl', 'linkTargets', 'text'],
  reads: ['documentMeta'],
  run(artifacts, ctx) {
    const site = artifacts.site;
    const role = site.disclosure.role ?? null;
    const items = siteCatalogue(ctx.config.disclosure, site.disclosure);
    const base = { role, unit: site.unit };
    if (items.length === 0) return { findings: [], metrics: { ...base, required: 0 }, notMeasured: role ? strings.notMeasured.noItems : strings.notMeasured.noRole };
    const crawl = artifacts.crawl!;
    if (crawl.fatal) return { findings: [], metrics: { ...base, required: items.length }, notMeasured: strings.notMeasured.crawlFailed(crawl.fatal) };
    // Not one page read (the homepage down): every item would be "missing" only because nothing was seen.
    if (!anyPageRead(artifacts.pages!)) return { findings: [], metrics: { ...base, required: items.length }, notMeasured: pageCoverage(artifacts.pages!, 0).reason };

    const today = localDate(ctx.now, ctx.timezone);
    const index = indexTitles(artifacts.pages!, artifacts.linkTargets!, indexDocumentMeta(artifacts.documentMeta));
    const crawled = indexPages(artifacts.pages!);
    const findings: Finding[] = [];
    const statuses: ItemStatus[] = [];
    for (const item of items) {
      const judged = judgeItem(item, today, index);
      statuses.push(judged.status);
      const where = item.where ? { where: item.where } : {};
      const common = { itemId: item.id, name: item.name, year: judged.status.year, due: judged.status.due, ...where, ...(item.source ? { source: item.source } : {}) };
      if (judged.status.state === 'missing') {
        const whereMissing = item.where !== undefined && !crawled.has(pageKey(item.where));
        const review = crawl.truncated || whereMissing;
        const cycle = judged.cycle;
        const message =
          strings.missing(item.name, cycle?.year ?? null, cycle?.due ?? null) +
          (item.where ? strings.where(item.where) : '') +
          (judged.broken.length ? strings.brokenLink(judged.broken.length) : '') +
          (crawl.truncated ? strings.truncated : whereMissing ? strings.whereNotCrawled : '');
        findings.push({
          check: 'disclosure',
          code: 'disclosure.missing',
          severity: 'major',
          ...(review ? { review: true as const } : {}),
          siteId: site.id,
          url: item.where ?? site.homepage,
          message,
          evidence: {
            ...common,
            ...(judged.broken.length ? { brokenLinks: judged.broken.map((b) => b.url), brokenLinkStatus: judged.broken.map((b) => b.status ?? b.error ?? null) } : {}),
            ...(crawl.truncated ? { crawlTruncated: true, pagesCrawled: crawl.pagesCrawled } : {}),
          },
        });
      } else if (judged.status.state === 'late') {
        const s = judged.status;
        const days = daysAfter(s.due, s.date!);
        findings.push({
          check: 'disclosure',
          code: 'disclosure.late',
          severity: 'minor',
          siteId: site.id,
          url: s.url,
          message: strings.late(item.name, s.year!, s.date!, s.due, days),
          evidence: { ...common, date: s.date, daysLate: days, title: s.title },
        });
      }
    }
    const count = (state: ItemState) => statuses.filter((s) => s.state === state).length;
    const present = count('present') + count('late');
    // Found without a date, an item with a due date is seen, not judged: on time or late is unknown.
    const undated = statuses.filter((s) => s.state === 'present' && s.due !== 'standing' && s.date === null).length;
    return {
      findings,
      coverage: { candidates: statuses.length, judged: statuses.length - undated, ...(undated ? { reason: strings.undated(undated) } : {}) },
      metrics: {
        ...base,
        judgedOn: today,
        required: statuses.length,
        present,
        late: count('late'),
        missing: count('missing'),
        coverage: Math.round((present / statuses.length) * 10_000) / 10_000,
        crawlTruncated: crawl.truncated,
        items: statuses,
      },
    };
  },
};

interface Judged {
  status: ItemStatus;
  cycle: DueCycle | null;
  broken: { url: string; status: number | null; error?: string }[];
}

function judgeItem(item: DisclosureItem, today: string, index: SiteTitles): Judged {
  const cycle = judgedCycle(item, today);
  const { sightings, broken } = findSightings(index, titleRegExp(item, cycle?.year ?? null), item.where);
  const best = pickBest(sightings);
  const status: ItemStatus = {
    id: item.id,
    name: item.name,
    due: cycle?.due ?? 'standing',
    year: cycle?.year ?? null,
    state: !best ? 'missing' : cycle && best.date !== null && best.date > cycle.due ? 'late' : 'present',
    url: best?.url ?? null,
    title: best?.title ?? null,
    date: best?.date ?? null,
  };
  if (cycle) {
    const next = nextCycle(cycle);
    const early = pickBest(findSightings(index, titleRegExp(item, next.year), item.where).sightings);
    status.next = { year: next.year, due: next.due, url: early?.url ?? null, date: early?.date ?? null };
  }
  return { status, cycle, broken: best ? [] : broken };
}

/** The earliest dated sighting (a page before a link on the same day), else the first undated one. */
function pickBest(sightings: Sighting[]): Sighting | null {
  const rank = (s: Sighting) => `${s.date ?? '9999-99-99'}|${s.via === 'page' ? 0 : 1}|${s.url}`;
  return [...sightings].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0))[0] ?? null;
}
