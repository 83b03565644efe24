/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Scorecard sections of the disclosure checks: the catalogue's coverage with each item's state, page and date, and
// the disclosure-request timeliness counts with the requests due soon.
import { timeText } from '../vocabulary.ts';
import { dash, Link, list, num, obj, pct, Table } from './section-kit.tsx';
import type { ScorecardSection } from './section.ts';

const roleNames: Record<string, string> = { government: '本级政府', department: '部门', 'sector-department': '行业主管部门' };
const stateNames: Record<string, string> = { present: '已公开', late: '逾期公开', missing: '未找到' };

const catalogueSection: ScorecardSection = {
  check: 'disclosure',
  render(metrics, _card, { timezone }) {
    const m = obj(metrics);
    if (!Array.isArray(m.items)) return null;
    const rows = list(m.items).map((i) => (
      <tr>
        <td>{dash(i.name)}</td>
        <td>{typeof i.year === 'number' ? `${i.year}年度` : '常设'}</td>
        <td>{i.due === 'standing' || typeof i.due !== 'string' ? '—' : /^\d{2}-\d{2}$/.test(i.due) ? `次年${Number(i.due.slice(0, 2))}月${Number(i.due.slice(3))}日前` : timeText(i.due, timezone)}</td>
        <td>{stateNames[String(i.state)] ?? dash(i.state)}</td>
        <td>{typeof i.url === 'string' ? <Link url={i.url} text={i.title} /> : '—'}</td>
        <td>{typeof i.date === 'string' ? timeText(i.date, timezone) : '—'}</td>
      </tr>
    ));
    return (
      <>
        <p>
          主体类型：{roleNames[String(m.role)] ?? '未声明'}；应公开 {num(m.required)} 项，已公开 {num(m.present)} 项（其中逾期 {num(m.late)} 项），未找到 {num(m.missing)} 项；覆盖率 {pct(m.coverage)}
        </p>
        <Table head={['事项', '年度', '公开期限', '状态', '页面', '发布日期']} rows={rows} />
      </>
    );
  },
};

const requestsSection: ScorecardSection = {
  check: 'disclosure-requests',
  render(metrics, _card, { timezone }) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return null;
    const t = (v: unknown) => (typeof v === 'string' ? timeText(v, timezone) : '—');
    const due = list(m.dueSoonRequests).map((r) => (
      <tr>
        <td>{dash(r.requestId)}</td>
        <td>{t(r.received)}</td>
        <td>{t(r.deadline)}</td>
        <td>{`${num(r.workdaysLeft)} 个工作日`}</td>
        <td>{r.extended === true ? '已延期' : '—'}</td>
      </tr>
    ));
    const unmeasured = list(m.notMeasuredRequests).map((r) => (
      <tr>
        <td>{dash(r.requestId)}</td>
        <td>{dash(r.reason)}</td>
      </tr>
    ));
    return (
      <>
        <p>
          依申请公开 {num(m.total)} 件：按时答复 {num(m.onTime)}，超期答复 {num(m.overdue)}，逾期未答复 {num(m.unanswered)}，即将到期 {num(m.dueSoon)}，尚未到期 {num(m.notYetDue)}，无法计算 {num(m.notMeasured)}；延期 {num(m.extended)} 件（延期告知晚于期限未予计算 {num(m.extensionsIgnored)} 件）；按时答复率 {pct(m.timelinessRate)}（时限 {num(m.deadlineWorkdays)} 个工作日，延期不超过 {num(m.extensionWorkdays)} 个工作日）
        </p>
        {due.length ? <p>即将到期、请督办：</p> : null}
        <Table head={['编号', '收到申请', '答复期限', '剩余', '延期']} rows={due} />
        {unmeasured.length ? <p>无法计算期限：</p> : null}
        <Table head={['编号', '原因']} rows={unmeasured} />
      </>
    );
  },
};

/** The sections of the disclosure checks, registered in `sections.tsx`. */
export const disclosureSections: ScorecardSection[] = [catalogueSection, requestsSection];
