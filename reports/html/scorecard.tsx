/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The scorecard as an HTML page for the unit's clerk (zh-CN, no script, printable on A4, readable on a 390 px phone):
// verdict and score at the top (with pending vetoes spelled out), the single-veto indicators first, then each
// indicator with its findings — where on the page, a picture of the problem when one was taken, evidence in plain
// Chinese and what to do; the trend over the last runs (SVG); new / persisting / fixed markers.
import type { Child } from 'hono/jsx';
import type { DistrictConfig } from '../../config/schema.ts';
import { catalogueFor } from '../../config/reports/catalogue.ts';
import { checkOutcome, findingCounts, isCounted, isHint } from '../counts.ts';
import type { Indicator } from '../../config/reports/indicators.ts';
import { isAwaitingReview, isScored, verdictText } from '../rescore.ts';
import type { Scorecard, ScorecardFinding } from '../scorecard.ts';
import type { TrendPoint } from '../trend.ts';
import { coverageNote, displayMessage, evidenceView, formatDate, formatDateTime, severityText, splitReason } from '../vocabulary.ts';
import { documentHtml, ReportPage, toHtml, trusted } from './page.tsx';
import { Link, safeHref } from './section-kit.tsx';
import { MetricsSection } from './sections.tsx';
import { reportCss } from './styles.ts';
import { renderTrendSvg } from './trend-chart.ts';

export interface ScorecardHtmlOptions {
  /** Runs for the trend chart, oldest first (reports/trend.ts); the card's own run included. */
  history?: TrendPoint[];
  /** Default: the config's catalogue. */
  catalogue?: Indicator[];
  /** Links shown under the heading (e.g. the unit's scorecard, the CSV and JSON files). */
  links?: { href: string; text: string }[];
  /** Who reads it: a unit's clerk (default) or the center, which also sees what to change to measure 未检测 items. */
  audience?: 'clerk' | 'center';
  /**
   * Where the problem screenshots are, relative to the page (`''` when the page sits in the scorecards folder, as the
   * audit writes it). Absent: no pictures are shown (e.g. a host that does not serve the files).
   */
  screenshotBase?: string;
}

/** The whole standalone page (inline stylesheet). */
export function renderScorecardHtml(card: Scorecard, config?: DistrictConfig, opts: ScorecardHtmlOptions = {}): string {
  return documentHtml(
    <ReportPage title={`${card.siteName} 网站检查报告`} css={reportCss}>
      <ScorecardMain card={card} config={config} opts={opts} />
    </ReportPage>,
  );
}

/** The report's content without the page around it (the dashboard wraps it in its own layout). */
export function renderScorecardMain(card: Scorecard, config?: DistrictConfig, opts: ScorecardHtmlOptions = {}): string {
  return toHtml(<ScorecardMain card={card} config={config} opts={opts} />);
}

type IndicatorResult = Scorecard['indicators'][number];

function vetoCell(i: IndicatorResult): { text: string; cls: string; row?: string } {
  if (i.vetoed) return { text: i.pending ? `否决（另有 ${i.pending} 项待复核）` : '否决', cls: 'st-vetoed', row: 'bad' };
  if (i.pending) return { text: `待复核 ${i.pending}`, cls: 'st-review', row: 'pending' };
  if (i.notMeasured) return { text: '未检测', cls: 'st-not-measured', row: 'nm' };
  return { text: '未触发', cls: 'st-passed' };
}

const outcomeClass: Record<string, string> = { 通过: 'st-passed', 未通过: 'st-failed', 提示: 'st-hint', 待复核: 'st-review', 未检测: 'st-not-measured', 检测出错: 'st-error' };

/** The report's content as a component (for the dashboard's layout). */
export function ScorecardMain(props: { card: Scorecard; config?: DistrictConfig; opts?: ScorecardHtmlOptions }) {
  const { card, config } = props;
  const opts = props.opts ?? {};
  const tz = config?.timezone ?? 'Asia/Shanghai';
  const catalogue = opts.catalogue ?? catalogueFor(config);
  const indicatorById = new Map(catalogue.map((i) => [i.id, i]));
  const vetoNames = card.vetoes.map((v) => card.indicators.find((i) => i.id === v)?.name ?? v);
  const groups = groupByIndicator(card);
  const vetoes = card.indicators.filter((i) => i.kind === 'veto');
  const deductions = card.indicators.filter((i) => i.kind !== 'veto');
  const counts = findingCounts(card);
  const verdict = verdictText(card);
  const trend = opts.history?.length ? renderTrendSvg(opts.history, { timezone: tz, title: `${card.siteName} 最近${opts.history.length}次检查的得分与问题数` }) : '';
  const order = [...vetoes.filter((i) => i.vetoed), ...vetoes.filter((i) => !i.vetoed && i.pending), ...vetoes.filter((i) => !i.vetoed && !i.pending), ...[...deductions].sort((a, b) => b.deduction - a.deduction)];
  const hints = groups.get('') ?? [];
  const base = opts.screenshotBase;
  const hrefOf = (path: string | undefined) => (base === undefined || !path ? undefined : base + path.split('/').map(encodeURIComponent).join('/'));
  const shot = (f: ScorecardFinding) => hrefOf(f.screenshot);
  const homeShot = hrefOf(card.homepageScreenshot);
  return (
    <>
      <header>
        <h1>{card.siteName} 网站检查报告</h1>
        <p class="meta">
          责任单位：{card.unit}　网址：<Link url={card.homepage} />
          <br />
          检查时间：{formatDateTime(card.auditedAt, tz)}
        </p>
        <div class={`verdict ${card.verdict === '合格' ? (counts.pendingVetoes ? 'pending' : 'pass') : 'fail'}`}>
          <span class="score">{card.score}</span>
          <span class="unit">分</span>
          <strong class="verdict-text">{verdict}</strong>
        </div>
        {vetoNames.length ? (
          <p class="veto">单项否决：{vetoNames.join('、')}（任一单项否决即为不合格）</p>
        ) : card.score < 60 ? (
          <p class="veto">得分低于60分，判定为不合格。</p>
        ) : counts.pendingVetoes ? (
          <p class="veto pending">有 {counts.pendingVetoes} 个问题疑似触发单项否决，待网站管理中心复核；确认后本网站即为不合格，请立即核查处理。</p>
        ) : null}
        <p class="counts">
          计分问题 <b>{counts.counted}</b> 个，其中新发现 <b>{counts.fresh}</b> 个；本次已整改 <b>{counts.fixed}</b> 个；待复核 {counts.awaitingReview} 个；已豁免 {counts.waived} 个；提示（不扣分）{counts.hints} 个。
        </p>
        {opts.links?.length ? (
          <p class="links">
            {opts.links.map((l) => (
              <a href={l.href}>{l.text}</a>
            ))}
          </p>
        ) : null}
        {card.warnings.length ? (
          <ul class="warn">
            {card.warnings.map((w) => (
              <li>{splitReason(w).clerk}</li>
            ))}
          </ul>
        ) : null}
      </header>
      {homeShot ? (
        <section>
          <h2>首页截图</h2>
          <figure class="shot home">
            <a href={homeShot}>
              <img src={homeShot} alt={`${card.siteName}首页截图`} />
            </a>
            <figcaption>检查时的首页（个人信息已遮盖）</figcaption>
          </figure>
        </section>
      ) : null}
      {trend ? (
        <section>
          <h2>得分趋势</h2>
          <div class="chart">{trusted(trend)}</div>
        </section>
      ) : null}
      <section>
        <h2>单项否决指标</h2>
        <div class="scroll">
          <table class="vetoes">
            <thead>
              <tr><th>指标</th><th>结果</th><th class="num">问题数</th></tr>
            </thead>
            <tbody>
              {vetoes.map((i) => {
                const c = vetoCell(i);
                return (
                  <tr class={c.row} data-indicator={i.id}>
                    <td>{i.name}</td>
                    <td class={c.cls}>{c.text}</td>
                    <td class="num">{i.findings + (i.pending ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>扣分指标</h2>
        <div class="scroll">
          <table class="deductions">
            <thead>
              <tr><th>指标</th><th class="num">分值</th><th class="num">扣分</th><th class="num">问题数</th></tr>
            </thead>
            <tbody>
              {deductions.map((i) => (
                <tr class={i.deduction > 0 ? 'bad' : i.notMeasured ? 'nm' : undefined}>
                  <td>{i.name}{i.notMeasured ? '（未检测）' : ''}</td>
                  <td class="num">{i.points}</td>
                  <td class="num">{i.notMeasured ? '—' : i.deduction}</td>
                  <td class="num">{i.findings}</td>
                </tr>
              ))}
              <tr>
                <td><b>得分</b></td>
                <td class="num">100</td>
                <td class="num">{round1(deductions.reduce((s, i) => s + i.deduction, 0))}</td>
                <td class="num"><b>{card.score}</b></td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>问题清单</h2>
        {card.findings.length === 0 ? <p>未发现问题。</p> : null}
        {order
          .filter((i) => groups.get(i.id)?.length)
          .map((i) => (
            <IndicatorGroup result={i} ind={indicatorById.get(i.id)} findings={groups.get(i.id)!} tz={tz} shot={shot} />
          ))}
        {hints.length ? (
          <>
            <h3 id="ind-hints">提示（不扣分）（{hints.length}）</h3>
            <p class="rule">以下情况不属于检查指标的扣分项，供网站维护参考。</p>
            <ol class="findings">
              {hints.map((f) => (
                <FindingItem f={f} tz={tz} shot={shot(f)} />
              ))}
            </ol>
          </>
        ) : null}
      </section>
      {card.fixed.length ? (
        <section>
          <h2>已整改（与上次检查相比）（{card.fixed.length}）</h2>
          <ol class="findings">
            {card.fixed.map((f) => (
              <li>
                <span class="tag fixed">已整改</span>
                {f.message}
                {f.url ? <div class="url">页面：<Link url={f.url} /></div> : null}
                <div class="id">编号 {f.identity}　首次发现 {formatDate(f.firstSeen, tz)}</div>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section>
        <h2>检查项</h2>
        <div class="scroll">
          <table class="checks">
            <thead>
              <tr><th>检查项</th><th>结果</th><th>说明</th></tr>
            </thead>
            <tbody>
              {card.checks.map((c) => {
                const outcome = checkOutcome(c, card);
                const reason = c.reason ? splitReason(c.reason) : null;
                const mine = card.findings.filter((f) => f.check === c.id);
                // The reason (why not measured) and still the problem count where there are problems.
                const counts = [
                  mine.some(isCounted) ? `计分问题 ${mine.filter(isCounted).length} 个` : '',
                  mine.some(isAwaitingReview) ? `待复核 ${mine.filter(isAwaitingReview).length} 个，确认后计分` : '',
                ].filter(Boolean).join('；');
                const partial = c.status !== 'not-measured' ? coverageNote(c.coverage) : '';
                const note =
                  reason ? (
                    <>
                      {reason.clerk}
                      {counts ? <div class="check-counts">{counts}</div> : null}
                      {opts.audience === 'center' && reason.center ? <div class="center-note">管理中心：{reason.center}</div> : null}
                    </>
                  ) : partial ? (
                    <>
                      {counts || (outcome === '提示' ? `提示 ${mine.filter(isHint).length} 个，不扣分` : '')}
                      <div class="coverage-note">{partial}</div>
                    </>
                  ) : outcome === '未通过' ? (
                    `计分问题 ${mine.filter(isCounted).length} 个`
                  ) : outcome === '提示' ? (
                    `提示 ${mine.filter(isHint).length} 个，不扣分`
                  ) : outcome === '待复核' ? (
                    `待复核 ${mine.filter(isAwaitingReview).length} 个，确认后计分`
                  ) : (
                    ''
                  );
                return (
                  <tr data-check={c.id}>
                    <td>{c.title}</td>
                    <td class={outcomeClass[outcome]}>{outcome}</td>
                    <td>{note}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <Metrics card={card} tz={tz} />
      <footer>
        本报告由网站检查系统自动生成（检查批次 {card.runId}）。单项否决指标任一项不达标或得分低于60分为不合格。标注“待复核”的问题需网站管理中心确认后方计分；“已豁免”的问题经网站管理中心同意不计分、不列入通报，豁免到期后自动恢复；“提示”不扣分。问题“编号”用于申请豁免或确认。
      </footer>
    </>
  );
}

/** Findings by the first indicator each feeds ('' = none: hints). */
function groupByIndicator(card: Scorecard): Map<string, ScorecardFinding[]> {
  const groups = new Map<string, ScorecardFinding[]>();
  for (const f of card.findings) {
    const key = f.indicators.find((id) => card.indicators.some((i) => i.id === id)) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return groups;
}

function IndicatorGroup(props: { result: IndicatorResult; ind: Indicator | undefined; findings: ScorecardFinding[]; tz: string; shot: (f: ScorecardFinding) => string | undefined }) {
  const { result, ind, findings } = props;
  const status =
    result.kind === 'veto'
      ? result.vetoed
        ? result.pending
          ? `单项否决（另有 ${result.pending} 项待复核）`
          : '单项否决'
        : result.pending
          ? `待复核：${result.pending} 项疑似单项否决，确认即不合格`
          : findings.some(isScored)
            ? '未达否决条件'
            : '待复核，确认后计入'
      : `扣 ${result.deduction} 分（上限 ${result.points} 分）`;
  return (
    <>
      <h3 id={`ind-${result.id}`}>
        {result.name}（{findings.length}）<span class={`tag${result.pending && !result.vetoed ? ' review' : ''}`}>{status}</span>
      </h3>
      {ind ? (
        <div class="rule">
          规则：{ind.rule}
          <br />
          依据：{ind.source}
        </div>
      ) : null}
      {ind?.advice ? <div class="advice">整改建议：{ind.advice}</div> : null}
      <ol class="findings">
        {findings.map((f) => (
          <FindingItem f={f} tz={props.tz} shot={props.shot(f)} />
        ))}
      </ol>
    </>
  );
}

/** Evidence keys shown as "where exactly" above the other evidence. */
const whereKeys = ['linkText', 'nearHeading', 'region', 'cssPath', 'locatedOn'];

export function FindingItem(props: { f: ScorecardFinding; tz: string; shot?: string }): Child {
  const { f, tz } = props;
  const items = evidenceView(f, tz);
  const where = items.filter((e) => whereKeys.includes(e.key));
  const rest = items.filter((e) => !whereKeys.includes(e.key));
  const awaiting = isAwaitingReview(f);
  return (
    <li class={`sev-${f.severity}${f.waived ? ' waived' : ''}`} data-code={f.code} data-identity={f.identity}>
      <div class="head">
        <span class="tag">{isHint(f) ? '提示' : (severityText[f.severity] ?? '提示')}</span>
        {f.state === 'new' ? <span class="tag new">新发现</span> : <span class="tag persisting">持续存在（自 {formatDate(f.firstSeen, tz)} 起）</span>}
        {awaiting && f.pendingVeto ? <span class="tag review">待复核：疑似单项否决，确认即不合格</span> : awaiting ? <span class="tag review">待复核，不计分</span> : null}
        {f.confirmed ? <span class="tag confirmed">已确认（{f.confirmed.by}）</span> : null}
        {f.dismissed ? <span class="tag waived">已排除（误报），不计分</span> : null}
        {f.waived ? <span class="tag waived">已豁免{f.waived.until ? `至 ${formatDate(f.waived.until, tz)}` : ''}，不计分</span> : null}{' '}
        {displayMessage(f)}
      </div>
      {f.url ? <div class="url">页面：<Link url={f.url} /></div> : null}
      {where.length ? (
        <dl class="where">
          {where.map((e) => (
            <>
              <dt>{e.label}</dt>
              <dd>{e.kind === 'code' ? <code>{e.value}</code> : e.value}</dd>
            </>
          ))}
        </dl>
      ) : null}
      {props.shot ? (
        <figure class="shot">
          <a href={props.shot}>
            <img src={props.shot} alt={`问题截图：${displayMessage(f)}`} />
          </a>
          <figcaption>问题截图（红框标出问题位置；个人信息已遮盖）</figcaption>
        </figure>
      ) : null}
      {rest.length ? (
        <dl>
          {rest.map((e) => (
            <>
              <dt>{e.label}</dt>
              <dd>{e.kind === 'code' ? <code>{e.value}</code> : e.kind === 'url' ? <Urls urls={e.urls ?? [e.value]} more={e.value} /> : e.value}</dd>
            </>
          ))}
        </dl>
      ) : null}
      {f.dismissed ? (
        <div class="advice">
          排除理由：{f.dismissed.reason}（{f.dismissed.by}）
        </div>
      ) : null}
      {f.waived ? (
        <div class="advice">
          豁免理由：{f.waived.reason}
          {f.waived.by ? `（${f.waived.by}）` : ''}
        </div>
      ) : null}
      <div class="id">编号 {f.identity}</div>
    </li>
  );
}

function Urls(props: { urls: string[]; more: string }) {
  const extra = /等(\d+)项$/.exec(props.more);
  return (
    <>
      {props.urls.map((u, i) => (
        <>
          {i > 0 ? <br /> : null}
          <a href={safeHref(u)} rel="noopener noreferrer" class="u">{u}</a>
        </>
      ))}
      {extra ? ` 等${extra[1]}项` : ''}
    </>
  );
}

function Metrics(props: { card: Scorecard; tz: string }) {
  const { card } = props;
  const parts = card.checks
    .filter((c) => card.metrics[c.id] !== undefined)
    .map((c) => ({ c, node: MetricsSection({ checkId: c.id, metrics: card.metrics[c.id], card, timezone: props.tz }) }))
    .filter((p) => p.node !== null && p.node !== undefined && p.node !== '');
  if (!parts.length) return null;
  return (
    <section>
      <h2>检测数据</h2>
      {parts.map((p) => (
        <>
          <h3>{p.c.title}</h3>
          {p.node}
        </>
      ))}
    </section>
  );
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
