// User-facing strings of the disclosure-catalogue check (zh-CN), keyed.

const cycleName = (name: string, year: number | null) => (year === null ? `“${name}”` : `${year}年度“${name}”`);

export const strings = {
  title: '主动公开基本目录',
  missing: (name: string, year: number | null, due: string | null) =>
    due === null ? `未找到应主动公开的${cycleName(name, year)}` : `未找到${cycleName(name, year)}，应于${due}前公开`,
  where: (url: string) => `（应发布在栏目 ${url}）`,
  brokenLink: (count: number) => `；有${count}个同名链接无法打开`,
  truncated: '；抓取达到页数上限，可能遗漏，需人工确认',
  whereNotCrawled: '；未抓取到指定栏目，需人工确认',
  late: (name: string, year: number, date: string, due: string, days: number) =>
    `${cycleName(name, year)}于${date}公开，晚于规定期限${due}（逾期${days}天）`,
  undated: (n: number) => `${n}项公开事项已找到但未读出发布日期，无法判断是否按期公开`,
  notMeasured: {
    noRole: '尚未确定本网站的信息公开主体类型（本级政府、部门或行业主管部门），未检查主动公开目录\n管理中心：在配置中为该网站设置 disclosure.role（government / department / sector-department），或在目录中加入适用于所有网站的事项',
    noItems: '本网站没有适用的主动公开目录事项',
    crawlFailed: (reason: string) => `站点抓取失败（${reason}），未检查主动公开目录`,
  },
};
