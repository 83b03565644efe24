// The scorecard as an HTML page for the unit's clerk (zh-CN, no script, printable on A4, readable on a phone):
// verdict and score at the top, the single-veto indicators first, then each indicator with its findings, their
// pages, evidence and what to do; the trend over the last runs (SVG); new / persisting / fixed markers.
import type { DistrictConfig } from '../../config/schema.ts';
import { catalogueFor } from '../../config/reports/catalogue.ts';
import type { Indicator } from '../../config/reports/indicators.ts';
import { isScored } from '../rescore.ts';
import type { Scorecard, ScorecardFinding } from '../scorecard.ts';
import type { TrendPoint } from '../trend.ts';
import { esc, safeHref } from './escape.ts';
import { evidenceRows, formatDateTime, severityText, statusText } from './labels.ts';
import { renderMetricsSection } from './sections.ts';
import { reportCss } from './styles.ts';
import { renderTrendSvg } from './trend-chart.ts';

export interface ScorecardHtmlOptions {
  /** Runs for the trend chart, oldest first (reports/trend.ts); the card's own run included. */
  history?: TrendPoint[];
  /** Default: the config's catalogue. */
  catalogue?: Indicator[];
  /** Links shown under the heading (e.g. the unit's scorecard, the CSV and JSON files). */
  links?: { href: string; text: string }[];
}

/** The whole standalone page (inline stylesheet). */
export function renderScorecardHtml(card: Scorecard, config?: DistrictConfig, opts: ScorecardHtmlOptions = {}): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(card.siteName)} 网站检查报告</title>
<style>${reportCss}</style></head>
<body><main>
${renderScorecardMain(card, config, opts)}
</main></body></html>
`;
}

/** The report's content without the page around it (the dashboard wraps it in its own layout). */
export function renderScorecardMain(card: Scorecard, config?: DistrictConfig, opts: ScorecardHtmlOptions = {}): string {
  const tz = config?.timezone ?? 'Asia/Shanghai';
  const catalogue = opts.catalogue ?? catalogueFor(config);
  const indicatorById = new Map(catalogue.map((i) => [i.id, i]));
  const vetoNames = card.vetoes.map((v) => card.indicators.find((i) => i.id === v)?.name ?? v);
  const groups = groupByIndicator(card);
  const vetoes = card.indicators.filter((i) => i.kind === 'veto');
  const deductions = card.indicators.filter((i) => i.kind !== 'veto');
  const counts = {
    open: card.findings.filter(isScored).length,
    fresh: card.findings.filter((f) => f.state === 'new' && isScored(f)).length,
    review: card.findings.filter((f) => f.review && !f.confirmed && !f.waived).length,
    waived: card.findings.filter((f) => f.waived).length,
  };
  const trend = opts.history?.length ? renderTrendSvg(opts.history, { timezone: tz, title: `${card.siteName} 最近${opts.history.length}次检查的得分与问题数` }) : '';
  const order = [...vetoes.filter((i) => i.vetoed), ...vetoes.filter((i) => !i.vetoed), ...[...deductions].sort((a, b) => b.deduction - a.deduction)];
  return `<header>
<h1>${esc(card.siteName)} 网站检查报告</h1>
<p class="meta">责任单位：${esc(card.unit)}　网址：<a href="${safeHref(card.homepage)}">${esc(card.homepage)}</a><br>检查时间：${esc(formatDateTime(card.auditedAt, tz))}　运行编号：${esc(card.runId)}</p>
<div class="verdict ${card.verdict === '合格' ? 'pass' : 'fail'}"><span class="score">${esc(card.score)}</span><span class="unit">分</span><strong>${esc(card.verdict)}</strong></div>
${vetoNames.length ? `<p class="veto">单项否决：${vetoNames.map(esc).join('、')}（任一单项否决即为不合格）</p>` : card.score < 60 ? '<p class="veto">得分低于60分，判定为不合格。</p>' : ''}
<p class="counts">计分问题 <b>${counts.open}</b> 个，其中新发现 <b>${counts.fresh}</b> 个；本次已整改 <b>${card.fixed.length}</b> 个；待复核 ${counts.review} 个；已豁免 ${counts.waived} 个。</p>
${opts.links?.length ? `<p class="links">${opts.links.map((l) => `<a href="${esc(l.href)}">${esc(l.text)}</a>`).join('')}</p>` : ''}
${card.warnings.length ? `<ul class="warn">${card.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
</header>
${trend ? `<section><h2>得分趋势</h2><div class="scroll">${trend}</div></section>` : ''}
<section><h2>单项否决指标</h2>
<div class="scroll"><table><thead><tr><th>指标</th><th>结果</th><th class="num">问题数</th></tr></thead><tbody>
${vetoes.map((i) => `<tr${i.vetoed ? ' class="bad"' : i.notMeasured ? ' class="nm"' : ''}><td>${esc(i.name)}</td><td class="${i.vetoed ? 'st-vetoed' : i.notMeasured ? 'st-not-measured' : 'st-passed'}">${i.vetoed ? '否决' : i.notMeasured ? '未检测' : '未触发'}</td><td class="num">${esc(i.findings)}</td></tr>`).join('\n')}
</tbody></table></div></section>
<section><h2>扣分指标</h2>
<div class="scroll"><table><thead><tr><th>指标</th><th class="num">分值</th><th class="num">扣分</th><th class="num">问题数</th></tr></thead><tbody>
${deductions.map((i) => `<tr${i.deduction > 0 ? ' class="bad"' : i.notMeasured ? ' class="nm"' : ''}><td>${esc(i.name)}${i.notMeasured ? '（未检测）' : ''}</td><td class="num">${esc(i.points)}</td><td class="num">${i.notMeasured ? '—' : esc(i.deduction)}</td><td class="num">${esc(i.findings)}</td></tr>`).join('\n')}
<tr><td><b>得分</b></td><td class="num">100</td><td class="num">${esc(round1(deductions.reduce((s, i) => s + i.deduction, 0)))}</td><td class="num"><b>${esc(card.score)}</b></td></tr>
</tbody></table></div></section>
<section><h2>问题清单</h2>
${card.findings.length === 0 ? '<p>未发现问题。</p>' : ''}
${order
  .filter((i) => groups.get(i.id)?.length)
  .map((i) => renderIndicatorGroup(i, indicatorById.get(i.id), groups.get(i.id)!, tz))
  .join('\n')}
${groups.get('')?.length ? `<h3>其他问题（不计分）（${groups.get('')!.length}）</h3><ol class="findings">${groups.get('')!.map((f) => renderFinding(f, tz)).join('\n')}</ol>` : ''}
</section>
${card.fixed.length ? `<section><h2>已整改（与上次检查相比）（${card.fixed.length}）</h2><ol class="findings">${card.fixed.map((f) => `<li><span class="tag fixed">已整改</span>${esc(f.message)} <code>${esc(f.code)}</code>${f.url ? `<div class="url">页面：${esc(f.url)}</div>` : ''}<div class="id">编号 ${esc(f.identity)}　首次发现 ${esc(formatDateTime(f.firstSeen, tz))}</div></li>`).join('\n')}</ol></section>` : ''}
<section><h2>检查项</h2>
<div class="scroll"><table><thead><tr><th>检查项</th><th>结果</th><th>说明</th></tr></thead><tbody>
${card.checks.map((c) => `<tr><td>${esc(c.title)}</td><td class="st-${esc(c.status)}">${esc(statusText[c.status] ?? c.status)}</td><td>${esc(c.reason ?? (c.findings ? `${c.findings} 个问题` : ''))}</td></tr>`).join('\n')}
</tbody></table></div></section>
${renderMetrics(card)}
<footer>本报告由 govaudit 自动生成。单项否决指标任一项不达标或得分低于60分为不合格。标注“待复核”的问题需人工确认后方计分；“已豁免”的问题经网站管理中心同意不计分、不列入通报，豁免到期后自动恢复。问题“编号”用于申请豁免或确认。</footer>`;
}

/** Findings by the first indicator each feeds ('' = none). */
function groupByIndicator(card: Scorecard): Map<string, ScorecardFinding[]> {
  const groups = new Map<string, ScorecardFinding[]>();
  for (const f of card.findings) {
    const key = f.indicators.find((id) => card.indicators.some((i) => i.id === id)) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
}

function renderIndicatorGroup(result: Scorecard['indicators'][number], ind: Indicator | undefined, findings: ScorecardFinding[], tz: string): string {
  const awaiting = findings.some((f) => f.review && !f.confirmed && !f.waived);
  const status =
    result.kind === 'veto'
      ? result.vetoed
        ? '单项否决'
        : awaiting && !findings.some(isScored)
          ? '待复核，确认后计入'
          : '未达否决条件'
      : `扣 ${result.deduction} 分（上限 ${result.points} 分）`;
  return `<h3 id="ind-${esc(result.id)}">${esc(result.name)}（${findings.length}）<span class="tag">${esc(status)}</span></h3>
${ind ? `<div class="rule">规则：${esc(ind.rule)}<br>依据：${esc(ind.source)}</div>` : ''}
${ind?.advice ? `<div class="advice">整改建议：${esc(ind.advice)}</div>` : ''}
<ol class="findings">${findings.map((f) => renderFinding(f, tz)).join('\n')}</ol>`;
}

function renderFinding(f: ScorecardFinding, tz: string): string {
  const rows = evidenceRows(f.evidence);
  const tags = [
    `<span class="tag">${esc(severityText[f.severity] ?? f.severity)}</span>`,
    f.state === 'new' ? '<span class="tag new">新发现</span>' : `<span class="tag persisting">持续存在（自 ${esc(formatDateTime(f.firstSeen, tz).slice(0, 10))} 起）</span>`,
    f.review && !f.confirmed ? '<span class="tag review">待复核，不计分</span>' : '',
    f.confirmed ? `<span class="tag confirmed">已确认（${esc(f.confirmed.by)}）</span>` : '',
    f.waived ? `<span class="tag waived">已豁免${f.waived.until ? `至 ${esc(f.waived.until)}` : ''}，不计分</span>` : '',
  ].join('');
  return `<li class="sev-${esc(f.severity)}${f.waived ? ' waived' : ''}"><div class="head">${tags} ${esc(f.message)} <code>${esc(f.code)}</code></div>
${f.url ? `<div class="url">页面：<a href="${safeHref(f.url)}" rel="noopener noreferrer">${esc(f.url)}</a></div>` : ''}
${rows.length ? `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` : ''}
${f.waived ? `<div class="advice">豁免理由：${esc(f.waived.reason)}${f.waived.by ? `（${esc(f.waived.by)}）` : ''}</div>` : ''}
<div class="id">编号 ${esc(f.identity)}</div></li>`;
}

function renderMetrics(card: Scorecard): string {
  const parts = card.checks
    .map((c) => ({ c, html: card.metrics[c.id] === undefined ? '' : renderMetricsSection(c.id, card.metrics[c.id], card) }))
    .filter((p) => p.html)
    .map((p) => `<h3>${esc(p.c.title)}</h3>${p.html}`);
  return parts.length ? `<section><h2>检测数据</h2>${parts.join('\n')}</section>` : '';
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
