// User-facing strings of the freshness check (zh-CN), keyed.
import type { ColumnKind } from '../contract/column.ts';

const units = { d: '天', w: '周', m: '个月', y: '年' } as const;

/** `2w` → `2周`, `6m` → `6个月`. */
export function ageLabel(age: string): string {
  const m = /^(\d+)([dwmy])$/.exec(age);
  return m ? `${m[1]}${units[m[2] as keyof typeof units]}` : age;
}

export const kindLabels: Record<ColumnKind, string> = {
  news: '动态要闻类',
  notice: '通知公告类',
  policy: '政策文件类',
  interpretation: '政策解读类',
  personnel: '人事信息类',
  plan: '规划计划类',
  interaction: '互动交流类',
  other: '其他',
};

export const strings = {
  title: '内容更新',
  noHomepage: (reason: string) => `首页未能抓取（${reason}），无法判断更新情况`,
  homepageStale: (newest: string, days: number, limit: string) =>
    `首页最新信息发布于${newest}，距今${days}天，超过${ageLabel(limit)}未更新`,
  homepageUndated: '首页未找到带发布日期的信息，无法确认近期有更新，请人工核实',
  columnStale: (name: string, kind: ColumnKind, newest: string, days: number, limit: string) =>
    `栏目“${name}”（${kindLabels[kind]}）最新信息发布于${newest}，距今${days}天，超过${ageLabel(limit)}未更新`,
  columnUndated: (name: string, count: number) => `栏目“${name}”的${count}条信息均未标注发布日期，视为未更新，请人工核实`,
  columnEmpty: (name: string) => `栏目“${name}”为空白栏目，没有任何信息`,
  columnScriptFilled: (name: string, reason: string) =>
    `栏目“${name}”的原始页面中没有信息条目，列表可能由脚本生成；未能在浏览器中渲染核实（${reason}），请人工确认是否为空白栏目`,
  noRendering: '未进行浏览器渲染',
  unjudged: (n: number) => `${n ? `首页和${n}个栏目均` : '首页'}未读出带发布日期的信息条目，无法判断更新情况`,
  someUnjudged: (n: number) => `${n}处未读出带发布日期的信息条目`,
  columnEmptyUnconfirmed: (name: string, reason: string) =>
    `栏目“${name}”的原始页面中未读出信息条目，未能在浏览器中渲染核实（${reason}），请人工确认是否为空白栏目`,
  columnUnreachable: (name: string, detail: string) => `栏目“${name}”的页面无法正常访问（${detail}），请核实栏目地址`,
  columnNotCrawled: (name: string, url: string, truncated: boolean) =>
    `栏目“${name}”（${url}）未被抓取${truncated ? '（抓取达到页面上限而提前结束）' : '（站内没有链接指向该栏目）'}，未检测其更新情况`,
};
