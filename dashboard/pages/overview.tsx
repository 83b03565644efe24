/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The district overview (or, for a unit's viewer, the unit's own sites): every site with its stored score, verdict
// (pending vetoes spelled out: 合格（待复核：N 项疑似单项否决，确认即不合格）), trend and worst findings; the units
// ranked by average score. Both tables are shared lists (dashboard/list.tsx): filters, search, sort, exports.
import type { DistrictConfig } from '../../config/schema.ts';
import { trusted } from '../../reports/html/page.tsx';
import { formatDateTime, severityText } from '../../reports/html/labels.ts';
import { renderSparklineSvg } from '../../reports/html/trend-chart.ts';
import { isScored, pendingVetoFindings, verdictText } from '../../reports/rescore.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { rankUnits, round1 } from '../../reports/units.ts';
import type { Viewer } from '../access.ts';
import type { SiteView } from '../data.ts';
import { sitePath, unitPath } from '../layout.tsx';
import { applyList, choices, ListControls, type ListQuery, type ListSpec, ListTable, prefixed } from '../list.tsx';

const severityRank: Record<string, number> = { veto: 0, major: 1, minor: 2, info: 3 };

/** The few findings a reader should see first: gravest, then new ones. */
export function worstFindings(card: Scorecard, n = 3): Scorecard['findings'] {
  return card.findings
    .filter(isScored)
    .sort((a, b) => (severityRank[a.severity] ?? 9) - (severityRank[b.severity] ?? 9) || (a.state === 'new' ? 0 : 1) - (b.state === 'new' ? 0 : 1))
    .slice(0, n);
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

type UnitRow = ReturnType<typeof rankUnits>[number];

/** A site's state as the verdict filter reads it. */
function stateOf(v: SiteView): 'none' | 'failed' | 'pending' | 'passed' {
  const c = v.latest;
  if (!c) return 'none';
  if (c.verdict !== '合格') return 'failed';
  return pendingVetoFindings(c).length ? 'pending' : 'passed';
}

const byConfig = (order: Map<string, number>) => (a: SiteView, b: SiteView) => (order.get(a.site.id) ?? 0) - (order.get(b.site.id) ?? 0);

/** The overview's sites: filter by unit and verdict, search, sort by score or name; config order by default. */
export function sitesSpec(config: DistrictConfig): ListSpec<SiteView> {
  const tz = config.timezone;
  const order = new Map(config.sites.map((s, i) => [s.id, i]));
  const counted = (v: SiteView) => v.latest?.findings.filter(isScored) ?? [];
  const score = (v: SiteView) => v.latest?.score ?? Number.POSITIVE_INFINITY;
  return {
    title: '各网站',
    file: 'sites',
    columns: [
      { header: '网站', text: (v) => v.site.name, view: (v) => <a href={sitePath(v.site.id)}>{v.site.name}</a>, width: 28 },
      { header: '责任单位', text: (v) => v.site.unit, view: (v) => <a href={unitPath(v.site.unit)}>{v.site.unit}</a>, width: 24 },
      { header: '得分', text: (v) => (v.latest ? String(v.latest.score) : '—'), view: (v) => (v.latest ? <span class="score">{v.latest.score}</span> : '—'), class: 'num', numeric: true, width: 8 },
      {
        header: '结论',
        text: (v) => (v.latest ? verdictText(v.latest) : '尚无检查结果'),
        view: (v) => (v.latest ? <span class={{ failed: 'st-failed', pending: 'st-pending', passed: 'st-passed', none: '' }[stateOf(v)]}>{verdictText(v.latest)}</span> : '尚无检查结果'),
        width: 30,
      },
      { header: '趋势', view: (v) => (v.latest ? trusted(renderSparklineSvg(v.trend)) : null) },
      { header: '问题数', text: (v) => (v.latest ? String(counted(v).length) : '—'), class: 'num', numeric: true, width: 8 },
      { header: '新发现', text: (v) => (v.latest ? String(counted(v).filter((f) => f.state === 'new').length) : '—'), class: 'num', numeric: true, width: 8 },
      {
        header: '主要问题',
        text: (v) => (v.latest ? worstFindings(v.latest).map((f) => `${severityText[f.severity] ?? f.severity} ${f.message}`).join('；') : ''),
        view: (v) => {
          const worst = v.latest ? worstFindings(v.latest) : [];
          return worst.length ? (
            <ul class="worst">
              {worst.map((f) => (
                <li>
                  <span class="tag">{severityText[f.severity] ?? f.severity}</span>
                  {clip(f.message, 60)}
                </li>
              ))}
            </ul>
          ) : v.latest ? (
            '—'
          ) : null;
        },
        width: 60,
      },
      { header: '检查时间', text: (v) => (v.latest ? formatDateTime(v.latest.auditedAt, tz) : ''), exportOnly: true, width: 18 },
      { header: '首页', text: (v) => v.site.homepage, exportOnly: true, width: 30 },
    ],
    filters: [
      { key: 'unit', label: '单位', options: (all) => choices(all.map((v) => [v.site.unit, v.site.unit])), match: (v, x) => v.site.unit === x },
      {
        key: 'verdict',
        label: '结论',
        options: () => [['passed', '合格'], ['pending', '合格（有待复核）'], ['failed', '不合格'], ['none', '尚无检查结果']],
        match: (v, x) => stateOf(v) === x,
      },
    ],
    search: (v) => `${v.site.name} ${v.site.unit} ${v.site.id} ${v.site.homepage}`,
    sorts: [
      { key: 'config', label: '按名单顺序', compare: byConfig(order) },
      { key: 'score', label: '按得分（低分在前）', compare: (a, b) => score(a) - score(b) },
      { key: 'score-desc', label: '按得分（高分在前）', compare: (a, b) => (score(b) === Number.POSITIVE_INFINITY ? -1 : score(a) === Number.POSITIVE_INFINITY ? 1 : score(b) - score(a)) },
      { key: 'findings', label: '按问题数（多在前）', compare: (a, b) => counted(b).length - counted(a).length },
      { key: 'unit', label: '按单位', compare: (a, b) => a.site.unit.localeCompare(b.site.unit, 'zh') },
    ],
    tiebreak: byConfig(order),
  };
}

/** The units ranking as a list (its parameters prefixed `u_`, beside the sites list on one page). */
export function unitsSpec(): ListSpec<UnitRow> {
  return {
    title: '各单位排名',
    file: 'units',
    prefix: 'u_',
    columns: [
      { header: '排名', text: (u) => String(u.rank), class: 'num', numeric: true, width: 6 },
      { header: '单位', text: (u) => u.unit, view: (u) => <a href={unitPath(u.unit)}>{u.unit}</a>, width: 28 },
      { header: '网站数', text: (u) => String(u.cards.length), class: 'num', numeric: true, width: 8 },
      { header: '平均得分', text: (u) => String(u.averageScore), class: 'num', numeric: true, width: 10 },
      { header: '合格', text: (u) => `${u.passed}/${u.cards.length}`, class: 'num', numeric: true, width: 8 },
      { header: '问题数', text: (u) => String(u.findings), class: 'num', numeric: true, width: 8 },
    ],
    filters: [{ key: 'verdict', label: '结论', options: () => [['合格', '全部网站合格'], ['不合格', '有网站不合格']], match: (u, v) => u.verdict === v }],
    search: (u) => u.unit,
    sorts: [
      { key: 'rank', label: '按排名', compare: (a, b) => a.rank - b.rank },
      { key: 'name', label: '按单位名称', compare: (a, b) => a.unit.localeCompare(b.unit, 'zh') },
      { key: 'findings', label: '按问题数（多在前）', compare: (a, b) => b.findings - a.findings },
    ],
    tiebreak: (a, b) => a.unit.localeCompare(b.unit, 'zh'),
  };
}

/**
 * The sites list with its controls, for any page listing sites (the overview; a unit's page with
 * `action={unitPath(unit)}` and `exportPath={`${unitPath(unit)}/sites`}`, whose export route app.tsx already serves).
 */
export function SitesList(props: { views: SiteView[]; config: DistrictConfig; query: ListQuery; action: string; exportPath: string; keep?: Record<string, string> }) {
  const spec = sitesSpec(props.config);
  const rows = applyList(spec, props.views, props.query);
  return (
    <>
      <ListControls spec={spec} all={props.views} shown={rows.length} query={props.query} action={props.action} exportPath={props.exportPath} keep={props.keep} />
      <ListTable spec={spec} rows={rows} class="sites" rowAttrs={(v) => ({ 'data-site': v.site.id, class: stateOf(v) === 'failed' || stateOf(v) === 'pending' ? 'bad' : undefined })} />
    </>
  );
}

/** The units ranking of the sites a viewer sees. */
export function unitRows(views: SiteView[]): UnitRow[] {
  return rankUnits(views.filter((v) => v.latest).map((v) => v.latest!));
}

export function Overview(props: { views: SiteView[]; viewer: Viewer; config: DistrictConfig; siteQuery?: ListQuery; unitQuery?: ListQuery }) {
  const { views, viewer, config } = props;
  const tz = config.timezone;
  const checked = views.filter((v) => v.latest);
  const cards = checked.map((v) => v.latest!);
  const passed = cards.filter((c) => c.verdict === '合格').length;
  const pending = cards.filter((c) => c.verdict === '合格' && pendingVetoFindings(c).length > 0).length;
  const latestAt = cards.map((c) => c.auditedAt).sort().at(-1);
  const title = viewer.kind === 'unit' ? `${viewer.unit} 网站检查情况` : `${config.district}政府网站检查总览`;
  const units = unitRows(views);
  const unitList = unitsSpec();
  const siteQuery = props.siteQuery ?? {};
  const unitQuery = props.unitQuery ?? {};
  const shownUnits = applyList(unitList, units, unitQuery);
  return (
    <>
      <h1>{title}</h1>
      <div class="summary">
        <div>
          网站<b>{views.length}</b>
        </div>
        <div>
          已检查<b>{checked.length}</b>
        </div>
        <div>
          合格<b>{passed}</b>
        </div>
        <div>
          合格率<b>{cards.length ? round1((passed / cards.length) * 100) : 0}%</b>
        </div>
        <div>
          平均得分<b>{cards.length ? round1(cards.reduce((s, c) => s + c.score, 0) / cards.length) : '—'}</b>
        </div>
        <div>
          最近检查<b>{latestAt ? formatDateTime(latestAt, tz) : '—'}</b>
        </div>
      </div>
      {pending ? (
        <p class="veto pending">
          有 {pending} 个网站存在疑似单项否决的问题待复核，确认即不合格{viewer.role === 'admin' || viewer.role === 'reviewer' ? <>（<a href="/review">去复核</a>）</> : null}。
        </p>
      ) : null}
      <section>
        <h2>各网站</h2>
        <SitesList views={views} config={config} query={siteQuery} action="/" exportPath="/sites" keep={prefixed(unitList, unitQuery)} />
      </section>
      {units.length > 1 || viewer.kind === 'center' ? (
        <section>
          <h2>各单位排名</h2>
          <ListControls spec={unitList} all={units} shown={shownUnits.length} query={unitQuery} action="/" exportPath="/units" keep={prefixed(sitesSpec(config), siteQuery)} />
          <ListTable spec={unitList} rows={shownUnits} class="units" rowAttrs={(u) => ({ 'data-unit': u.unit })} />
        </section>
      ) : null}
    </>
  );
}
