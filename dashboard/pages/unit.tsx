/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// A unit's page: its scorecard across its sites (reports/html/unit-scorecard.tsx) with links to each site and to
// its findings in the shared list (filters, Excel and CSV export).
import type { Child } from 'hono/jsx';
import type { DistrictConfig } from '../../config/schema.ts';
import { UnitScorecardMain } from '../../reports/html/unit-scorecard.tsx';
import { rankUnits } from '../../reports/units.ts';
import type { SiteView } from '../data.ts';
import { sitePath } from '../layout.tsx';

export function UnitPage(props: { unit: string; views: SiteView[]; config: DistrictConfig; children?: Child }) {
  const { unit, views, config } = props;
  const checked = views.filter((v) => v.latest);
  const missing = views.filter((v) => !v.latest);
  const note = missing.length ? (
    <p class="meta">
      尚无检查结果：
      {missing.map((v, i) => (
        <>
          {i ? '、' : ''}
          <a href={sitePath(v.site.id)}>{v.site.name}</a>
        </>
      ))}
    </p>
  ) : null;
  if (!checked.length)
    return (
      <>
        <h1>{unit} 网站检查汇总</h1>
        {note}
        {props.children}
      </>
    );
  const summary = rankUnits(checked.map((v) => v.latest!))[0];
  const histories = new Map(checked.map((v) => [v.site.id, v.trend]));
  const q = `?unit=${encodeURIComponent(unit)}`;
  return (
    <>
      <UnitScorecardMain summary={summary} config={config} opts={{ histories, siteHref: sitePath }} />
      <p class="meta unit-lists">
        本单位全部问题：<a href={`/findings${q}`}>按网站、检查项、严重程度筛选</a>　导出 <a href={`/findings.xlsx${q}`}>Excel</a>、<a href={`/findings.csv${q}`}>CSV</a>
      </p>
      {note}
      {props.children}
    </>
  );
}
