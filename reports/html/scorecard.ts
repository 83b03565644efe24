// The scorecard as an HTML page for the unit's clerk (zh-CN, printable on A4, readable on a phone, no script).
import type { DistrictConfig } from '../../config/schema.ts';
import { defaultIndicators } from '../indicators.ts';
import type { Scorecard, ScorecardFinding } from '../scorecard.ts';
import { esc, safeHref } from './escape.ts';
import { statusText, severityText, formatDateTime, evidenceRows } from './labels.ts';

export function renderScorecardHtml(card: Scorecard, config?: DistrictConfig): string {
  const tz = config?.timezone ?? 'Asia/Shanghai';
  const byCheck = new Map<string, ScorecardFinding[]>();
  for (const f of card.findings) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
  const vetoNames = card.vetoes.map((v) => card.indicators.find((i) => i.id === v)?.name ?? v);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(card.siteName)} 网站检查报告</title>
<style>${css}</style></head>
<body><main>
<header>
<h1>${esc(card.siteName)} 网站检查报告</h1>
<p class="meta">责任单位：${esc(card.unit)}　网址：<a href="${safeHref(card.homepage)}">${esc(card.homepage)}</a><br>检查时间：${esc(formatDateTime(card.auditedAt, tz))}　运行编号：${esc(card.runId)}</p>
<div class="verdict ${card.verdict === '合格' ? 'pass' : 'fail'}"><span class="score">${esc(card.score)}</span><span class="unit">分</span><strong>${esc(card.verdict)}</strong></div>
${vetoNames.length ? `<p class="veto">单项否决：${vetoNames.map(esc).join('、')}</p>` : ''}
${card.warnings.length ? `<ul class="warn">${card.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
</header>
<section><h2>指标得分</h2>
<table><thead><tr><th>指标</th><th>类型</th><th>分值</th><th>扣分</th><th>问题数</th></tr></thead><tbody>
${card.indicators
  .map((i) => `<tr${i.vetoed || i.deduction > 0 ? ' class="bad"' : ''}><td>${esc(i.name)}</td><td>${i.kind === 'veto' ? '单项否决' : i.kind === 'bonus' ? '加分' : '扣分'}</td><td>${i.kind === 'veto' ? '—' : esc(i.points)}</td><td>${i.kind === 'veto' ? (i.vetoed ? '否决' : '—') : esc(i.deduction)}</td><td>${esc(i.findings)}</td></tr>`)
  .join('\n')}
</tbody></table></section>
<section><h2>检查项</h2>
<table><thead><tr><th>检查项</th><th>结果</th><th>说明</th></tr></thead><tbody>
${card.checks.map((c) => `<tr><td>${esc(c.title)}</td><td class="st-${esc(c.status)}">${esc(statusText[c.status])}</td><td>${esc(c.reason ?? (c.findings ? `${c.findings} 个问题` : ''))}</td></tr>`).join('\n')}
</tbody></table></section>
<section><h2>问题清单（${card.findings.length}）</h2>
${card.findings.length === 0 ? '<p>未发现问题。</p>' : ''}
${[...byCheck]
  .map(
    ([check, list]) => `<h3>${esc(card.checks.find((c) => c.id === check)?.title ?? check)}（${list.length}）</h3>
<ol class="findings">${list.map((f) => renderFinding(f)).join('\n')}</ol>`,
  )
  .join('\n')}
</section>
${card.fixed.length ? `<section><h2>已整改（与上次检查相比）</h2><ul>${card.fixed.map((f) => `<li>${esc(f.message)}　<span class="url">${esc(f.url ?? '')}</span></li>`).join('')}</ul></section>` : ''}
<footer>本报告由 govaudit 自动生成。标注“待复核”的问题需人工确认，不计入得分。</footer>
</main></body></html>
`;
}

function renderFinding(f: ScorecardFinding): string {
  const advice = defaultIndicators.find((i) => f.indicators.includes(i.id))?.advice;
  const rows = evidenceRows(f.evidence);
  return `<li class="sev-${esc(f.severity)}"><div class="head"><span class="tag">${esc(severityText[f.severity])}</span>${f.review ? '<span class="tag review">待复核</span>' : ''}${f.waived ? '<span class="tag waived">已豁免</span>' : ''}<span class="tag ${f.state}">${f.state === 'new' ? '新发现' : '持续存在'}</span> ${esc(f.message)} <code>${esc(f.code)}</code></div>
${f.url ? `<div class="url">页面：<a href="${safeHref(f.url)}">${esc(f.url)}</a></div>` : ''}
${rows.length ? `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>` : ''}
${advice ? `<div class="advice">整改建议：${esc(advice)}</div>` : ''}</li>`;
}

const css = `
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#fff;line-height:1.6}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.5em;margin:.2em 0}h2{border-bottom:2px solid #b00;padding-bottom:4px;font-size:1.2em}h3{font-size:1.05em}
.meta{color:#555;font-size:.9em}
.verdict{display:inline-flex;align-items:baseline;gap:.3em;padding:.3em .8em;border-radius:6px;margin:.5em 0}
.verdict .score{font-size:2.4em;font-weight:bold}.verdict strong{font-size:1.4em;margin-left:.6em}
.pass{background:#e6f4ea;color:#11632b}.fail{background:#fdecea;color:#a50e0e}
.veto{color:#a50e0e;font-weight:bold}.warn{background:#fff7e0;padding:.5em 1.5em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
tr.bad td{background:#fff3f0}.st-failed{color:#a50e0e}.st-passed{color:#11632b}.st-not-measured,.st-error{color:#8a6d00}
ol.findings li{margin:.5em 0;padding:.4em;border-left:4px solid #ccc;word-break:break-all}
li.sev-veto,li.sev-major{border-color:#c5221f}li.sev-minor{border-color:#e8a200}
.tag{display:inline-block;font-size:.8em;padding:0 .4em;margin-right:.3em;border-radius:3px;background:#eee}
.tag.new{background:#fde0dc}.tag.review{background:#fff3c4}.tag.waived{background:#e0e0e0}
code{font-size:.8em;color:#666}.url{font-size:.88em;color:#333}dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .8em;font-size:.85em;margin:.3em 0}dt{color:#666}dd{margin:0}
.advice{font-size:.88em;color:#11632b}
footer{margin-top:2em;color:#777;font-size:.8em}
@media print{main{max-width:none;padding:0}@page{size:A4;margin:15mm}a{color:inherit;text-decoration:none}li{break-inside:avoid}}
@media (max-width:600px){th,td{padding:3px}table{font-size:.85em}}
`;
