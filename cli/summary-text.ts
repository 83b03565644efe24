// The audit summary printed at the end of `govaudit audit`: in Chinese, the audit clock in the district's time
// zone, each site's verdict as the scorecard reads it (pending vetoes spelled out), warnings and reports due soon.
import type { RunSummary } from '../scheduler/audit.ts';
import { formatDateTime, timeText } from '../reports/vocabulary.ts';
import { dueSoonLine } from '../imports/due-soon.ts';

/** Display width of a string in a terminal (CJK characters take two columns). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

export function verdictLine(s: Pick<RunSummary['sites'][number], 'verdict' | 'pendingVetoes'>): string {
  if (!s.verdict) return '检查失败';
  return s.verdict === '合格' && s.pendingVetoes ? `合格（待复核：${s.pendingVetoes} 项疑似单项否决，确认即不合格）` : s.verdict;
}

export function formatAuditSummary(summary: RunSummary, opts: { timezone: string; demo?: boolean; reports: string }): string {
  const lines: string[] = [''];
  lines.push(`${summary.district}${opts.demo ? '（演示区）' : ''} — 检查时点 ${formatDateTime(summary.asOf, opts.timezone)}（${opts.timezone}）`);
  const idWidth = Math.max(8, ...summary.sites.map((s) => width(s.siteId)));
  for (const s of summary.sites) {
    lines.push(
      // the verdict last: a pending veto spells itself out, and the figures before it stay in their columns
      `  ${padEnd(s.siteId, idWidth)} ${padStart(String(s.score ?? '-'), 5)} 分  ${padStart(String(s.pages), 4)} 个页面  ${padStart(String(s.links), 4)} 个链接  ${padStart(String(s.findings), 3)} 个问题  ${verdictLine(s)}${s.error ? `（${s.error}）` : ''}`,
    );
  }
  for (const w of summary.warnings) lines.push(`  提醒：${w}`);
  for (const d of summary.dueSoon) lines.push(`  ${dueSoonLine(d, (t) => timeText(t, opts.timezone))}`);
  lines.push(`报告：${opts.reports}/run.json，${opts.reports}/scorecards/<网站编号>.html|.json|.csv，${opts.reports}/units/<单位>.html`);
  return lines.join('\n') + '\n';
}
