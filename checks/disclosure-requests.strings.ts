// User-facing strings of the disclosure-request check (zh-CN), keyed. Times arrive formatted as local `YYYY-MM-DD HH:MM`.
import type { ExtensionUse } from './records/judge.ts';

/** What a finding's message says of one request: its times and how the time allowed was made up. */
interface RequestFacts {
  id: string;
  received: string;
  deadline: string;
  taken: number | null;
  workdays: number;
  suspended: number;
  extension: ExtensionUse;
  extensionDays: number;
  /** When the applicant was told of an extension, or null. */
  notified: string | null;
}

const allowed = ({ workdays, suspended, extension, extensionDays }: RequestFacts) => {
  const extras = [suspended > 0 ? `含补正及征求意见${suspended}个工作日` : '', extension === 'applied' ? `含延期${extensionDays}个工作日` : ''].filter(Boolean);
  return `时限${workdays}个工作日${extras.length ? `，${extras.join('、')}` : ''}`;
};
const lateExtension = ({ extension, notified }: RequestFacts) =>
  extension === 'too-late' && notified ? `；${notified}延期告知时首个答复期限已过，延期不予计算` : '';

export const strings = {
  title: '依申请公开办理时效',
  overdue: (f: RequestFacts & { answered: string }) =>
    `依申请公开 ${f.id} 超期答复：${f.received}收到申请，应在${f.deadline}前答复，实际${f.answered}答复` +
    `${f.taken === null ? '' : `，历时${f.taken}个工作日`}（${allowed(f)}）${lateExtension(f)}`,
  unanswered: (f: RequestFacts) =>
    `依申请公开 ${f.id} 逾期未答复：${f.received}收到申请，答复期限${f.deadline}已过` +
    `${f.taken === null ? '' : `，已历时${f.taken}个工作日`}（${allowed(f)}）${lateExtension(f)}`,
  notCovered: (year: number, ids: string[]) =>
    `工作日历未覆盖${year}年，依申请公开 ${ids.slice(0, 5).join('、')}${ids.length > 5 ? ` 等${ids.length}件` : ''}的答复期限无法计算，记为未检测` +
    `\n管理中心：在配置 calendar.holidays / calendar.workdays 中补充${year}年国务院办公厅公布的节假日和调休上班日`,
  noSource: '尚未取得本单位的依申请公开办理记录，未判断办理时效\n管理中心：在配置 disclosureRequests 中指定导出文件，或用 govaudit import-requests 导入',
  noneInPeriod: '本期没有需要答复的依申请公开：无需判断办理时效',
  someNotMeasured: (n: number) => `${n}件依申请公开的答复期限无法计算（日期超出工作日历）`,
  allNotMeasured: (n: number) => `本单位${n}件依申请公开的答复期限均无法计算（日期超出工作日历），未判断办理时效`,
  invalidRecords: (n: number) => `有${n}条依申请公开记录格式无效，已跳过\n管理中心：请重新导入导出文件`,
  reasons: {
    'calendar-not-covered': '日期超出工作日历覆盖范围',
  } as Record<string, string>,
};
