// The IPv6, accessibility and availability sections of the HTML scorecard show what a clerk needs, escaped.
import { describe, expect, it } from 'vitest';
import { renderMetricsSection } from '../../../reports/html/sections.tsx';
import type { Scorecard } from '../../../reports/scorecard.ts';

const card = {} as Scorecard;

describe('network sections', () => {
  it('IPv6: verdict, level ratios and the failing links', () => {
    const html = renderMetricsSection('ipv6', {
      aaaa: true, reachable: true, contentMatch: true, similarity: 1, supported: false,
      secondLevel: { checked: 5, ok: 4, ratio: 0.8 }, thirdLevel: { checked: 2, ok: 1, ratio: 0.5 },
      resourceHostsWithoutAaaa: ['scjg.licheng.gov.cn'], failingLinks: ['http://jtj.licheng.gov.cn/tzgg/a.htm"><script>'],
    }, card);
    expect(html).toContain('<strong>不支持</strong>');
    expect(html).toContain('<td>二级链接</td><td class="num">5</td><td class="num">4</td><td class="num">80%</td>');
    expect(html).toContain('<td>三级链接</td><td class="num">2</td><td class="num">1</td><td class="num">50%</td>');
    expect(html).toContain('scjg.licheng.gov.cn');
    expect(html).not.toContain('<script>');
  });

  it('accessibility: counts by impact, Lighthouse score and the mode entry', () => {
    const html = renderMetricsSection('accessibility', { pagesPlanned: 6, pagesChecked: 6, violationsByImpact: { critical: 2, serious: 2, moderate: 0, minor: 0 }, needsReview: 0, lighthouseScore: 88, accessibleModeEntry: false, rulesViolated: ['image-alt'] }, card);
    expect(html).toContain('检测页面 6 / 6');
    expect(html).toContain('严重 2、较严重 2');
    expect(html).toContain('Lighthouse 无障碍得分 88');
    expect(html).toContain('无障碍/长者模式入口：否');
    expect(html).not.toContain('image-alt'); // rule ids stay in JSON; the findings name the rule in Chinese
  });

  it('availability: the week with a bar per day', () => {
    const daily = ['2026-11-13', '2026-11-14'].map((date, i) => ({ date, probes: 24, failed: i, failureRate: i / 24 }));
    const html = renderMetricsSection('availability', { windowFrom: '2026-11-13', windowTo: '2026-11-14', probes: 48, failed: 1, failureRate: 1 / 48, minProbesPerDay: 20, daily }, card);
    expect(html).toContain('监测 48 次，失败 1 次，失败率 2.1%');
    expect(html.match(/<rect /g)).toHaveLength(2);
  });
});
