// Chinese labels shared by the HTML reports.
export const statusText: Record<string, string> = { passed: '通过', failed: '未通过', 'not-measured': '未检测', error: '检测出错' };
export const severityText: Record<string, string> = { veto: '否决', major: '严重', minor: '一般', info: '提示' };

const evidenceLabels: Record<string, string> = {
  status: 'HTTP状态', error: '错误', detail: '详情', foundOn: '出现页面', onHomepage: '位于首页', finalUrl: '最终地址',
  soft404Reason: '判断依据', internal: '站内链接', tags: '引用方式', reportId: '编号', deadline: '办理时限', answeredAt: '答复时间',
  forwardedAt: '转办时间', workdaysTaken: '用时（工作日）', masked: '内容（已遮盖）', context: '上下文', selector: '元素', rule: '规则',
  column: '栏目', kind: '类别', title: '标题', newest: '最新日期', host: '主机', documentNumber: '文号', itemId: '事项', requestId: '申请编号',
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
