/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Scorecard sections of the error-report and message-board checks: timeliness counts and rate with the reports due
// soon (to chase today) and those not measured, and the question channels with the message counts and median reply
// time.
import { timeText } from '../vocabulary.ts';
import { dash, Link, list, num, obj, pct, Table } from './section-kit.tsx';
import type { ScorecardSection } from './section.ts';

const errorReportsSection: ScorecardSection = {
  check: 'error-reports',
  render(metrics, _card, { timezone }) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return null;
    const t = (v: unknown) => (typeof v === 'string' ? timeText(v, timezone) : '—');
    const due = list(m.dueSoonReports).map((r) => (
      <tr>
        <td>{dash(r.reportId)}</td>
        <td>{dash(r.type)}</td>
        <td>{t(r.start)}</td>
        <td>{t(r.deadline)}</td>
        <td>{r.dueToday === true ? '今日到期' : '下一工作日到期'}</td>
      </tr>
    ));
    const unmeasured = list(m.notMeasuredReports).map((r) => (
      <tr>
        <td>{dash(r.reportId)}</td>
        <td>{dash(r.reason)}</td>
      </tr>
    ));
    return (
      <>
        <p>
          纠错留言 {num(m.total)} 条：按时答复 {num(m.onTime)}，超期答复 {num(m.overdue)}，逾期未答复 {num(m.unanswered)}，即将到期 {num(m.dueSoon)}，尚未到期 {num(m.notYetDue)}，无法计算 {num(m.notMeasured)}；按时办结率 {pct(m.timelinessRate)}（目标 100%，时限 {num(m.deadlineWorkdays)} 个工作日）
        </p>
        {due.length ? <p>即将到期、请督办：</p> : null}
        <Table head={['编号', '问题类型', '转办时间', '答复期限', '到期']} rows={due} />
        {unmeasured.length ? <p>无法计算时限：</p> : null}
        <Table head={['编号', '原因']} rows={unmeasured} />
      </>
    );
  },
};

const channelState: Record<string, string> = { working: '正常', broken: '无法访问', unknown: '未检测' };
const channelSource: Record<string, string> = { config: '栏目设置', link: '首页链接' };

const interactionSection: ScorecardSection = {
  check: 'interaction',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return null;
    const channels = list(m.channels).map((c) => (
      <tr>
        <td>{dash(c.name)}</td>
        <td>{typeof c.url === 'string' ? <Link url={c.url} /> : '—'}</td>
        <td>{channelSource[String(c.source)] ?? dash(c.source)}</td>
        <td>{c.internal === true ? '本站' : '外站'}</td>
        <td>{channelState[String(c.state)] ?? dash(c.state)}</td>
      </tr>
    ));
    const msg = obj(m.messages);
    const median = typeof m.medianReplyWorkdays === 'number' ? `${m.medianReplyWorkdays} 个工作日` : '—';
    return (
      <>
        {channels.length ? <Table head={['互动渠道', '地址', '来源', '位置', '状态']} rows={channels} /> : <p>未发现互动渠道</p>}
        {'messages' in m ? (
          <p>
            读取留言页面 {num(m.boardPages)} 个，留言 {num(msg.found)} 条（无效 {num(msg.invalid)}，统计期外 {num(msg.outsidePeriod)}）；统计期内 {num(msg.inPeriod)} 条：已回复 {num(msg.answered)}，未回复 {num(msg.open)}，超过时限未回应 {num(msg.overLimit)}；回复用时中位数 {median}
          </p>
        ) : null}
      </>
    );
  },
};

/** The sections of the record checks, registered in `sections.tsx`. */
export const recordSections: ScorecardSection[] = [errorReportsSection, interactionSection];
