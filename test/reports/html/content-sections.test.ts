// The content checks' scorecard sections: a clerk reads each column's newest date and age and the veto counts,
// the interpretation coverage with the missing and late documents, the identity marks, and the privacy scan; all
// crawled text is escaped and odd stored metrics do not break the page.
import { describe, expect, it } from 'vitest';
import { renderMetricsSection } from '../../../reports/html/sections.tsx';
import type { Scorecard } from '../../../reports/scorecard.ts';

const card = {} as Scorecard;

describe('content sections of the HTML scorecard', () => {
  it('shows each column with its newest date, age, limit and status, and the veto counts', () => {
    const html = renderMetricsSection('freshness', {
      homepage: { newest: '2026-11-17', daysSince: 3, limit: '2w' },
      columns: [{ name: '人事<信息>', kind: 'personnel', url: 'http://x/rsxx/', status: 'stale', items: 2, newest: '2025-09-15', daysSince: 431, limit: '1y' }],
      vetoCounts: { staleNewsNoticePolicy: 0, staleAll: 1, empty: 1 },
    }, card);
    expect(html).toContain('首页最新信息：2026年11月17日（距今 3 天，时限 2周）');
    expect(html).toContain('<td>人事&lt;信息&gt;</td><td>人事信息</td><td>2025年9月15日</td><td class="num">431</td><td>1年</td><td>未及时更新</td>');
    expect(html).toContain('各类未更新 1 个（≥10 否决），空白栏目 1 个');
  });

  it('shows interpretation coverage and lists missing and late documents with date and 文号', () => {
    const html = renderMetricsSection('interpretations', {
      needingInterpretation: 5, interpreted: 4, coverage: 0.8, pairedBy: { link: 1, 'document-number': 1, title: 2 },
      missing: [{ title: '关于<b>的决定', url: 'http://x/a.htm', date: '2026-11-09', docNo: '泉鲤海〔2026〕20号' }],
      late: [{ title: '方案', url: 'http://x/b.htm', date: '2026-08-03', docNo: null, interpretationUrl: 'javascript:alert(1)', interpretationDate: '2026-08-10', workdays: 5 }],
      pending: [{ title: '新文件', url: 'http://x/c.htm', date: '2026-11-19', docNo: null, deadline: '2026-11-24' }],
    }, card);
    expect(html).toContain('1 件尚在解读发布时限内');
    expect(html).toContain('解读覆盖率 80%');
    expect(html).toContain('相同文号 1 件');
    expect(html).toContain('关于&lt;b&gt;的决定</a></td><td>2026年11月9日</td><td>泉鲤海〔2026〕20号</td>');
    expect(html).toContain('<a href="#"');
    expect(html).not.toContain('javascript:');
  });

  it('shows the identity marks and the privacy scan, and survives malformed metrics', () => {
    const id = renderMetricsSection('identity', { sampledPages: ['a', 'b'], marks: { icp: { homepage: true, innerMissing: 0 }, 'police-record': { homepage: false, innerMissing: 2 } } }, card);
    expect(id).toContain('<td>公安机关备案标识</td><td>缺少</td><td class="num">2 / 2</td>');
    const pr = renderMetricsSection('privacy', { pagesScanned: 26, attachmentsFound: 4, attachmentsScanned: 3, hits: { 'id-number': 6 }, attachmentsNotMeasured: [{ url: 'http://x/a.doc', reason: 'legacy .doc' }] }, card);
    expect(pr).toContain('检查页面 26 个，附件 3 / 4 个；发现未遮盖的身份证号 6 个');
    expect(pr).not.toContain('legacy');
    for (const check of ['freshness', 'interpretations', 'identity', 'privacy']) expect(() => renderMetricsSection(check, { columns: 'x', missing: 7, marks: null }, card)).not.toThrow();
  });
});
