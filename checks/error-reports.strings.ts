// User-facing strings of the error-report check (zh-CN), keyed. Times arrive formatted as local `YYYY-MM-DD HH:MM`.
const startLabel = (field: 'forwardedAt' | 'submittedAt' | null) => (field === 'submittedAt' ? '留言（无转办时间）' : '转办');
const kind = (type: string | null) => (type ? `（${type}）` : '');

export const strings = {
  title: '网民纠错留言办理',
  overdue: (id: string, type: string | null, field: 'forwardedAt' | 'submittedAt' | null, start: string, deadline: string, answered: string, taken: number | null, limit: number) =>
    `纠错留言 ${id}${kind(type)}超期答复：${start}${startLabel(field)}，应在${deadline}前答复，实际${answered}答复` +
    `${taken === null ? '' : `，用时${taken}个工作日`}（时限${limit}个工作日）`,
  unanswered: (id: string, type: string | null, field: 'forwardedAt' | 'submittedAt' | null, start: string, deadline: string, taken: number | null, limit: number) =>
    `纠错留言 ${id}${kind(type)}逾期未答复：${start}${startLabel(field)}，答复时限${deadline}已过` +
    `${taken === null ? '' : `，已历时${taken}个工作日`}（时限${limit}个工作日）`,
  notCovered: (year: number, ids: string[]) =>
    `工作日历未覆盖${year}年，纠错留言 ${ids.slice(0, 5).join('、')}${ids.length > 5 ? ` 等${ids.length}条` : ''}的办理时限无法计算，记为未检测` +
    `\n管理中心：在配置 calendar.holidays / calendar.workdays 中补充${year}年国务院办公厅公布的节假日和调休上班日`,
  noSource: '尚未取得本网站的纠错留言办理记录，未判断办理时效\n管理中心：在配置 errorReports 中指定导出文件，或用 govaudit import-reports 导入',
  allNotMeasured: (n: number) => `本网站${n}条纠错留言均无法计算办理时限（缺少留言/转办时间或日期超出工作日历），未判断办理时效`,
  invalidRecords: (n: number) => `有${n}条纠错留言记录格式无效，已跳过\n管理中心：请重新导入导出文件`,
  reasons: {
    'no-start-time': '缺少转办时间和留言时间',
    'calendar-not-covered': '日期超出工作日历覆盖范围',
  } as Record<string, string>,
};
