// The disclosure-catalogue check on hand-made crawls (no network, pinned clock): items present, missing and late
// around their due dates, role filtering, config add/remove, `where`, broken links, a crawl cut short.
import { describe, expect, it } from 'vitest';
import type { SiteArtifacts } from '../../checks/types.ts';
import type { CrawlSummary, LinkRef, LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import { disclosure, type ItemStatus } from '../../checks/disclosure.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import { createCalendar } from '../../calendar/workdays.ts';

const H = 'http://jyj.example.gov.cn';
const demoNow = new Date('2026-11-20T10:00:00+08:00');

function page(path: string, title: string, opts: { date?: string; links?: LinkRef[]; status?: number; listItems?: PageArtifact['listItems'] } = {}): PageArtifact {
  return {
    url: `${H}${path}`, finalUrl: `${H}${path}`, depth: 1, status: opts.status ?? 200, redirects: [], contentType: 'text/html', charset: 'utf-8',
    bytes: 100, fetchedAt: '', timeMs: 1, isHtml: true, title, meta: opts.date ? { pubdate: opts.date } : {}, links: opts.links ?? [], text: title,
    ...(opts.listItems ? { listItems: opts.listItems } : {}),
  };
}
const a = (path: string, text: string): LinkRef => ({ url: path.startsWith('http') ? path : `${H}${path}`, tag: 'a', text });
const crawl = (extra: Partial<CrawlSummary> = {}): CrawlSummary => ({
  homepage: `${H}/`, pagesCrawled: 5, truncated: false, maxPages: 60, maxDepth: 10, robotsRespected: true, robotsDisallowed: [], trapsSkipped: [], requests: 9, startedAt: '', finishedAt: '', ...extra,
});

type SiteInput = Record<string, unknown>;
function run(pages: PageArtifact[], opts: { site?: SiteInput; district?: SiteInput; now?: Date; crawl?: Partial<CrawlSummary>; targets?: LinkTarget[] } = {}) {
  const site = { id: 'edu', name: '教育局', unit: '区教育局', homepage: `${H}/`, disclosure: { role: 'department' }, ...opts.site };
  const config = parseConfig({ district: '测试区', sites: [site], ...(opts.district ? { disclosure: opts.district } : {}) }, '/tmp/d.json');
  const artifacts: SiteArtifacts = { site: config.sites[0], unavailable: {}, pages, crawl: crawl(opts.crawl), linkTargets: opts.targets ?? [] };
  const r = runChecks([disclosure], artifacts, { now: opts.now ?? demoNow, timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: createCalendar() })[0];
  const items = ((r.metrics?.items ?? []) as ItemStatus[]);
  return { ...r, items, state: (id: string) => items.find((i) => i.id === id)?.state };
}
const codes = (r: ReturnType<typeof run>) => r.findings.map((f) => `${f.code} ${f.evidence.itemId}${f.review ? ' review' : ''}`).sort();

/** A department site carrying every default department item except those named. */
function departmentSite(except: string[] = [], annualReportDate = '2026-01-20'): PageArtifact[] {
  const all: [string, PageArtifact][] = [
    ['annual-report-department', page('/xxgk/ndbg/t20260120_1.htm', '区教育局2025年政府信息公开工作年度报告', { date: annualReportDate })],
    ['disclosure-guide', page('/xxgk/gkzn/', '区教育局政府信息公开指南')],
    ['responsibility-list', page('/xxgk/qzqd/', '区教育局权责清单')],
    ['proposal-replies', page('/xxgk/jytabl/t1.htm', '关于区政协十届五次会议第12号提案的答复', { date: '2026-07-01' })],
    ['random-inspection-list', page('/xxgk/sjs/qd.htm', '区教育局随机抽查事项清单')],
    ['random-inspection-results', page('/xxgk/sjs/jg.htm', '2026年民办学校随机抽查结果公示', { date: '2026-06-01' })],
    ['budget', page('/xxgk/czys/ys.htm', '区教育局2026年部门预算', { date: '2026-03-10' })],
    ['final-accounts', page('/xxgk/czys/js.htm', '区教育局2025年部门决算', { date: '2026-08-20' })],
    ['key-area-list', page('/xxgk/zdly/', '区教育局重点领域政务公开清单')],
  ];
  return [page('/', '区教育局'), ...all.filter(([id]) => !except.includes(id)).map(([, p]) => p)];
}

describe('disclosure catalogue: the shipped default for a department', () => {
  it('passes a site that carries every item, with full coverage and the report judged for 2025', () => {
    const r = run(departmentSite());
    expect(r.status).toBe('passed');
    expect(r.findings).toEqual([]);
    expect(r.metrics).toMatchObject({ role: 'department', required: 9, present: 9, missing: 0, late: 0, coverage: 1, judgedOn: '2026-11-20' });
    expect(r.items.find((i) => i.id === 'annual-report-department')).toMatchObject({
      year: 2025, due: '2026-01-31', state: 'present', date: '2026-01-20', url: `${H}/xxgk/ndbg/t20260120_1.htm`, next: { year: 2026, due: '2027-01-31', url: null },
    });
    expect(r.items.map((i) => i.id)).not.toContain('annual-report-government');
    expect(r.items.map((i) => i.id)).not.toContain('public-institutions');
  });

  it('reports a missing item at the homepage, naming it and its source', () => {
    const r = run(departmentSite(['responsibility-list', 'random-inspection-results']));
    expect(codes(r)).toEqual(['disclosure.missing random-inspection-results', 'disclosure.missing responsibility-list']);
    const f = r.findings.find((x) => x.evidence.itemId === 'responsibility-list')!;
    expect(f).toMatchObject({ severity: 'major', url: `${H}/`, message: '未找到应主动公开的“权责清单”' });
    expect(f.evidence.source).toMatch(/通知第3项/);
    expect(r.metrics).toMatchObject({ required: 9, present: 7, missing: 2, coverage: 0.7778 });
  });

  it('judges the annual report against 31 January: on the day is on time, the day after is late', () => {
    expect(run(departmentSite([], '2026-01-31')).findings).toEqual([]);
    const r = run(departmentSite([], '2026-02-01'));
    expect(codes(r)).toEqual(['disclosure.late annual-report-department']);
    expect(r.findings[0]).toMatchObject({
      severity: 'minor', url: `${H}/xxgk/ndbg/t20260120_1.htm`,
      message: '2025年度“政府信息公开工作年度报告（部门）”于2026-02-01公开，晚于规定期限2026-01-31（逾期1天）',
      evidence: { year: 2025, due: '2026-01-31', date: '2026-02-01', daysLate: 1 },
    });
  });

  it('asks for the previous year until the due date has passed', () => {
    // On 31 January 2026 the 2025 report is not yet late: the 2024 one is judged, and only a 2025 report is on the site.
    const on = run(departmentSite(), { now: new Date('2026-01-31T23:00:00+08:00') });
    expect(codes(on)).toEqual(['disclosure.missing annual-report-department']);
    expect(on.findings[0].message).toBe('未找到2024年度“政府信息公开工作年度报告（部门）”，应于2025-01-31前公开');
    // From 1 February the 2025 report is required, and there it is.
    expect(run(departmentSite(), { now: new Date('2026-02-01T00:00:00+08:00') }).findings).toEqual([]);
  });

  it('does not take another year\'s report for the judged one', () => {
    const pages = departmentSite(['annual-report-department']);
    pages.push(page('/xxgk/ndbg/t20250115_1.htm', '区教育局2024年政府信息公开工作年度报告', { date: '2025-01-15' }));
    expect(codes(run(pages))).toEqual(['disclosure.missing annual-report-department']);
  });

  it('finds an item linked from a list (a PDF) with the date printed beside it, and counts a broken link as missing', () => {
    const pages = departmentSite(['annual-report-department', 'budget']);
    const list = page('/xxgk/', '信息公开', {
      links: [a('/xxgk/ndbg/report2025.pdf', '2025年度政府信息公开工作年度报告'), a('/xxgk/czys/ys2026.pdf', '2026年部门预算')],
      listItems: [{ title: '2025年度政府信息公开工作年度报告', url: `${H}/xxgk/ndbg/report2025.pdf`, date: '2026-01-25' }],
    });
    const targets: LinkTarget[] = [
      { url: `${H}/xxgk/ndbg/report2025.pdf`, internal: true, method: 'HEAD', status: 200, redirects: 0, foundOn: [list.url], onHomepage: false, tags: ['a'] },
      { url: `${H}/xxgk/czys/ys2026.pdf`, internal: true, method: 'HEAD', status: 404, redirects: 0, foundOn: [list.url], onHomepage: false, tags: ['a'] },
    ];
    const r = run([...pages, list], { targets });
    expect(codes(r)).toEqual(['disclosure.missing budget']);
    expect(r.findings[0].message).toBe('未找到应主动公开的“预算”；有1个同名链接无法打开');
    expect(r.findings[0].evidence).toMatchObject({ brokenLinks: [`${H}/xxgk/czys/ys2026.pdf`], brokenLinkStatus: [404] });
    expect(r.items.find((i) => i.id === 'annual-report-department')).toMatchObject({ state: 'present', date: '2026-01-25', url: `${H}/xxgk/ndbg/report2025.pdf` });
  });

  it('marks missing items for review when the crawl stopped at maxPages', () => {
    const r = run(departmentSite(['key-area-list']), { crawl: { truncated: true, pagesCrawled: 60 } });
    expect(codes(r)).toEqual(['disclosure.missing key-area-list review']);
    expect(r.status).toBe('passed');
    expect(r.findings[0].message).toContain('抓取达到页数上限');
  });

  it('ignores an error page whose title would match', () => {
    const pages = departmentSite(['key-area-list']);
    pages.push(page('/xxgk/zdly/old.htm', '重点领域政务公开清单', { status: 404 }));
    expect(codes(run(pages))).toEqual(['disclosure.missing key-area-list']);
  });
});

describe('disclosure catalogue: roles and config', () => {
  it('holds the district government to 31 March and a sector department to items 37–38', () => {
    const gov = run([page('/', '区政府'), page('/a.htm', '鲤城区2025年政府信息公开工作年度报告', { date: '2026-03-31' })], { site: { disclosure: { role: 'government' } } });
    expect(gov.state('annual-report-government')).toBe('present');
    expect(gov.items.map((i) => i.id)).toEqual(['annual-report-government', 'disclosure-guide', 'responsibility-list', 'proposal-replies', 'budget', 'final-accounts', 'key-area-list']);
    const sector = run(departmentSite(), { site: { disclosure: { role: 'sector-department' } } });
    expect(codes(sector)).toEqual(['disclosure.missing public-institutions']);
  });

  it('is not measured for a site without a role when every item is role-bound', () => {
    const r = run(departmentSite(), { site: { disclosure: {} } });
    expect(r.status).toBe('not-measured');
    expect(r.reason).toMatch(/disclosure\.role/);
  });

  it('applies a district catalogue, additions that replace by id, removals, and a site item with `where`', () => {
    const district = {
      catalogue: [
        { id: 'guide', name: '公开指南', titlePattern: '公开指南', due: 'standing' },
        { id: 'plan', name: '年度工作要点', titlePattern: '{year}年政务公开工作要点', due: '03-01', roles: ['government'] },
      ],
      add: [{ id: 'guide', name: '政府信息公开指南', titlePattern: '政府信息公开指南', due: 'standing' }],
    };
    const site = { disclosure: { role: 'department', add: [{ id: 'law', name: '法治政府建设年度报告', titlePattern: '{year}年.{0,20}法治政府建设.{0,10}报告', due: '04-01', where: `${H}/xxgk/fzzf/` }] } };
    const pages = [page('/', '首页'), page('/xxgk/gkzn/', '政府信息公开指南'), page('/news/t1.htm', '区教育局2025年法治政府建设年度报告', { date: '2026-03-20' })];
    const r = run(pages, { district, site });
    expect(r.items.map((i) => [i.id, i.state])).toEqual([['guide', 'present'], ['law', 'missing']]);
    expect(r.findings[0]).toMatchObject({ url: `${H}/xxgk/fzzf/`, review: true, evidence: { itemId: 'law', year: 2025, due: '2026-04-01', where: `${H}/xxgk/fzzf/` } });
    expect(r.findings[0].message).toBe(`未找到2025年度“法治政府建设年度报告”，应于2026-04-01前公开（应发布在栏目 ${H}/xxgk/fzzf/）；未抓取到指定栏目，需人工确认`);

    const inColumn = [...pages, page('/xxgk/fzzf/', '法治政府建设'), page('/xxgk/fzzf/t2.htm', '区教育局2025年法治政府建设年度报告', { date: '2026-03-20' })];
    expect(run(inColumn, { district, site }).findings).toEqual([]);
    const removed = run(pages, { district, site: { disclosure: { role: 'department', remove: ['guide'] } } });
    expect(removed.status).toBe('not-measured');
    expect(removed.reason).toBe('按配置本站没有适用的主动公开目录事项');
  });

  it('is not measured when the homepage could not be crawled', () => {
    const r = run([], { crawl: { fatal: 'dns', pagesCrawled: 0 } });
    expect(r.status).toBe('not-measured');
    expect(r.reason).toContain('dns');
  });
});
