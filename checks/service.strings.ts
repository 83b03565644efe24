// User-facing strings of the service check (zh-CN), keyed.

export const strings = {
  title: '站内搜索服务',
  noSearch: '首页未提供站内搜索（未找到搜索框）',
  searchBroken: (query: string) => `站内搜索“${query}”未返回该文章，搜索功能不可用或索引未更新`,
  searchFailed: (query: string, reason: string) => `站内搜索“${query}”失败（${reason}）`,
  homeNotRead: '未读取首页',
  homeUnreadable: (status: number | null) => (status !== null ? `首页无法正常访问（HTTP ${status}）` : '首页无法访问'),
  notMeasured: (why: string) => `${why}，无法查找站内搜索，未检测`,
  notTested: (reason: string) => `找到搜索框，但未能自动验证搜索功能（${reason}），请人工确认`,
};
