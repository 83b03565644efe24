// The audit summary the CLI prints: Chinese, the audit clock in the district's time zone (not UTC), pending vetoes
// spelled out as on the scorecard, due-soon reports with local deadlines.
import { describe, expect, it } from 'vitest';
import { formatAuditSummary } from '../../cli/summary-text.ts';
import type { RunSummary } from '../../scheduler/audit.ts';

const site = (siteId: string, score: number | null, verdict: string | null, pendingVetoes = 0, error?: string): RunSummary['sites'][number] => ({
  siteId, name: siteId, unit: 'u', homepage: 'http://x/', score, verdict, pages: 8, links: 20, findings: 10, pendingVetoes, byCode: {}, checks: {}, ...(error ? { error } : {}),
});

describe('audit summary', () => {
  it('reads in Chinese with local times', () => {
    const summary: RunSummary = {
      runId: 'r', district: '鲤城区', asOf: '2026-11-20T02:00:00.000Z', startedAt: '', finishedAt: '', state: 'done', warnings: [],
      dueSoon: [{ siteId: 'market', kind: 'error-report', label: '纠错留言', recordId: 'LC2026-1118', state: 'due-today', deadline: '2026-11-20T23:59:59.999+08:00', asOf: '2026-11-20T02:00:00.000Z' } as RunSummary['dueSoon'][number]],
      sites: [site('hacked', 87, '合格', 6), site('kaiyuan', 90, '不合格'), site('gone', null, null, 0, 'dns')],
    };
    const text = formatAuditSummary(summary, { timezone: 'Asia/Shanghai', demo: true, reports: 'out' });
    expect(text.split('\n').slice(1, 6)).toEqual([
      '鲤城区（演示区） — 检查时点 2026-11-20 10:00（Asia/Shanghai）',
      '  hacked      87 分     8 个页面    20 个链接   10 个问题  合格（待复核：6 项疑似单项否决，确认即不合格）',
      '  kaiyuan     90 分     8 个页面    20 个链接   10 个问题  不合格',
      '  gone         - 分     8 个页面    20 个链接   10 个问题  检查失败（dns）',
      '  今天到期：market 纠错留言 LC2026-1118，须于 2026年11月20日（当日24时前）答复',
    ]);
    expect(text).not.toContain('T02:00');
  });
});
