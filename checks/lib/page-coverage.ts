// What a check that reads the crawled pages saw and could judge (contract/check-result.ts Coverage): each distinct
// page the crawl fetched is a candidate — the homepage at least, so a crawl that read nothing is never a pass — except
// pages that are gone (404/410: the links check judges those) and files that are not web pages; a candidate is judged
// when its HTML was read (2xx, no error). checks/runner.ts turns "judged none" into not-measured.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Coverage } from '../../contract/check-result.ts';
import { isHealthyHtml } from '../../util/site-pages.ts';
import { strings as linkStrings } from '../links.strings.ts';

/** zh-CN reasons shown on the scorecard. */
export const pageCoverageStrings = {
  nothingCrawled: '未抓取到任何页面（首页无法访问），没有可检查的内容',
  homeUnread: (what: string) => `首页未能正常读取（${what}），也没有其他可读的页面，没有可检查的内容`,
  someUnread: (n: number) => `${n}个页面未能正常读取（服务器出错、超时或内容异常），未检查`,
};

function gone(p: PageArtifact): boolean {
  return p.status === 404 || p.status === 410;
}

/** Whether a crawled page is one a page-reading check should judge (see the file comment). */
export function isPageCandidate(p: PageArtifact): boolean {
  return !gone(p) && (p.isHtml || p.status === null || p.status >= 300 || !!p.error);
}

/** What went wrong with the homepage, in Chinese, for the reason. */
function homeProblem(home: PageArtifact): string {
  if (home.error) return (linkStrings.errors as Record<string, string>)[home.error] ?? '访问出错';
  if (home.status !== null && (home.status < 200 || home.status >= 300)) return `HTTP ${home.status}`;
  return '不是网页';
}

/**
 * The coverage of a check that judged `judged` distinct pages out of `pages` (the crawl's). With no candidate at all
 * the homepage still counts as one, unjudged.
 */
export function pageCoverage(pages: readonly PageArtifact[], judged: number): Coverage {
  const keys = new Set<string>();
  for (const p of pages) if (isPageCandidate(p)) keys.add(p.finalUrl);
  const candidates = Math.max(1, keys.size, judged);
  if (judged >= candidates) return { candidates, judged };
  if (judged > 0) return { candidates, judged, reason: pageCoverageStrings.someUnread(candidates - judged) };
  const home = pages.find((p) => p.depth === 0) ?? pages[0];
  return { candidates, judged, reason: home ? pageCoverageStrings.homeUnread(homeProblem(home)) : pageCoverageStrings.nothingCrawled };
}

/** Whether any page of the crawl was read (healthy HTML). */
export function anyPageRead(pages: readonly PageArtifact[]): boolean {
  return pages.some(isHealthyHtml);
}

/** A page coverage with the linked attachments added: `found` candidates, `read` of them judged (text extracted). */
export function withAttachments(pages: Coverage, found: number, read: number): Coverage {
  const candidates = pages.candidates + found;
  const judged = pages.judged + read;
  const unread = found - read;
  const reason = [pages.reason, unread > 0 ? `${unread}个附件未能读出文字，未检查` : undefined].filter(Boolean).join('；');
  return { candidates, judged, ...(judged < candidates && reason ? { reason } : {}) };
}
