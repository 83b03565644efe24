// Scorecard sections of the disclosure checks: the catalogue's coverage with each item's state, page and date, and
// the disclosure-request timeliness counts with the requests due soon. Metrics come from stored JSON, so every field
// is read defensively; every value is escaped.
import type { ScorecardSection } from './section.ts';
import { esc, safeHref } from './escape.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '0');
const cell = (v: unknown): string => `<td>${v === null || v === undefined || v === '' ? '—' : esc(v)}</td>`;
const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 1000) / 10}%` : '—');
/** `2026-11-20T23:59:59.999+08:00` → `2026-11-20 23:59` (the stored local time, offset dropped). */
const local = (v: unknown): string => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? v.slice(0, 16).replace('T', ' ') : '—');
const link = (url: unknown, text: unknown): string =>
  typeof url === 'string' ? `<td><a href="${safeHref(url)}" rel="noopener noreferrer">${esc(typeof text === 'string' && text ? text : url)}</a></td>` : '<td>—</td>';

function table(head: string[], rows: string[]): string {
  if (!rows.length) return '';
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const roleNames: Record<string, string> = { government: '本级政府', department: '部门', 'sector-department': '行业主管部门' };
const stateNames: Record<string, string> = { present: '已公开', late: '逾期公开', missing: '未找到' };

const catalogueSection: ScorecardSection = {
  check: 'disclosure',
  render(metrics) {
    const m = obj(metrics);
    if (!Array.isArray(m.items)) return '';
    const rows = list(m.items).map(
      (i) => `<tr>${cell(i.name)}${cell(typeof i.year === 'number' ? `${i.year}年度` : '常设')}${cell(i.due === 'standing' ? '—' : i.due)}${cell(stateNames[String(i.state)] ?? i.state)}${link(i.url, i.title)}${cell(i.date)}</tr>`,
    );
    return `<p>主体类型：${esc(roleNames[String(m.role)] ?? '未声明')}；应公开 ${num(m.required)} 项，已公开 ${num(m.present)} 项（其中逾期 ${num(m.late)} 项），未找到 ${num(m.missing)} 项；覆盖率 ${pct(m.coverage)}（${esc(m.judgedOn ?? '')}）</p>
${table(['事项', '年度', '公开期限', '状态', '页面', '发布日期'], rows)}`;
  },
};

const requestsSection: ScorecardSection = {
  check: 'disclosure-requests',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return '';
    const due = list(m.dueSoonRequests).map((r) => `<tr>${cell(r.requestId)}${cell(local(r.received))}${cell(local(r.deadline))}${cell(`${num(r.workdaysLeft)} 个工作日`)}${cell(r.extended === true ? '已延期' : '')}</tr>`);
    const unmeasured = list(m.notMeasuredRequests).map((r) => `<tr>${cell(r.requestId)}${cell(r.reason)}</tr>`);
    return `<p>依申请公开 ${num(m.total)} 件：按时答复 ${num(m.onTime)}，超期答复 ${num(m.overdue)}，逾期未答复 ${num(m.unanswered)}，即将到期 ${num(m.dueSoon)}，尚未到期 ${num(m.notYetDue)}，未测量 ${num(m.notMeasured)}；延期 ${num(m.extended)} 件（延期告知晚于期限未予计算 ${num(m.extensionsIgnored)} 件）；按时答复率 ${pct(m.timelinessRate)}（时限 ${num(m.deadlineWorkdays)} 个工作日，延期不超过 ${num(m.extensionWorkdays)} 个工作日）</p>
${due.length ? `<p>即将到期、请督办：</p>${table(['编号', '收到申请', '答复期限', '剩余', '延期'], due)}` : ''}
${unmeasured.length ? `<p>无法计算期限：</p>${table(['编号', '原因'], unmeasured)}` : ''}`;
  },
};

/** The sections of the disclosure checks, registered in `sections.ts`. */
export const disclosureSections: ScorecardSection[] = [catalogueSection, requestsSection];
