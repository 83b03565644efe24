// User-facing strings of the disclosure-request check (zh-CN), keyed. Times arrive formatted as local `YYYY-MM-DD HH:MM`.
import type { ExtensionUse } from './disclosure-requests/judge.ts';

const allowed = (workdays: number, suspended: number, extension: ExtensionUse, extensionDays: number) => {
  const extras = [suspended > 0 ? `含补正及征求意见${suspended}个工作日` : '', extension === 'applied' ? `含延期${extensionDays}个工作日` : ''].filter(Boolean);
  return `时限${workdays}个工作日${extras.length ? `，${extras.join('、')}` : ''}`;
};
const lateExtension = (extension: ExtensionUse, notified: string | null) =>
  extension === 'too-late' && notified ? `；${notified}延期告知时首个答复期限已过，延期不予计算` : '';

export const strings = {
  title: '依申请公开办理时效',
  overdue: (id: string, received: string, deadline: string, answered: string, taken: number | null, workdays: number, suspended: number, extension: ExtensionUse, extensionDays: number, notified: string | null) =>
    `依申请公开 ${id} 超期答复：${received}收到申请，应在${deadline}前答复，实际${answered}答复` +
    `${taken === null ? '' : `，历时${taken}个工作日`}（${allowed(workdays, suspended, extension, extensionDays)}）${lateExtension(extension, notified)}`,
  unanswered: (id: string, received: string, deadline: string, taken: number | null, workdays: number, suspended: number, extension: ExtensionUse, extensionDays: number, notified: string | null) =>
    `依申请公开 ${id} 逾期未答复：${received}收到申请，答复期限${deadline}已过` +
    `${taken === null ? '' : `，已历时${taken}个工作日`}（${allowed(workdays, suspended, extension, extensionDays)}）${lateExtension(extension, notified)}`,
  notCovered: (year: number, ids: string[]) =>
    `工作日历未覆盖${year}年，依申请公开 ${ids.slice(0, 5).join('、')}${ids.length > 5 ? ` 等${ids.length}件` : ''}的答复期限无法计算，记为未检测` +
    `\n管理中心：在配置 calendar.holidays / calendar.workdays 中补充${year}年国务院办公厅公布的节假日和调休上班日`,
  noSource: '尚未取得本单位的依申请公开办理记录，未判断办理时效\n管理中心：在配置 disclosureRequests 中指定导出文件，或用 govaudit import-requests 导入',
  allNotMeasured: (n: number) => `本单位${n}件依申请公开的答复期限均无法计算（日期超出工作日历），未判断办理时效`,
  invalidRecords: (n: number) => `有${n}条依申请公开记录格式无效，已跳过\n管理中心：请重新导入导出文件`,
  reasons: {
    'calendar-not-covered': '日期超出工作日历覆盖范围',
  } as Record<string, string>,
};
