/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// A site's page: its stored scorecard (the latest run, or a chosen one) with the trend, the unit's rectification
// claims (read-only; they are made on the unit's page), and its run history.
import type { Child } from 'hono/jsx';
import type { DistrictConfig } from '../../config/schema.ts';
import { formatDateTime } from '../../reports/html/labels.ts';
import { ScorecardMain } from '../../reports/html/scorecard.tsx';
import { isScored, verdictText } from '../../reports/rescore.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import type { SiteView } from '../data.ts';
import { sitePath, unitPath } from '../layout.tsx';

export function SitePage(props: { view: SiteView; config: DistrictConfig; card: Scorecard | null; children?: Child }) {
  const { view, config, card } = props;
  if (!card)
    return (
      <>
        <h1>{view.site.name}</h1>
        <p>尚无检查结果。</p>
        <p>
          <a href={unitPath(view.site.unit)}>{view.site.unit}</a>
        </p>
      </>
    );
  const base = sitePath(view.site.id);
  const isLatest = card.runId === view.latest?.runId;
  const csv = isLatest ? `${base}/findings.csv` : `${base}/runs/${encodeURIComponent(card.runId)}/findings.csv`;
  const links = [
    { href: unitPath(view.site.unit), text: `${view.site.unit} 汇总` },
    { href: csv, text: '问题清单（CSV）' },
    ...(isLatest ? [] : [{ href: base, text: '查看最近一次检查' }]),
  ];
  const history = [...view.history].reverse();
  return (
    <>
      {isLatest ? null : <p class="warn">这是 {formatDateTime(card.auditedAt, config.timezone)} 的检查结果，不是最近一次。</p>}
      <ScorecardMain card={card} config={config} opts={{ history: view.trend, links }} />
      {props.children}
      <section>
        <h2>检查记录（{history.length}）</h2>
        <div class="scroll">
          <table class="history">
            <thead>
              <tr>
                <th>检查时间</th>
                <th class="num">得分</th>
                <th>结论</th>
                <th class="num">问题数</th>
                <th class="num">新发现</th>
                <th class="num">已整改</th>
                <th>运行编号</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => {
                const counted = h.findings.filter(isScored);
                return (
                  <tr data-run={h.runId} class={h.runId === card.runId ? 'current' : undefined}>
                    <td>
                      <a href={`${base}/runs/${encodeURIComponent(h.runId)}`}>{formatDateTime(h.auditedAt, config.timezone)}</a>
                    </td>
                    <td class="num">{h.score}</td>
                    <td class={h.verdict === '合格' ? 'st-passed' : 'st-failed'}>{verdictText(h)}</td>
                    <td class="num">{counted.length}</td>
                    <td class="num">{counted.filter((f) => f.state === 'new').length}</td>
                    <td class="num">{h.fixed.length}</td>
                    <td>
                      <code>{h.runId}</code>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
