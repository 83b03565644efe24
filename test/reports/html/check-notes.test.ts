// The 检查项 table on a scorecard: a not-measured check shows its reason in plain Chinese and still the problem count
// where it has problems; a check that judged only part of what it saw says how much.
import { describe, expect, it } from 'vitest';
import { scorecardSchema, type Scorecard } from '../../../reports/scorecard.ts';
import { renderScorecardMain } from '../../../reports/html/scorecard.tsx';

const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function card(checks: Scorecard['checks'], findings: Partial<Scorecard['findings'][number]>[] = []): Scorecard {
  return scorecardSchema.parse({
    schemaVersion: 1, runId: 'r1', siteId: 's', siteName: '测试网站', unit: '测试单位', homepage: 'http://www.x.gov.cn/', auditedAt: '2026-11-20T02:00:00Z',
    score: 100, verdict: '合格', vetoes: [], indicators: [], checks, metrics: {}, warnings: [], fixed: [],
    findings: findings.map((f, i) => ({ check: 'freshness', code: 'freshness.column-stale', severity: 'major', siteId: 's', url: 'http://www.x.gov.cn/gzdt/', message: `问题${i}`, evidence: {}, identity: `id${i}`, firstSeen: '2026-11-20', state: 'new', indicators: ['column-stale'], ...f })),
  });
}

function row(html: string, id: string): string {
  const m = new RegExp(`<tr data-check="${id}">([\\s\\S]*?)</tr>`).exec(html);
  return m ? text(m[1]).trim() : '';
}

describe('check notes', () => {
  it('not measured: the reason, and the count of findings for review', () => {
    const reason = '首页和1个栏目均未读出带发布日期的信息条目，无法判断更新情况';
    const html = renderScorecardMain(card([{ id: 'freshness', title: '内容更新', status: 'not-measured', reason, findings: 2, coverage: { candidates: 2, judged: 0, reason } }], [{ review: true }, { review: true }]));
    expect(row(html, 'freshness')).toBe(`内容更新 未检测 ${reason} 待复核 2 个，确认后计分`);
  });

  it('partly judged: the problem count and how much could be judged', () => {
    const html = renderScorecardMain(card([{ id: 'freshness', title: '内容更新', status: 'failed', findings: 1, coverage: { candidates: 3, judged: 2, reason: '1处未读出带发布日期的信息条目' } }], [{}]));
    expect(row(html, 'freshness')).toBe('内容更新 未通过 计分问题 1 个 发现 3 项，可判断 2 项（1处未读出带发布日期的信息条目）');
  });

  it('judged all it saw: as before', () => {
    const html = renderScorecardMain(card([{ id: 'freshness', title: '内容更新', status: 'passed', findings: 0, coverage: { candidates: 3, judged: 3 } }]));
    expect(row(html, 'freshness')).toBe('内容更新 通过');
  });
});
