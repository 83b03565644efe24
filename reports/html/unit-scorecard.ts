// A unit's scorecard across its sites: average score, each site's verdict and trend, and the unit's problems
// grouped by indicator (which site, which page), so the unit's office sees all it has to fix on one page.
import type { DistrictConfig } from '../../config/schema.ts';
import { isScored } from '../rescore.ts';
import type { TrendPoint } from '../trend.ts';
import type { UnitSummary } from '../units.ts';
import { esc, safeHref } from './escape.ts';
import { formatDateTime } from './labels.ts';
import { reportCss } from './styles.ts';
import { renderSparklineSvg } from './trend-chart.ts';

export interface UnitScorecardOptions {
  /** Link of a site's scorecard (default `<siteId>.html`, the audit's scorecards folder). */
  siteHref?: (siteId: string) => string;
  /** Trend per site id, oldest first. */
  histories?: Map<string, TrendPoint[]>;
  /** Findings listed per indicator at most. */
  perIndicator?: number;
}

/** The standalone page (inline stylesheet). */
export function renderUnitScorecardHtml(summary: UnitSummary, config?: DistrictConfig, opts: UnitScorecardOptions = {}): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(summary.unit)} 网站检查汇总</title>
<style>${reportCss}</style></head>
<body><main>
${renderUnitScorecardMain(summary, config, opts)}
</main></body></html>
`;
}

/** The content without the page around it. */
export function renderUnitScorecardMain(summary: UnitSummary, config?: DistrictConfig, opts: UnitScorecardOptions = {}): string {
  const tz = config?.timezone ?? 'Asia/Shanghai';
  const href = opts.siteHref ?? ((id: string) => `${encodeURIComponent(id)}.html`);
  const limit = opts.perIndicator ?? 20;
  const latest = summary.cards.map((c) => c.auditedAt).sort().at(-1);
  const byIndicator = new Map<string, { name: string; kind: string; items: { site: string; siteId: string; f: UnitSummary['cards'][number]['findings'][number] }[] }>();
  for (const card of summary.cards) {
    for (const f of card.findings.filter(isScored)) {
      const id = f.indicators[0] ?? '';
      const ind = card.indicators.find((i) => i.id === id);
      const entry = byIndicator.get(id) ?? { name: ind?.name ?? '其他问题（不计分）', kind: ind?.kind ?? 'other', items: [] };
      entry.items.push({ site: card.siteName, siteId: card.siteId, f });
      byIndicator.set(id, entry);
    }
  }
  const groups = [...byIndicator.entries()].sort(([, a], [, b]) => rankKind(a.kind) - rankKind(b.kind) || b.items.length - a.items.length);
  return `<header>
<h1>${esc(summary.unit)} 网站检查汇总</h1>
<p class="meta">${config ? `${esc(config.district)}　` : ''}最近检查：${latest ? esc(formatDateTime(latest, tz)) : '—'}</p>
<div class="summary"><div>网站数<b>${summary.cards.length}</b></div><div>平均得分<b>${esc(summary.averageScore)}</b></div><div>合格<b>${summary.passed}/${summary.cards.length}</b></div><div>计分问题<b>${summary.findings}</b></div><div>新发现<b>${summary.newFindings}</b></div></div>
</header>
<section><h2>各网站情况</h2>
<div class="scroll"><table class="sites"><thead><tr><th>网站</th><th class="num">得分</th><th>结论</th><th>单项否决</th><th class="num">问题数</th><th class="num">新发现</th><th class="num">已整改</th><th>趋势</th></tr></thead><tbody>
${summary.cards
  .map((c) => {
    const counted = c.findings.filter(isScored);
    const vetoNames = c.vetoes.map((v) => c.indicators.find((i) => i.id === v)?.name ?? v);
    return `<tr${c.verdict === '合格' ? '' : ' class="bad"'} data-site="${esc(c.siteId)}"><td><a href="${esc(href(c.siteId))}">${esc(c.siteName)}</a></td><td class="num">${esc(c.score)}</td><td class="${c.verdict === '合格' ? 'st-passed' : 'st-failed'}">${esc(c.verdict)}</td><td>${vetoNames.map(esc).join('、') || '—'}</td><td class="num">${counted.length}</td><td class="num">${counted.filter((f) => f.state === 'new').length}</td><td class="num">${c.fixed.length}</td><td>${renderSparklineSvg(opts.histories?.get(c.siteId) ?? [])}</td></tr>`;
  })
  .join('\n')}
</tbody></table></div></section>
<section><h2>存在问题</h2>
${groups.length === 0 ? '<p>未发现计分问题。</p>' : ''}
${groups
  .map(
    ([, g]) => `<h3>${esc(g.name)}（${g.items.length}）</h3>
<ol class="findings">${g.items
      .slice(0, limit)
      .map(({ site, siteId, f }) => `<li class="sev-${esc(f.severity)}"><div class="head">${f.state === 'new' ? '<span class="tag new">新发现</span>' : '<span class="tag">持续存在</span>'}<a href="${esc(href(siteId))}">${esc(site)}</a>：${esc(f.message)}</div>${f.url ? `<div class="url">页面：<a href="${safeHref(f.url)}" rel="noopener noreferrer">${esc(f.url)}</a></div>` : ''}</li>`)
      .join('\n')}</ol>${g.items.length > limit ? `<p class="meta">另有 ${g.items.length - limit} 个问题，见各网站报告。</p>` : ''}`,
  )
  .join('\n')}
</section>
<footer>本汇总由 govaudit 自动生成，得分为各网站得分的平均值；问题详情、证据与整改建议见各网站检查报告。</footer>`;
}

function rankKind(kind: string): number {
  return kind === 'veto' ? 0 : kind === 'deduction' ? 1 : 2;
}
