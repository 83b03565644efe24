// A unit's page: its scorecard across its sites (reports/html/unit-scorecard.tsx) with links to each site.
import type { DistrictConfig } from '../../config/schema.ts';
import { esc } from '../../reports/html/escape.ts';
import { renderUnitScorecardMain } from '../../reports/html/unit-scorecard.tsx';
import { rankUnits } from '../../reports/units.ts';
import type { SiteView } from '../data.ts';
import { sitePath } from '../layout.ts';

export function unitBody(unit: string, views: SiteView[], config: DistrictConfig): string {
  const checked = views.filter((v) => v.latest);
  const missing = views.filter((v) => !v.latest);
  const note = missing.length ? `<p class="meta">尚无检查结果：${missing.map((v) => `<a href="${esc(sitePath(v.site.id))}">${esc(v.site.name)}</a>`).join('、')}</p>` : '';
  if (!checked.length) return `<h1>${esc(unit)} 网站检查汇总</h1>${note}`;
  const summary = rankUnits(checked.map((v) => v.latest!))[0];
  const histories = new Map(checked.map((v) => [v.site.id, v.trend]));
  return renderUnitScorecardMain(summary, config, { histories, siteHref: sitePath }) + note;
}
