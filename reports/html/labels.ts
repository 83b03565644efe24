// Chinese labels shared by the HTML reports and the dashboard; the vocabulary itself lives in ../vocabulary.ts.
import { evidenceView, formatDateTime, severityText } from '../vocabulary.ts';

export { formatDateTime, severityText };

export const statusText: Record<string, string> = { passed: '通过', failed: '未通过', 'not-measured': '未检测', error: '检测出错' };

/** Evidence as label/value rows (the vocabulary's view; time values in `timezone`). */
export function evidenceRows(evidence: Record<string, unknown>, code = '', timezone = 'Asia/Shanghai'): [string, string][] {
  return evidenceView({ code, evidence }, timezone).map((e) => [e.label, e.value]);
}
