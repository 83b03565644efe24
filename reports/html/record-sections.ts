// Scorecard sections of the error-report and message-board checks: timeliness counts and rate with the reports due
// soon (to chase today) and those not measured, and the question channels with the message counts and median reply
// time. Metrics come from stored JSON, so every field is read defensively; every value is escaped.
import type { ScorecardSection } from './section.ts';
import { esc, safeHref } from './escape.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '0');
const cell = (v: unknown): string => `<td>${v === null || v === undefined || v === '' ? '—' : esc(v)}</td>`;
/** `2026-11-20T23:59:59.999+08:00` → `2026-11-20 23:59` (the stored local time, offset dropped). */
const local = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? v.slice(0, 16).replace('T', ' ') : '—');
const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 1000) / 10}%` : '—');

function table(head: string[], rows: string[]): string {
  if (!rows.length) return '';
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const errorReportsSection: ScorecardSection = {
  check: 'error-reports',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return '';
    const due = list(m.dueSoonReports).map((r) => `<tr>${cell(r.reportId)}${cell(r.type)}${cell(local(r.start))}${cell(local(r.deadline))}${cell(r.dueToday === true ? '今日到期' : '下一工作日到期')}</tr>`);
    const unmeasured = list(m.notMeasuredReports).map((r) => `<tr>${cell(r.reportId)}${cell(r.reason)}</tr>`);
    return `<p>纠错留言 ${num(m.total)} 条：按时答复 ${num(m.onTime)}，超期答复 ${num(m.overdue)}，逾期未答复 ${num(m.unanswered)}，即将到期 ${num(m.dueSoon)}，尚未到期 ${num(m.notYetDue)}，未测量 ${num(m.notMeasured)}；按时办结率 ${pct(m.timelinessRate)}（目标 100%，时限 ${num(m.deadlineWorkdays)} 个工作日）</p>
${due.length ? `<p>即将到期、请督办：</p>${table(['编号', '问题类型', '转办时间', '答复时限', '到期'], due)}` : ''}
${unmeasured.length ? `<p>无法计算时限：</p>${table(['编号', '原因'], unmeasured)}` : ''}`;
  },
};

const channelState: Record<string, string> = { working: '正常', broken: '无法访问', unknown: '未检测' };
const channelSource: Record<string, string> = { config: '配置栏目', link: '首页链接' };

const interactionSection: ScorecardSection = {
  check: 'interaction',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return '';
    const channels = list(m.channels).map(
      (c) => `<tr>${cell(c.name)}<td>${typeof c.url === 'string' ? `<a href="${safeHref(c.url)}" rel="noopener noreferrer">${esc(c.url)}</a>` : '—'}</td>${cell(channelSource[String(c.source)] ?? c.source)}${cell(c.internal === true ? '本站' : '外站')}${cell(channelState[String(c.state)] ?? c.state)}</tr>`,
    );
    const msg = obj(m.messages);
    const median = typeof m.medianReplyWorkdays === 'number' ? `${esc(m.medianReplyWorkdays)} 个工作日` : '—';
    return `${table(['互动渠道', '地址', '来源', '位置', '状态'], channels) || '<p>未发现互动渠道</p>'}
${'messages' in m ? `<p>读取留言页面 ${num(m.boardPages)} 个，留言 ${num(msg.found)} 条（无效 ${num(msg.invalid)}，统计期外 ${num(msg.outsidePeriod)}）；统计期内 ${num(msg.inPeriod)} 条：已回复 ${num(msg.answered)}，未回复 ${num(msg.open)}，超过时限未回应 ${num(msg.overLimit)}；回复用时中位数 ${median}</p>` : ''}`;
  },
};

/** The sections of the record checks, registered in `sections.ts`. */
export const recordSections: ScorecardSection[] = [errorReportsSection, interactionSection];
