/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// A unit's scorecard across its sites: average score, each site's verdict (pending vetoes spelled out) and trend,
// and the unit's problems grouped by indicator (which site, which page), so the unit's office sees all it has to fix
// on one page, with the problems past an issued bulletin's 整改期限 (逾期未整改) first.
import type { DistrictConfig } from '../../config/schema.ts';
import { findingCounts, isCounted } from '../counts.ts';
import { pendingVetoFindings, verdictText } from '../rescore.ts';
import type { OverdueRectification } from '../rectification.ts';
import type { TrendPoint } from '../trend.ts';
import type { UnitSummary } from '../units.ts';
import { displayMessage, formatDateTime } from '../vocabulary.ts';
import { documentHtml, ReportPage, toHtml, trusted } from './page.tsx';
import { Link } from './section-kit.tsx';
import { reportCss } from './styles.ts';
import { renderSparklineSvg } from './trend-chart.ts';

export interface UnitScorecardOptions {
  /** Link of a site's scorecard (default `<siteId>.html`, the audit's scorecards folder). */
  siteHref?: (siteId: string) => string;
  /** Trend per site id, oldest first. */
  histories?: Map<string, TrendPoint[]>;
  /** Findings listed per indicator at most. */
  perIndicator?: number;
  /** The unit's problems past the deadline of an issued bulletin (逾期未整改), listed when any. */
  overdue?: OverdueRectification[];
}

const claimText: Record<NonNullable<OverdueRectification['claim']>, string> = { claimed: '已报整改，待复查', closed: '已整改', reopened: '复查仍存在' };

/** The unit's overdue rectifications: site, problem, the bulletin's deadline, days overdue and the unit's claim. */
export function OverdueSection(props: { overdue: OverdueRectification[]; siteHref: (siteId: string) => string }) {
  const { overdue } = props;
  return (
    <section class="overdue">
      <h2>逾期未整改（{overdue.length}）</h2>
      <p class="veto">以下问题已在月度通报中通报，整改期限已过仍未整改（未经复查确认已整改，也未被排除或豁免），将在下期通报中列出。请尽快整改并申请复查。</p>
      <div class="scroll">
        <table class="overdue">
          <thead>
            <tr><th>网站</th><th>问题</th><th>通报月份</th><th>整改期限</th><th class="num">逾期天数</th><th>整改状态</th></tr>
          </thead>
          <tbody>
            {overdue.map((o) => (
              <tr data-site={o.siteId} data-identity={o.identity}>
                <td><a href={props.siteHref(o.siteId)}>{o.siteName}</a></td>
                <td>{o.message}</td>
                <td>{o.month}</td>
                <td>{o.deadline}</td>
                <td class="num">{o.daysOverdue}</td>
                <td>{o.claim ? claimText[o.claim] : '未报整改'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The standalone page (inline stylesheet). */
export function renderUnitScorecardHtml(summary: UnitSummary, config?: DistrictConfig, opts: UnitScorecardOptions = {}): string {
  return documentHtml(
    <ReportPage title={`${summary.unit} 网站检查汇总`} css={reportCss}>
      <UnitScorecardMain summary={summary} config={config} opts={opts} />
    </ReportPage>,
  );
}

/** The content without the page around it. */
export function renderUnitScorecardMain(summary: UnitSummary, config?: DistrictConfig, opts: UnitScorecardOptions = {}): string {
  return toHtml(<UnitScorecardMain summary={summary} config={config} opts={opts} />);
}

type Item = { site: string; siteId: string; f: UnitSummary['cards'][number]['findings'][number] };

export function UnitScorecardMain(props: { summary: UnitSummary; config?: DistrictConfig; opts?: UnitScorecardOptions }) {
  const { summary, config } = props;
  const opts = props.opts ?? {};
  const tz = config?.timezone ?? 'Asia/Shanghai';
  const href = opts.siteHref ?? ((id: string) => `${encodeURIComponent(id)}.html`);
  const limit = opts.perIndicator ?? 20;
  const latest = summary.cards.map((c) => c.auditedAt).sort().at(-1);
  const byIndicator = new Map<string, { name: string; kind: string; items: Item[] }>();
  const pending: Item[] = [];
  for (const card of summary.cards) {
    for (const f of pendingVetoFindings(card)) pending.push({ site: card.siteName, siteId: card.siteId, f });
    for (const f of card.findings.filter(isCounted)) {
      const id = f.indicators[0];
      const ind = card.indicators.find((i) => i.id === id);
      const entry = byIndicator.get(id) ?? { name: ind?.name ?? id, kind: ind?.kind ?? 'deduction', items: [] };
      entry.items.push({ site: card.siteName, siteId: card.siteId, f });
      byIndicator.set(id, entry);
    }
  }
  const groups = [...byIndicator.values()].sort((a, b) => rankKind(a.kind) - rankKind(b.kind) || b.items.length - a.items.length);
  const unitVerdict = summary.verdict === '合格' && summary.pendingVetoes ? `合格（待复核：${summary.pendingVetoes} 项疑似单项否决，确认即不合格）` : summary.verdict;
  return (
    <>
      <header>
        <h1>{summary.unit} 网站检查汇总</h1>
        <p class="meta">
          {config ? `${config.district}　` : ''}最近检查：{latest ? formatDateTime(latest, tz) : '—'}
        </p>
        <div class={`verdict ${summary.verdict === '合格' ? (summary.pendingVetoes ? 'pending' : 'pass') : 'fail'}`}>
          <span class="score">{summary.averageScore}</span>
          <span class="unit">分（平均）</span>
          <strong class="verdict-text">{unitVerdict}</strong>
        </div>
        <div class="summary">
          <div>网站数<b>{summary.cards.length}</b></div>
          <div>合格<b>{summary.passed}/{summary.cards.length}</b></div>
          <div>计分问题<b>{summary.findings}</b></div>
          <div>新发现<b>{summary.newFindings}</b></div>
          <div>待复核否决项<b>{summary.pendingVetoes}</b></div>
        </div>
      </header>
      <section>
        <h2>各网站情况</h2>
        <div class="scroll">
          <table class="sites">
            <thead>
              <tr><th>网站</th><th class="num">得分</th><th>结论</th><th>单项否决</th><th class="num">计分问题</th><th class="num">新发现</th><th class="num">已整改</th><th>趋势</th></tr>
            </thead>
            <tbody>
              {summary.cards.map((c) => {
                const n = findingCounts(c);
                const vetoNames = c.vetoes.map((v) => c.indicators.find((i) => i.id === v)?.name ?? v);
                return (
                  <tr class={c.verdict === '合格' ? (n.pendingVetoes ? 'pending' : undefined) : 'bad'} data-site={c.siteId}>
                    <td><a href={href(c.siteId)}>{c.siteName}</a></td>
                    <td class="num">{c.score}</td>
                    <td class={c.verdict === '合格' ? (n.pendingVetoes ? 'st-review' : 'st-passed') : 'st-failed'}>{verdictText(c)}</td>
                    <td>{vetoNames.join('、') || (n.pendingVetoes ? `待复核 ${n.pendingVetoes}` : '—')}</td>
                    <td class="num">{n.counted}</td>
                    <td class="num">{n.fresh}</td>
                    <td class="num">{n.fixed}</td>
                    <td>{trusted(renderSparklineSvg(opts.histories?.get(c.siteId) ?? []))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {opts.overdue?.length ? <OverdueSection overdue={opts.overdue} siteHref={href} /> : null}
      {pending.length ? (
        <section>
          <h2>待复核的疑似单项否决问题（{pending.length}）</h2>
          <p class="veto pending">以下问题经网站管理中心确认后，所在网站即为不合格，请立即核查处理。</p>
          <ol class="findings">
            {pending.map(({ site, siteId, f }) => (
              <li class="sev-veto">
                <div class="head">
                  <span class="tag review">待复核</span>
                  <a href={href(siteId)}>{site}</a>：{displayMessage(f)}
                </div>
                {f.url ? <div class="url">页面：<Link url={f.url} /></div> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section>
        <h2>存在问题</h2>
        {groups.length === 0 ? <p>未发现计分问题。</p> : null}
        {groups.map((g) => (
          <>
            <h3>{g.name}（{g.items.length}）</h3>
            <ol class="findings">
              {g.items.slice(0, limit).map(({ site, siteId, f }) => (
                <li class={`sev-${f.severity}`}>
                  <div class="head">
                    {f.state === 'new' ? <span class="tag new">新发现</span> : <span class="tag">持续存在</span>}
                    <a href={href(siteId)}>{site}</a>：{displayMessage(f)}
                  </div>
                  {f.url ? <div class="url">页面：<Link url={f.url} /></div> : null}
                </li>
              ))}
            </ol>
            {g.items.length > limit ? <p class="meta">另有 {g.items.length - limit} 个问题，见各网站报告。</p> : null}
          </>
        ))}
      </section>
      <footer>本汇总由网站检查系统自动生成，得分为各网站得分的平均值；问题详情、证据与整改建议见各网站检查报告。</footer>
    </>
  );
}

function rankKind(kind: string): number {
  return kind === 'veto' ? 0 : kind === 'deduction' ? 1 : 2;
}
