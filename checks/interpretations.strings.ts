// User-facing strings of the policy-interpretation check (zh-CN), keyed.
import type { PairedBy } from './content/pairing.ts';

export const pairedByLabels: Record<PairedBy, string> = {
  link: '相关解读/原文链接',
  'document-number': '相同文号',
  title: '解读标题引用文件标题',
};

export const strings = {
  title: '政策解读（三同步）',
  missing: (title: string, docNo: string | null) => `政策文件《${title}》${docNo ? `（${docNo}）` : ''}未发布配套解读`,
  missingReview: (title: string, reason: string) => `未找到政策文件《${title}》的配套解读（${reason}），请人工核实`,
  reasonTruncated: '抓取达到页面上限而提前结束，解读可能位于未抓取的页面',
  reasonNotCrawled: '文件页面未能抓取，无法查看其相关解读链接',
  late: (title: string, policyDate: string, interpretationDate: string, workdays: number, max: number) =>
    `政策文件《${title}》发布于${policyDate}，解读发布于${interpretationDate}，相隔${workdays}个工作日，超过${max}个工作日`,
  noDocNumber: (unread: number) => `${unread}篇政策文件未读出文号（页面和列表中均未找到“文号/发文字号”），无法判断是否需要解读`,
  emptyPolicyColumn: '政策文件栏目未读出任何文件（栏目页未能抓取或列表为空），无法判断解读情况',
  noPolicyDocuments: '未配置政策文件栏目，抓取的页面中也没有带文号的政策文件：本期无需判断解读',
  calendarGap: (date: string) => `工作日历未覆盖${date}所在年份，无法判断政策解读是否按时发布\n管理中心：在配置 calendar 中补充当年节假日安排`,
};
