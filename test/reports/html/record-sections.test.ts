// The record checks' scorecard sections: the clerk sees the timeliness counts and rate, the reports to chase today,
// the question channels with their state and the message counts; stored text is escaped, odd metrics do not break.
import { describe, expect, it } from 'vitest';
import { renderMetricsSection } from '../../../reports/html/sections.tsx';
import type { Scorecard } from '../../../reports/scorecard.ts';

const card = {} as Scorecard;

describe('record sections of the HTML scorecard', () => {
  it('shows error-report timeliness and the reports due soon', () => {
    const html = renderMetricsSection('error-reports', {
      deadlineWorkdays: 2, total: 4, onTime: 1, overdue: 0, unanswered: 1, dueSoon: 1, notYetDue: 1, notMeasured: 0, timelinessRate: 0.5,
      dueSoonReports: [{ reportId: 'LC<1>', type: '错别字', start: '2026-11-19T15:00:00+08:00', deadline: '2026-11-23T23:59:59.999+08:00', dueToday: false }],
      notMeasuredReports: [],
    }, card);
    expect(html).toContain('纠错留言 4 条：按时答复 1，超期答复 0，逾期未答复 1，即将到期 1，尚未到期 1，无法计算 0；按时办结率 50%（目标 100%，时限 2 个工作日）');
    expect(html).toContain('<td>LC&lt;1&gt;</td><td>错别字</td><td>2026-11-19 15:00</td><td>2026年11月23日（当日24时前）</td><td>下一工作日到期</td>');
    expect(html).not.toContain('无法计算时限');
  });

  it('shows the channels and message counts, and survives odd stored metrics', () => {
    const html = renderMetricsSection('interaction', {
      channels: [{ url: 'javascript:alert(1)', name: '互动<交流>', source: 'link', internal: true, state: 'working' }],
      boardPages: 6, messages: { found: 5, invalid: 1, outsidePeriod: 1, inPeriod: 3, answered: 1, open: 2, overLimit: 1 }, medianReplyWorkdays: 2,
    }, card);
    expect(html).toContain('<td>互动&lt;交流&gt;</td>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<td>首页链接</td><td>本站</td><td>正常</td>');
    expect(html).toContain('统计期内 3 条：已回复 1，未回复 2，超过时限未回应 1；回复用时中位数 2 个工作日');
    expect(renderMetricsSection('interaction', { channels: 'x', messages: null }, card)).toContain('未发现互动渠道');
    expect(renderMetricsSection('error-reports', 'garbage', card)).toBe('');
  });
});
