// User-facing strings of the error-report check (zh-CN), keyed. Times arrive formatted as local `YYYY-MM-DD HH:MM`.

/** What a finding's message says of one report. */
interface ReportFacts {
  id: string;
  type: string | null;
  /** The field the clock started from: 转办时间, or 留言时间 when there was no forwarding. */
  from: string | null;
  start: string;
  deadline: string;
  taken: number | null;
  limit: number;
}

const startLabel = (field: string | null) => (field === 'submittedAt' ? '留言（无转办时间）' : '转办');
const kind = (type: string | null) => (type ? `（${type}）` : '');

export const strings = {
  title: '网民纠错留言办理',
  overdue: (f: ReportFacts & { answered: string }) =>
    `纠错留言 ${f.id}${kind(f.type)}超期答复：${f.start}${startLabel(f.from)}，应在${f.deadline}前答复，实际${f.answered}答复` +
    `${f.taken === null ? '' : `，用时${f.taken}个工作日`}（时限${f.limit}个工作日）`,
  unanswered: (f: ReportFacts) =>
    `纠错留言 ${f.id}${kind(f.type)}逾期未答复：${f.start}${startLabel(f.from)}，答复时限${f.deadline}已过` +
    `${f.taken === null ? '' : `，已历时${f.taken}个工作日`}（时限${f.limit}个工作日）`,
  notCovered: (year: number, ids: string[]) =>
    `工作日历未覆盖${year}年，纠错留言 ${ids.slice(0, 5).join('、')}${ids.length > 5 ? ` 等${ids.length}条` : ''}的办理时限无法计算，记为未检测` +
    `\n管理中心：在配置 calendar.holidays / calendar.workdays 中补充${year}年国务院办公厅公布的节假日和调休上班日`,
  noSource: '尚未取得本网站的纠错留言办理记录，未判断办理时效\n管理中心：在配置 errorReports 中指定导出文件，或用 govaudit import-reports 导入',
  noneInPeriod: '本期没有需要办理的纠错留言：无需判断办理时效',
  someNotMeasured: (n: number) => `${n}条纠错留言无法计算办理时限（缺少留言/转办时间或日期超出工作日历）`,
  allNotMeasured: (n: number) => `本网站${n}条纠错留言均无法计算办理时限（缺少留言/转办时间或日期超出工作日历），未判断办理时效`,
  invalidRecords: (n: number) => `有${n}条纠错留言记录格式无效，已跳过\n管理中心：请重新导入导出文件`,
  reasons: {
    'no-start-time': '缺少转办时间和留言时间',
    'calendar-not-covered': '日期超出工作日历覆盖范围',
  } as Record<string, string>,
};
