// Identity marks (政府网站发展指引; 网站基本信息 deductions): the homepage and an evenly spread sample of inner pages
// must carry 网站标识码 (the configured one), ICP and 公网安备 numbers, the party-government badge, the 我为政府网站找错
// entrance carrying the site code, 主办单位 and 联系方式. One finding per mark: on the homepage (url = homepage,
// inner pages lacking it too listed in evidence), or — when only inner pages lack it, a second template — one
// finding about them (url = the first such page, all of them in evidence). One template fault, one finding.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import { findMarks, type PageMarks } from './content/marks.ts';
import { findHomepage, indexPages, isHealthyHtml, pageKey } from '../util/site-pages.ts';
import { soft404Verdict } from '../util/soft404.ts';
import { markLabels, strings, type Mark } from './identity.strings.ts';

const MARKS = Object.keys(markLabels) as Mark[];
const MAX_LISTED = 20;

export const identity: Check = {
  id: 'identity',
  title: strings.title,
  requires: ['pages', 'crawl', 'text', 'html', 'linkTargets'],
  run(artifacts, ctx) {
    const pages = artifacts.pages!;
    const crawl = artifacts.crawl!;
    const home = findHomepage(pages, crawl, indexPages(pages));
    if (!home || !isHealthyHtml(home)) return { findings: [], notMeasured: strings.noHomepage(crawl.fatal ?? home?.errorMessage ?? String(home?.status ?? '未抓取')) };
    const siteCode = artifacts.site.siteCode;
    const soft404 = new Set((artifacts.linkTargets ?? []).filter((t) => soft404Verdict(t.soft404Signals) !== null).map((t) => pageKey(t.url)));
    const sample = sampleInnerPages(pages.filter((p) => !soft404.has(pageKey(p.url))), home, ctx.config.identity.innerPages);
    const homeMarks = findMarks(home, siteCode);
    const innerMarks = sample.map((p) => ({ url: p.url, marks: findMarks(p, siteCode) }));
    const findings: Finding[] = [];
    const perMark: Record<string, { homepage: boolean; innerMissing: number }> = {};

    for (const mark of MARKS) {
      const onHome = homeMarks[mark];
      const innerMissing = innerMarks.filter((p) => !p.marks[mark].present).map((p) => p.url);
      perMark[mark] = { homepage: onHome.present, innerMissing: innerMissing.length };
      const code = `identity.missing-${mark}`;
      if (!onHome.present) {
        findings.push({
          check: 'identity', code, severity: 'minor', siteId: artifacts.site.id, url: home.url,
          message: homeMessage(mark, homeMarks, siteCode),
          evidence: {
            mark, level: 'homepage',
            ...(onHome.problem ? { problem: onHome.problem } : {}),
            ...(onHome.value ? { found: onHome.value } : {}),
            ...(siteCode && (mark === 'site-code' || mark === 'error-report-entrance') ? { expected: siteCode } : {}),
            sampled: sample.length,
            alsoMissingOn: innerMissing.slice(0, MAX_LISTED),
          },
        });
      } else if (innerMissing.length > 0) {
        findings.push({
          check: 'identity', code, severity: 'minor', siteId: artifacts.site.id, url: innerMissing[0],
          message: strings.missingOnInner(mark, innerMissing.length, sample.length),
          evidence: { mark, level: 'inner', sampled: sample.length, pages: innerMissing.slice(0, MAX_LISTED), missingCount: innerMissing.length },
        });
      }
    }
    // The homepage and every sampled inner page are read (the sample holds healthy pages only): all judged.
    return { findings, coverage: { candidates: 1 + sample.length, judged: 1 + sample.length }, metrics: { sampledPages: sample.map((p) => p.url), marks: perMark } };
  },
};

function homeMessage(mark: Mark, marks: PageMarks, siteCode: string | undefined): string {
  const r = marks[mark];
  if (r.problem === 'code-mismatch' && r.value && siteCode) {
    return mark === 'site-code' ? strings.siteCodeMismatch(r.value, siteCode) : strings.entranceCodeMismatch(r.value, siteCode);
  }
  if (r.problem === 'no-code') return strings.entranceWithoutCode;
  return strings.missingOnHomepage(mark);
}

/**
 * Up to `n` healthy HTML pages of the homepage's host other than the homepage, spread evenly over the crawl
 * in URL order (so one folder's template does not fill the sample). Pages with a query string are left out:
 * they are application views (calendars, searches, paging) rather than the CMS column and article templates
 * the marks belong to, and one calendar could otherwise fill the sample. Deterministic. (The check also leaves
 * out soft-404 pages: a "not found" page is no content page.)
 */
export function sampleInnerPages(pages: readonly PageArtifact[], home: PageArtifact, n: number): PageArtifact[] {
  const host = hostOf(home.finalUrl);
  const homeKey = pageKey(home.finalUrl);
  const seen = new Set<string>();
  const inner: PageArtifact[] = [];
  for (const p of pages) {
    const key = pageKey(p.finalUrl);
    if (!isHealthyHtml(p) || key === homeKey || hostOf(p.finalUrl) !== host || seen.has(key) || p.finalUrl.includes('?')) continue;
    seen.add(key);
    inner.push(p);
  }
  inner.sort((a, b) => (a.finalUrl < b.finalUrl ? -1 : a.finalUrl > b.finalUrl ? 1 : 0));
  if (inner.length <= n) return inner;
  return Array.from({ length: n }, (_, i) => inner[Math.floor((i * inner.length) / n)]);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
