// User-facing strings of the message-board check (zh-CN), keyed.
const quote = (title: string | null) => (title ? `“${title}”` : '（无标题）');

export const strings = {
  title: '互动交流',
  noChannel: '网站未提供互动交流渠道：首页没有“互动交流”“领导信箱”“在线咨询”等留言渠道的链接，也没有互动交流栏目',
  brokenChannels: (list: string) => `互动交流渠道均无法正常访问（${list}），网民无法留言`,
  unanswered: (title: string | null, submitted: string, today: string, months: number) =>
    `网民留言${quote(title)}${submitted}提交，至${today}超过${months}个月未回复`,
  answeredLate: (title: string | null, submitted: string, answered: string, months: number) =>
    `网民留言${quote(title)}${submitted}提交，${answered}才回复，超过${months}个月未回应`,
  notMeasured: {
    noHomepage: (why: string) => `首页未能正常抓取（${why}），未判断互动交流渠道`,
    unchecked: (list: string) => `互动交流渠道未能检测（${list}），未判断是否有效`,
  },
  noMessagesRead: '留言板未读出任何留言（无人留言、列表由脚本加载或版式未识别），未判断留言答复时限',
  notCovered: (year: number) =>
    `工作日历未覆盖${year}年，部分留言的回复用时（工作日）未计算\n管理中心：在配置 calendar 中补充${year}年的节假日和调休上班日`,
};
