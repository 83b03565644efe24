// No silent pass: a check that saw candidates but judged none is not-measured with a Chinese reason and its findings
// are for review; a check that judged some says how many. The runner's rule on a bare check, then on each check that
// counts candidates (interpretations: policy documents; freshness: the homepage and the columns).
import { describe, expect, it } from 'vitest';
import type { Check } from '../../checks/types.ts';
import type { Finding } from '../../contract/finding.ts';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { runChecks } from '../../checks/runner.ts';
import { interpretations } from '../../checks/interpretations.ts';
import { freshness } from '../../checks/freshness.ts';
import { disclosure } from '../../checks/disclosure.ts';
import { items, page, setup } from './content/support.ts';

const finding = (review?: true): Finding => ({ check: 'probe', code: 'probe.x', severity: 'major', siteId: 's', url: 'http://www.x.gov.cn/', message: 'x', evidence: {}, ...(review ? { review } : {}) });
const probe = (out: ReturnType<Check['run']>): Check => ({ id: 'probe', title: '探针', requires: [], run: () => out });

describe('the runner: passed means the check saw what it needs', () => {
  const { ctx, artifacts } = setup();
  const run = (out: ReturnType<Check['run']>) => runChecks([probe(out)], artifacts([]), ctx)[0];

  it('saw candidates, judged none, found nothing → not measured with the reason', () => {
    expect(run({ findings: [], coverage: { candidates: 3, judged: 0, reason: '3篇均未读出文号' } })).toEqual({
      id: 'probe', title: '探针', status: 'not-measured', reason: '3篇均未读出文号', findings: [], coverage: { candidates: 3, judged: 0, reason: '3篇均未读出文号' }, metrics: undefined, warnings: undefined,
    });
    expect(run({ findings: [], coverage: { candidates: 2, judged: 0 } })).toMatchObject({ status: 'not-measured', reason: '发现2项待检对象，但均无法判断，未检测' });
  });

  it('saw candidates, judged none, but gave findings → not measured, every finding for review with the reason', () => {
    const r = run({ findings: [finding(), finding(true)], coverage: { candidates: 2, judged: 0, reason: '均无日期' } });
    expect([r.status, r.reason, r.findings.map((f) => [f.review, f.evidence.reviewReason])]).toEqual(['not-measured', '均无日期', [[true, '均无日期'], [true, undefined]]]);
  });

  it('judged some or saw nothing: the status follows the findings, the coverage is kept', () => {
    expect(run({ findings: [], coverage: { candidates: 3, judged: 1, reason: 'r' } })).toMatchObject({ status: 'passed', coverage: { candidates: 3, judged: 1 } });
    expect(run({ findings: [finding()], coverage: { candidates: 3, judged: 1 } })).toMatchObject({ status: 'failed' });
    expect(run({ findings: [], coverage: { candidates: 0, judged: 0 } })).toMatchObject({ status: 'passed' });
  });
});

describe('interpretations: policy documents without a readable 文号', () => {
  const columns = [{ name: '政策文件', url: 'http://www.x.gov.cn/zcwj/', kind: 'policy' as const }];
  const doc = (path: string, title: string, text: string) => page(path, { title, meta: { articletitle: title, pubdate: '2026-10-09' }, text });

  it('is not measured when no listed document states a 文号 it can read (the silent pass of issue 17)', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const pages = [
      page('/'),
      page('/zcwj/', { listItems: items(['关于印发甲管理办法的通知', '/zcwj/1.htm', '2026-10-09'], ['关于印发乙实施方案的通知', '/zcwj/2.htm', '2026-10-08']) }),
      doc('/zcwj/1.htm', '关于印发甲管理办法的通知', '发布日期：2026-10-09 正文'),
      doc('/zcwj/2.htm', '关于印发乙实施方案的通知', '发布日期：2026-10-08 正文'),
    ];
    const r = runChecks([interpretations], artifacts(pages), ctx)[0];
    expect([r.status, r.reason, r.findings, r.coverage]).toEqual(['not-measured', '2篇政策文件未读出文号（页面和列表中均未找到“文号/发文字号”），无法判断是否需要解读', [], { candidates: 2, judged: 0, reason: '2篇政策文件未读出文号（页面和列表中均未找到“文号/发文字号”），无法判断是否需要解读' }]);
  });

  it('judges the documents whose 文号 it read and says how many it could not', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const pages = [
      page('/'),
      page('/zcwj/', { listItems: items(['关于印发甲管理办法的通知', '/zcwj/1.htm', '2026-10-09'], ['关于印发乙实施方案的通知', '/zcwj/2.htm', '2026-10-08']) }),
      doc('/zcwj/1.htm', '关于印发甲管理办法的通知', '文号：测政〔2026〕1号 发布日期：2026-10-09'),
      doc('/zcwj/2.htm', '关于印发乙实施方案的通知', '发布日期：2026-10-08 正文'),
    ];
    const r = runChecks([interpretations], artifacts(pages), ctx)[0];
    expect([r.status, r.findings.map((f) => [f.code, f.url, f.review ?? false]), r.coverage]).toEqual([
      'failed', [['interpretation.missing', 'http://www.x.gov.cn/zcwj/1.htm', false]], { candidates: 2, judged: 1, reason: '1篇政策文件未读出文号（页面和列表中均未找到“文号/发文字号”），无法判断是否需要解读' },
    ]);
  });
});

describe('freshness: nothing dated anywhere', () => {
  it('is not measured, and its findings (undated homepage, undated column) are for review', () => {
    const columns = [{ name: '工作动态', url: 'http://www.x.gov.cn/gzdt/', kind: 'news' as const }];
    const { ctx, artifacts } = setup({ site: { columns } });
    const pages = [page('/', { links: [['/gzdt/', '工作动态']] }), page('/gzdt/', { listItems: items(['甲', '/gzdt/1.htm', null], ['乙', '/gzdt/2.htm', null]) })];
    const r = runChecks([freshness], artifacts(pages), ctx)[0];
    expect([r.status, r.reason, r.findings.map((f) => [f.code, f.url, f.review ?? false]), r.coverage]).toEqual([
      'not-measured', '首页和1个栏目均未读出带发布日期的信息条目，无法判断更新情况',
      [['freshness.column-stale', 'http://www.x.gov.cn/gzdt/', true], ['freshness.homepage-stale', 'http://www.x.gov.cn/', true]],
      { candidates: 2, judged: 0, reason: '首页和1个栏目均未读出带发布日期的信息条目，无法判断更新情况' },
    ]);
  });
});

describe('disclosure: catalogue items found without a date', () => {
  it('counts a dated item as judged and an undated one with a due date as seen only; all undated → not measured', () => {
    const H = 'http://jyj.example.gov.cn';
    const pg = (path: string, title: string, date?: string): PageArtifact => ({
      url: `${H}${path}`, finalUrl: `${H}${path}`, depth: 1, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8',
      bytes: 1, fetchedAt: '', timeMs: 1, isHtml: true, title, meta: (date ? { pubdate: date } : {}) as Record<string, string>, links: [], text: title,
    });
    const catalogue = { remove: ['disclosure-guide', 'responsibility-list', 'proposal-replies', 'random-inspection-list', 'random-inspection-results', 'budget', 'final-accounts', 'key-area-list'] };
    const run = (pages: PageArtifact[]) => {
      const { ctx, artifacts, site } = setup({ site: { homepage: `${H}/`, disclosure: { role: 'department' } }, district: { disclosure: catalogue } as never });
      return runChecks([disclosure], { ...artifacts([]), site, pages, crawl: { homepage: `${H}/`, pagesCrawled: pages.length, truncated: false, maxPages: 60, maxDepth: 10, robotsRespected: true, robotsDisallowed: [], trapsSkipped: [], requests: 1, startedAt: '', finishedAt: '' } }, { ...ctx, site })[0];
    };
    const dated = run([pg('/', '首页'), pg('/ndbg/1.htm', '区教育局2025年政府信息公开工作年度报告', '2026-01-20')]);
    expect([dated.status, dated.coverage]).toEqual(['passed', { candidates: 1, judged: 1 }]);
    const undated = run([pg('/', '首页'), pg('/ndbg/1.htm', '区教育局2025年政府信息公开工作年度报告')]);
    expect([undated.status, undated.reason, undated.findings]).toEqual(['not-measured', '1项公开事项已找到但未读出发布日期，无法判断是否按期公开', []]);
  });
});
