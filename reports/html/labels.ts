// Chinese labels shared by the HTML reports.
export const statusText: Record<string, string> = { passed: '通过', failed: '未通过', 'not-measured': '未检测', error: '检测出错' };
export const severityText: Record<string, string> = { veto: '否决', major: '严重', minor: '一般', info: '提示' };

const evidenceLabels: Record<string, string> = {
  status: 'HTTP状态', error: '错误', detail: '详情', foundOn: '出现页面', onHomepage: '位于首页', finalUrl: '最终地址',
  soft404Reason: '判断依据', internal: '站内链接', tags: '引用方式', reportId: '编号', deadline: '办理时限', answeredAt: '答复时间',
  forwardedAt: '转办时间', workdaysTaken: '用时（工作日）', masked: '内容（已遮盖）', context: '上下文', selector: '元素', rule: '规则',
  column: '栏目', kind: '类别', title: '标题', newest: '最新日期', host: '主机', documentNumber: '文号', itemId: '事项', requestId: '申请编号',
  date: '发布日期', interpretationUrl: '解读地址', interpretationTitle: '解读标题', interpretationDate: '解读发布日期', workdays: '相隔工作日',
  maxDelayWorkdays: '允许工作日', pairedBy: '关联方式', reviewReason: '复核原因', limit: '更新时限', cutoff: '最晚应更新至', daysSince: '距今天数',
  items: '条目数', undated: '无日期条目数', newestTitle: '最新信息', newestUrl: '最新信息地址', scriptFilled: '列表由脚本生成', rendered: '已在浏览器中渲染',
  unreachable: '无法访问', mark: '标识', level: '位置', sampled: '抽查内页数', alsoMissingOn: '同样缺少的内页', pages: '缺少的内页', missingCount: '缺少页数',
  problem: '问题', found: '页面所示', expected: '应为', source: '来源', format: '附件格式', count: '数量', values: '号码（已遮盖）', contexts: '上下文（已遮盖）',
  where: '出现位置', terms: '违规词语', excerpts: '摘录', hosts: '外部主机', links: '链接', hiddenBy: '隐藏方式', browser: '浏览器核验', element: '所在元素',
  agents: '爬虫', normal: '普通访问所见', crawler: '爬虫所见', articleTitle: '文章标题', problems: '证书问题', certificate: '证书', httpsUrl: 'HTTPS地址',
  daysLeft: '剩余天数', validTo: '到期时间', query: '搜索词', resultUrl: '搜索结果页', articleUrl: '文章地址', resources: '资源',
};

/** Evidence as label/value rows, arrays joined, long values cut. */
export function evidenceRows(evidence: Record<string, unknown>): [string, string][] {
  return Object.entries(evidence)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => {
      let text: string;
      if (Array.isArray(v)) text = v.slice(0, 10).map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('，') + (v.length > 10 ? ` 等${v.length}项` : '');
      else if (typeof v === 'boolean') text = v ? '是' : '否';
      else if (typeof v === 'object') text = JSON.stringify(v);
      else text = String(v);
      return [evidenceLabels[k] ?? k, text.length > 500 ? text.slice(0, 500) + '…' : text] as [string, string];
    });
}

/** `2026-11-20 10:00` in the district's time zone. */
export function formatDateTime(iso: string, timezone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
