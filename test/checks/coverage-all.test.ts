// No silent pass, for every registered check: fed artifacts that hold nothing it needs — an empty site (nothing
// crawled, nothing probed, no browser result) and a site whose homepage fails (HTTP 500, every probe refused) — no
// check says `passed`. Each says `not-measured` with a Chinese reason, or `failed` on what it did see. The one
// legitimate pass on nothing is a record check whose export exists but holds no record of the period (no error report
// this month: the duty did not arise) — and it says so in its coverage. docs/checks.md has the rule.
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.ts';
import { runChecks } from '../../checks/runner.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import type { PageArtifact, LinkTarget } from '../../contract/artifacts/crawl.ts';
import type { CheckResult } from '../../contract/check-result.ts';
import { HOME, NOW, crawl, setup } from './content/support.ts';

const { ctx, site } = setup({ site: { disclosure: { role: 'government' }, columns: [{ name: '工作动态', url: `${HOME}gzdt/`, kind: 'news' }, { name: '政策文件', url: `${HOME}zcwj/`, kind: 'policy' }] } });

/** Every artifact present, holding nothing: what a site gives when nothing could be read. */
function emptySite(): SiteArtifacts {
  return {
    site,
    unavailable: {},
    pages: [],
    crawl: crawl({ pagesCrawled: 0, requests: 0 }),
    linkTargets: [],
    attachments: [],
    renderedLists: { browser: 'not-needed', pages: [] },
    accessibility: { axeVersion: '4.10.0', locale: 'zh_CN', tags: [], pages: [], homepage: null, lighthouse: null, browserRestarts: 0, browserVersion: 'test' },
    probes: { timezone: 'Asia/Shanghai', days: ['2026-11-19'], from: '2026-11-18T16:00:00Z', to: '2026-11-19T16:00:00Z', probes: [] },
    ipv6: { homepage: HOME, host: 'www.x.gov.cn', dns: [], nameServers: { status: 'unknown', servers: [] }, ipv4: null, ipv6: null, levels: [], hosts: [] },
    records: {},
    tls: { homepage: HOME, httpsUrl: 'https://www.x.gov.cn/', probe: { url: 'https://www.x.gov.cn/', host: 'www.x.gov.cn', port: 443, address: null, connected: false, error: 'dns' }, httpRedirect: null, extraCas: 0 },
    cloaking: { agents: [], pages: [] },
    linkVisibility: { pages: [] },
    search: { homepage: HOME, lookedAt: [], form: null, target: null, attempt: null },
    documentMeta: { pages: [] },
    listPages: { pages: [] },
  };
}

const failedHome: PageArtifact = {
  url: HOME, finalUrl: HOME, depth: 0, status: 500, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 200, fetchedAt: NOW.toISOString(), timeMs: 5,
  isHtml: true, title: '500 Internal Server Error', meta: {}, text: '500 Internal Server Error', html: '<title>500 Internal Server Error</title>', links: [],
};
const failedTarget: LinkTarget = { url: HOME, internal: true, onHomepage: true, foundOn: [], tags: ['a'], status: 500, finalUrl: HOME } as unknown as LinkTarget;

/** The homepage answers HTTP 500; the browser, the probes and every other gatherer got nothing from it. */
function failedSite(): SiteArtifacts {
  const a = emptySite();
  return {
    ...a,
    pages: [failedHome],
    crawl: crawl({ pagesCrawled: 1 }),
    linkTargets: [failedTarget],
    accessibility: { ...a.accessibility!, pages: [{ url: HOME, kind: 'homepage', status: 500, violations: [], incomplete: [], timeMs: 5 }] },
    probes: { ...a.probes!, days: ['2026-11-19'], probes: [{ at: '2026-11-19T02:00:00Z', ok: false, status: 500, error: null, timeMs: 5 }] },
    ipv6: { ...a.ipv6!, ipv4: { family: 4, url: HOME, finalUrl: HOME, status: 500, timeMs: 5, tls: null, title: null, text: null } },
    search: { ...a.search!, lookedAt: [HOME], skipped: '首页无法访问' },
  };
}

const notMeasuredEverywhere = Object.fromEntries(allChecks.map((c) => [c.id, 'not-measured']));
const statuses = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.id, r.status]));
/** Every not-measured result says why in Chinese; every failed one has a finding that is not for review. */
const unexplained = (results: CheckResult[]) =>
  results.filter((r) => (r.status === 'not-measured' && !/\p{Script=Han}/u.test(r.reason ?? '')) || (r.status === 'failed' && !r.findings.some((f) => !f.review))).map((r) => r.id);

describe('no check passes on what it could not see', () => {
  it('an empty site (nothing crawled, probed or rendered): every check not measured, with a Chinese reason', () => {
    const results = runChecks(allChecks, emptySite(), ctx);
    expect(statuses(results)).toEqual(notMeasuredEverywhere);
    expect(unexplained(results)).toEqual([]);
  });

  it('a site whose homepage answers HTTP 500: the links check fails on it, every other check is not measured', () => {
    const results = runChecks(allChecks, failedSite(), ctx);
    expect(statuses(results)).toEqual({ ...notMeasuredEverywhere, links: 'failed' });
    expect(results.find((r) => r.id === 'links')!.findings.map((f) => [f.code, f.url])).toEqual([['link.broken', HOME]]);
    expect(unexplained(results)).toEqual([]);
  });

  it('page checks give the homepage\'s failure as the reason, not a generic one', () => {
    const results = runChecks(allChecks, failedSite(), ctx);
    const reasons = Object.fromEntries(results.filter((r) => ['privacy', 'wording', 'interpretations', 'service', 'accessibility'].includes(r.id)).map((r) => [r.id, r.reason]));
    expect(Object.values(reasons).every((r) => r?.includes('500'))).toBe(true);
  });
});

describe('the one pass on nothing: a record check whose source holds no record of the period', () => {
  for (const kind of ['error-report', 'disclosure-request'] as const) {
    it(`${kind}: passed, and the coverage says the duty did not arise; without a source it is not measured`, () => {
      const check = allChecks.find((c) => c.id === `${kind}s`)!;
      const withSource = { ...emptySite(), records: { [kind]: { records: [], invalid: [], sources: ['/data/export.csv'] } } };
      const [r] = runChecks([check], withSource, ctx);
      expect([r.status, r.findings, r.coverage?.candidates, r.coverage?.judged, /本期没有/.test(r.coverage?.reason ?? '')]).toEqual(['passed', [], 0, 0, true]);
      const [none] = runChecks([check], emptySite(), ctx);
      expect([none.status, /尚未取得/.test(none.reason ?? ''), none.coverage?.reason]).toEqual(['not-measured', true, undefined]);
    });
  }
});

describe('what a page-reading check counts', () => {
  it('a page that answered 500 is seen, not judged; a gone page (404) and a file are not candidates', () => {
    const pageOf = (path: string, over: Partial<PageArtifact>): PageArtifact => ({ ...failedHome, url: `${HOME}${path}`, finalUrl: `${HOME}${path}`, depth: 1, status: 200, ...over });
    const pages = [
      pageOf('', { depth: 0, text: '首页', html: '<title>首页</title>' }),
      pageOf('a.html', { text: '正文', html: '<p>正文</p>' }),
      pageOf('down.html', { status: 500 }),
      pageOf('gone.html', { status: 404 }),
      pageOf('doc.pdf', { isHtml: false, contentType: 'application/pdf' }),
    ];
    const results = runChecks(allChecks.filter((c) => ['privacy', 'wording', 'security'].includes(c.id)), { ...emptySite(), pages, crawl: crawl({ pagesCrawled: pages.length }) }, ctx);
    expect(Object.fromEntries(results.map((r) => [r.id, r.coverage]))).toEqual({
      privacy: { candidates: 3, judged: 2, reason: '1个页面未能正常读取（服务器出错、超时或内容异常），未检查' },
      wording: { candidates: 3, judged: 2, reason: '1个页面未能正常读取（服务器出错、超时或内容异常），未检查' },
      security: { candidates: 3, judged: 2, reason: '1个页面未能正常读取（服务器出错、超时或内容异常），未检查' },
    });
  });
});

describe('interaction: a channel judged, its board unread', () => {
  it('no channel on a read homepage is a finding, not "not measured"', () => {
    const home: PageArtifact = { ...failedHome, status: 200, title: '首页', text: '首页 政务公开', html: '<title>首页</title><p>政务公开</p>' };
    const [r] = runChecks(allChecks.filter((c) => c.id === 'interaction'), { ...emptySite(), pages: [home], crawl: crawl({ pagesCrawled: 1 }) }, ctx);
    expect([r.status, r.findings.map((f) => f.code), r.coverage]).toEqual(['failed', ['interaction.no-channel'], { candidates: 1, judged: 1 }]);
  });
});
