/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The district overview (or, for a unit's viewer, the unit's own sites): every site with its stored score, verdict
// (pending vetoes spelled out: 合格（待复核：N 项疑似单项否决，确认即不合格）), trend and worst findings; the units
// ranked by average score.
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

function SiteRow(props: { v: SiteView }) {
  const { v } = props;
  const c = v.latest;
  const unit = <a href={unitPath(v.site.unit)}>{v.site.unit}</a>;
  const name = <a href={sitePath(v.site.id)}>{v.site.name}</a>;
  if (!c)
    return (
      <tr data-site={v.site.id}>
        <td>{name}</td>
        <td>{unit}</td>
        <td class="num">—</td>
        <td>尚无检查结果</td>
        <td></td>
        <td class="num">—</td>
        <td class="num">—</td>
        <td></td>
      </tr>
    );
  const counted = c.findings.filter(isScored);
  const worst = worstFindings(c);
  const pending = pendingVetoFindings(c).length;
  return (
    <tr data-site={v.site.id} class={c.verdict === '合格' && !pending ? undefined : 'bad'}>
      <td>{name}</td>
      <td>{unit}</td>
      <td class="num score">{c.score}</td>
      <td class={c.verdict === '合格' ? (pending ? 'st-pending' : 'st-passed') : 'st-failed'}>{verdictText(c)}</td>
      <td>{trusted(renderSparklineSvg(v.trend))}</td>
      <td class="num">{counted.length}</td>
      <td class="num">{counted.filter((f) => f.state === 'new').length}</td>
      <td>
        {worst.length ? (
          <ul class="worst">
            {worst.map((f) => (
              <li>
                <span class="tag">{severityText[f.severity] ?? f.severity}</span>
                {clip(f.message, 60)}
              </li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

export function Overview(props: { views: SiteView[]; viewer: Viewer; config: DistrictConfig }) {
  const { views, viewer, config } = props;
  const tz = config.timezone;
  const checked = views.filter((v) => v.latest);
  const cards = checked.map((v) => v.latest!);
  const passed = cards.filter((c) => c.verdict === '合格').length;
  const pending = cards.filter((c) => c.verdict === '合格' && pendingVetoFindings(c).length > 0).length;
  const latestAt = cards.map((c) => c.auditedAt).sort().at(-1);
  const title = viewer.kind === 'unit' ? `${viewer.unit} 网站检查情况` : `${config.district}政府网站检查总览`;
  const units = rankUnits(cards);
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
        <div class="scroll">
          <table class="sites">
            <thead>
              <tr>
                <th>网站</th>
                <th>责任单位</th>
                <th class="num">得分</th>
                <th>结论</th>
                <th>趋势</th>
                <th class="num">问题数</th>
                <th class="num">新发现</th>
                <th>主要问题</th>
              </tr>
            </thead>
            <tbody>
              {views.map((v) => (
                <SiteRow v={v} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {units.length > 1 || viewer.kind === 'center' ? (
        <section>
          <h2>各单位排名</h2>
          <div class="scroll">
            <table class="units">
              <thead>
                <tr>
                  <th class="num">排名</th>
                  <th>单位</th>
                  <th class="num">网站数</th>
                  <th class="num">平均得分</th>
                  <th class="num">合格</th>
                  <th class="num">问题数</th>
                </tr>
              </thead>
              <tbody>
                {units.map((u) => (
                  <tr data-unit={u.unit}>
                    <td class="num">{u.rank}</td>
                    <td>
                      <a href={unitPath(u.unit)}>{u.unit}</a>
                    </td>
                    <td class="num">{u.cards.length}</td>
                    <td class="num">{u.averageScore}</td>
                    <td class="num">
                      {u.passed}/{u.cards.length}
                    </td>
                    <td class="num">{u.findings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
