// Findings as CSV that opens correctly in Excel and WPS: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting,
// and every cell that a spreadsheet would run as a formula (starting with = + - @, their full-width forms, which
// an input method types, tab, CR or LF) neutralised with a leading apostrophe (OWASP "CSV injection").
import { isHint } from './counts.ts';
import { isAwaitingReview } from './rescore.ts';
import { displayMessage, evidenceLine, formatDateTime, severityText } from './vocabulary.ts';
import type { Scorecard } from './scorecard.ts';

// Finding codes stay in the JSON: the sheet carries the words a clerk reads and the 问题编号 used for review requests.
const header = ['网站编号', '网站名称', '责任单位', '指标', '严重程度', '状态', '首次发现', '复核', '豁免', '问题描述', '页面', '证据', '问题编号'];

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
        f.indicators.map((id) => names.get(id) ?? id).join('；') || '提示（不扣分）',
        isHint(f) ? '提示' : (severityText[f.severity] ?? '提示'),
        f.state === 'new' ? '新发现' : '持续存在',
        formatDateTime(f.firstSeen, timezone),
        f.confirmed ? `已确认（${f.confirmed.by}）` : isAwaitingReview(f) ? (f.pendingVeto ? '待复核：疑似单项否决，确认即不合格' : '待复核（不计分）') : '',
        f.waived ? `已豁免至${f.waived.until ?? ''}：${f.waived.reason}` : '',
        displayMessage(f),
        f.url ?? '',
        evidenceLine(f, timezone),
        f.identity,
      ]);
    }
  }
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
