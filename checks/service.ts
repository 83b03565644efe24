// Site search (泉鲤政办〔2018〕77号 item 27: 强化信息搜索): the homepage offers a search form (service.no-search if not),
// and searching for the title of a recent article the crawl found returns a page linking to it
// (service.search-broken if not; query and result page in evidence). A form that could not be tried (POST, no
// dated article) is a search-broken finding marked for review, never a silent pass.
import type { Check } from './types.ts';
import { strings } from './service.strings.ts';
import { isHealthyHtml } from '../util/site-pages.ts';

export const service: Check = {
  id: 'service',
  title: strings.title,
  requires: ['search'],
  reads: ['pages'],
  run(artifacts) {
    const s = artifacts.search!;
    const base = { check: 'service', siteId: artifacts.site.id, url: s.homepage };
    const metrics = { searchForm: s.form ? s.form.action : null, lookedAt: s.lookedAt, query: s.attempt?.query ?? null, found: s.attempt?.linksToTarget ?? null };
    if (!s.form) {
      // No form found on a homepage that was never read is not a missing search: not measured, with why.
      const home = artifacts.pages?.find((p) => p.url === s.homepage || p.finalUrl === s.homepage) ?? artifacts.pages?.find((p) => p.depth === 0);
      const unread = s.lookedAt.length === 0 ? (s.skipped ?? strings.homeNotRead) : artifacts.pages && (!home || !isHealthyHtml(home)) ? strings.homeUnreadable(home?.status ?? null) : null;
      if (unread) return { findings: [], metrics, notMeasured: strings.notMeasured(unread) };
      return { findings: [{ ...base, code: 'service.no-search', severity: 'minor', message: strings.noSearch, evidence: { lookedAt: s.lookedAt } }], metrics };
    }
    const form = { action: s.form.action, method: s.form.method, field: s.form.field, formPage: s.form.pageUrl };
    if (!s.attempt) {
      return {
        findings: [{ ...base, code: 'service.search-broken', severity: 'minor', review: true, message: strings.notTested(s.skipped ?? '未知原因'), evidence: { form, reviewReason: s.skipped ?? null } }],
        metrics,
      };
    }
    const a = s.attempt;
    if (a.linksToTarget) return { findings: [], metrics };
    return {
      findings: [
        {
          ...base, code: 'service.search-broken', severity: 'minor',
          message: a.error || a.status === null || a.status >= 400 ? strings.searchFailed(a.query, a.error ?? `HTTP ${a.status}`) : strings.searchBroken(a.query),
          evidence: {
            query: a.query, resultUrl: a.requestUrl, status: a.status, ...(a.error ? { error: a.error } : {}),
            articleUrl: s.target?.url ?? null, articleDate: s.target?.date ?? null, resultLinks: a.resultLinks.length, form,
          },
        },
      ],
      metrics,
    };
  },
};
