// Findings as CSV that opens correctly in Excel and WPS: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting,
// and every cell that a spreadsheet would run as a formula (starting with = + - @, their full-width forms, which
// an input method types, tab, CR or LF) neutralised with a leading apostrophe (OWASP "CSV injection").
import { evidenceRows, formatDateTime, severityText } from './html/labels.ts';
import type { Scorecard } from './scorecard.ts';

const header = ['网站编号', '网站名称', '责任单位', '指标', '问题代码', '严重程度', '状态', '首次发现', '复核', '豁免', '问题描述', '页面', '证据', '问题编号'];

/** One cell, neutralised and quoted when needed. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The findings of one or more scorecards as a CSV file's text (BOM included). */
export function findingsCsv(cards: Scorecard | Scorecard[], timezone = 'Asia/Shanghai'): string {
  const list = Array.isArray(cards) ? cards : [cards];
  const rows: unknown[][] = [header];
  for (const card of list) {
    const names = new Map(card.indicators.map((i) => [i.id, i.name]));
    for (const f of card.findings) {
      rows.push([
        card.siteId,
        card.siteName,
        card.unit,
        f.indicators.map((id) => names.get(id) ?? id).join('；'),
        f.code,
        severityText[f.severity] ?? f.severity,
        f.state === 'new' ? '新发现' : '持续存在',
        formatDateTime(f.firstSeen, timezone),
        f.review ? (f.confirmed ? `已确认（${f.confirmed.by}）` : '待复核（不计分）') : '',
        f.waived ? `已豁免至${f.waived.until ?? ''}：${f.waived.reason}` : '',
        f.message,
        f.url ?? '',
        evidenceRows(f.evidence).map(([k, v]) => `${k}：${v}`).join('；'),
        f.identity,
      ]);
    }
  }
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
