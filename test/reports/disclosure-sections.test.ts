// The scorecard sections of the disclosure checks: what a clerk reads (coverage, each item, requests due soon), escaped.
import { describe, expect, it } from 'vitest';
import { renderMetricsSection } from '../../reports/html/sections.tsx';
import type { Scorecard } from '../../reports/scorecard.ts';

const card = {} as Scorecard;

describe('disclosure scorecard sections', () => {
  it('lists each catalogue item with its state, page and date, and the coverage', () => {
    const html = renderMetricsSection('disclosure', {
      role: 'department', judgedOn: '2026-11-20', required: 2, present: 1, late: 1, missing: 1, coverage: 0.5,
      items: [
        { id: 'a', name: '政府信息公开工作年度报告（部门）', due: '2026-01-31', year: 2025, state: 'late', url: 'http://x.gov.cn/a.htm', title: '<script>报告</script>', date: '2026-02-10' },
        { id: 'b', name: '权责清单', due: 'standing', year: null, state: 'missing', url: null, title: null, date: null },
      ],
    }, card);
    expect(html).toContain('主体类型：部门；应公开 2 项，已公开 1 项（其中逾期 1 项），未找到 1 项；覆盖率 50%');
    expect(html).toContain('<td>2025年度</td><td>2026年1月31日</td><td>逾期公开</td><td><a href="http://x.gov.cn/a.htm" rel="noopener noreferrer">&lt;script&gt;报告&lt;/script&gt;</a></td><td>2026年2月10日</td>');
    expect(html).toContain('<td>权责清单</td><td>常设</td><td>—</td><td>未找到</td><td>—</td><td>—</td>');
    expect(html).not.toContain('<script>');
  });

  it('summarises request timeliness and lists the requests due soon', () => {
    const html = renderMetricsSection('disclosure-requests', {
      deadlineWorkdays: 20, extensionWorkdays: 20, total: 3, onTime: 1, overdue: 1, unanswered: 0, dueSoon: 1, notYetDue: 0, notMeasured: 0, extended: 1, extensionsIgnored: 0, timelinessRate: 0.5,
      dueSoonRequests: [{ requestId: 'Q1', received: '2026-10-26T09:00:00+08:00', deadline: '2026-11-23T23:59:59.999+08:00', workdaysLeft: 1, extended: false }],
      notMeasuredRequests: [],
    }, card);
    expect(html).toContain('依申请公开 3 件：按时答复 1，超期答复 1，逾期未答复 0，即将到期 1');
    expect(html).toContain('按时答复率 50%');
    expect(html).toContain('<tr><td>Q1</td><td>2026-10-26 09:00</td><td>2026年11月23日（当日24时前）</td><td>1 个工作日</td><td>—</td></tr>');
  });

  it('shows nothing for a check that was not measured', () => {
    expect(renderMetricsSection('disclosure', { role: null, unit: 'u', required: 0 }, card)).toBe('');
  });
});
