// User-facing strings of the accessibility check (zh-CN), keyed.
export const strings = {
  title: '无障碍与适老化',
  violation: (help: string, count: number) => `${help}（${count} 处）`,
  needsReview: (help: string, count: number) => `需人工确认：${help}（${count} 处）`,
  lighthouseScore: (score: number, threshold: number) => `首页 Lighthouse 无障碍得分 ${score}，低于 ${threshold} 分`,
  noAccessibleMode: '首页未提供无障碍浏览、长者模式或关怀版等适老化服务入口',
  floatingAd: (count: number) => `首页有 ${count} 个悬浮于内容之上的飘窗或弹出层`,
  smallText: (count: number, minPx: number) => `首页有 ${count} 处正文文字小于 ${minPx} 像素`,
  noPageChecked: (reason: string) => `未能在浏览器中检测任何页面：${reason}`,
  pagesNotChecked: (n: number) => `${n}个页面未能在浏览器中正常打开，未检测`,
  homepageNotChecked: (reason: string) => `首页未能在浏览器中检测（${reason}），无障碍入口、飘窗和文字大小未检测`,
  lighthouseNotMeasured: (reason: string) => `Lighthouse 无障碍评分未检测：${reason}`,
  unmapped: 'unmapped',
};
