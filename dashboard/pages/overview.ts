// The district overview (or, for a unit's token, the unit's own sites): every site with its score, verdict,
// trend and worst findings; the units ranked by average score.
import type { DistrictConfig } from '../../config/schema.ts';
import { esc } from '../../reports/html/escape.ts';
import { formatDateTime, severityText } from '../../reports/html/labels.ts';
import { renderSparklineSvg } from '../../reports/html/trend-chart.ts';
import { isScored } from '../../reports/rescore.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { rankUnits, round1 } from '../../reports/units.ts';
import type { Viewer } from '../access.ts';
import type { SiteView } from '../data.ts';
import { sitePath, unitPath } from '../layout.ts';

const severityRank: Record<string, number> = { veto: 0, major: 1, minor: 2, info: 3 };

/** The few findings a reader should see first: gravest, then new ones. */
export function worstFindings(card: Scorecard, n = 3): Scorecard['findings'] {
  return card.findings
    .filter(isScored)
    .sort((a, b) => (severityRank[a.severity] ?? 9) - (severityRank[b.severity] ?? 9) || (a.state === 'new' ? 0 : 1) - (b.state === 'new' ? 0 : 1))
    .slice(0, n);
}

export function overviewBody(views: SiteView[], viewer: Viewer, config: DistrictConfig): string {
  const tz = config.timezone;
  const checked = views.filter((v) => v.latest);
  const cards = checked.map((v) => v.latest!);
  const passed = cards.filter((c) => c.verdict === '合格').length;
  const latestAt = cards.map((c) => c.auditedAt).sort().at(-1);
  const title = viewer.kind === 'unit' ? `${viewer.unit} 网站检查情况` : `${config.district}政府网站检查总览`;
  const units = rankUnits(cards);
  return `<h1>${esc(title)}</h1>
<div class="summary"><div>网站<b>${views.length}</b></div><div>已检查<b>${checked.length}</b></div><div>合格<b>${passed}</b></div><div>合格率<b>${cards.length ? round1((passed / cards.length) * 100) : 0}%</b></div><div>平均得分<b>${cards.length ? round1(cards.reduce((s, c) => s + c.score, 0) / cards.length) : '—'}</b></div><div>最近检查<b>${latestAt ? esc(formatDateTime(latestAt, tz)) : '—'}</b></div></div>
<section><h2>各网站</h2>
<div class="scroll"><table class="sites"><thead><tr><th>网站</th><th>责任单位</th><th class="num">得分</th><th>结论</th><th>趋势</th><th class="num">问题数</th><th class="num">新发现</th><th>主要问题</th></tr></thead><tbody>
${views
  .map((v) => {
    const c = v.latest;
    const unit = `<a href="${esc(unitPath(v.site.unit))}">${esc(v.site.unit)}</a>`;
    if (!c) return `<tr data-site="${esc(v.site.id)}"><td><a href="${esc(sitePath(v.site.id))}">${esc(v.site.name)}</a></td><td>${unit}</td><td class="num">—</td><td>尚无检查结果</td><td></td><td class="num">—</td><td class="num">—</td><td></td></tr>`;
    const counted = c.findings.filter(isScored);
    const worst = worstFindings(c).map((f) => `<li><span class="tag">${esc(severityText[f.severity] ?? f.severity)}</span>${esc(clip(f.message, 60))}</li>`).join('');
    return `<tr data-site="${esc(v.site.id)}"${c.verdict === '合格' ? '' : ' class="bad"'}><td><a href="${esc(sitePath(v.site.id))}">${esc(v.site.name)}</a></td><td>${unit}</td><td class="num score">${esc(c.score)}</td><td class="${c.verdict === '合格' ? 'st-passed' : 'st-failed'}">${esc(c.verdict)}</td><td>${renderSparklineSvg(v.trend)}</td><td class="num">${counted.length}</td><td class="num">${counted.filter((f) => f.state === 'new').length}</td><td>${worst ? `<ul class="worst">${worst}</ul>` : '—'}</td></tr>`;
  })
  .join('\n')}
</tbody></table></div></section>
${
  units.length > 1 || viewer.kind === 'center'
    ? `<section><h2>各单位排名</h2>
<div class="scroll"><table class="units"><thead><tr><th class="num">排名</th><th>单位</th><th class="num">网站数</th><th class="num">平均得分</th><th class="num">合格</th><th class="num">问题数</th></tr></thead><tbody>
${units.map((u) => `<tr data-unit="${esc(u.unit)}"><td class="num">${u.rank}</td><td><a href="${esc(unitPath(u.unit))}">${esc(u.unit)}</a></td><td class="num">${u.cards.length}</td><td class="num">${esc(u.averageScore)}</td><td class="num">${u.passed}/${u.cards.length}</td><td class="num">${u.findings}</td></tr>`).join('\n')}
</tbody></table></div></section>`
    : ''
}`;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
