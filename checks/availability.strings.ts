// User-facing strings of the availability check (zh-CN), keyed.
const pct = (rate: number) => `${(Math.round(rate * 10_000) / 100).toString()}%`;

export const strings = {
  title: '首页可用性',
  down: (days: number, total: number, failed: number, rate: number, threshold: number) =>
    `首页近${days}天共监测${total}次，无法访问${failed}次（${pct(rate)}），达到${pct(threshold)}的单项否决标准（站点无法访问）`,
  unstable: (days: number, total: number, failed: number, rate: number, threshold: number) =>
    `首页近${days}天共监测${total}次，无法访问${failed}次（${pct(rate)}），超过${pct(threshold)}，访问不稳定`,
  notMeasured: {
    noProbes: (from: string, to: string) => `${from}至${to}没有首页监测记录，未判断首页可用性\n管理中心：首页监测由常驻服务（govaudit serve）按 schedule.probes 定时进行，请确认服务在运行`,
    tooFew: (min: number, short: { date: string; probes: number }[]) =>
      `首页监测次数不足（要求每天不少于${min}次）：${short
        .slice(0, 3)
        .map((d) => `${d.date} 仅${d.probes}次`)
        .join('，')}${short.length > 3 ? `等${short.length}天` : ''}，未判断首页可用性`,
  },
};
