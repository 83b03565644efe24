/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Scorecard sections of the IPv6, accessibility and availability checks: the support verdict with its link-level
// ratios and failing links, the accessibility counts, and a daily probe chart drawn as SVG (no script), scaled by its
// viewBox so it fits a phone.
import { esc } from './escape.ts';
import { trusted } from './page.tsx';
import { Link, list, num, obj, pct, Table, yesNo, type Obj } from './section-kit.tsx';
import type { ScorecardSection } from './section.ts';
import { bytesText, formatDate } from '../vocabulary.ts';

function Level(props: { name: string; v: unknown }) {
  const l = obj(props.v);
  return (
    <tr>
      <td>{props.name}</td>
      <td class="num">{num(l.checked, '—')}</td>
      <td class="num">{num(l.ok, '—')}</td>
      <td class="num">{pct(l.ratio)}</td>
    </tr>
  );
}

const ipv6Section: ScorecardSection = {
  check: 'ipv6',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return null;
    const failing = Array.isArray(m.failingLinks) ? (m.failingLinks as unknown[]).filter((u): u is string => typeof u === 'string') : [];
    const hosts = Array.isArray(m.resourceHostsWithoutAaaa) ? (m.resourceHostsWithoutAaaa as unknown[]).map(String) : [];
    return (
      <>
        <p>
          IPv6 支持：<strong>{m.supported === true ? '支持' : m.supported === false ? '不支持' : '无法判定'}</strong>　IPv6地址记录（AAAA）：{yesNo(m.aaaa)}　IPv6 可访问：{yesNo(m.reachable)}　内容一致：{yesNo(m.contentMatch)}
          {typeof m.similarity === 'number' ? `（相似度 ${pct(m.similarity)}）` : ''}
        </p>
        <Table head={['链接层级', '检测数', 'IPv6 可访问', '支持率']} numeric={[1, 2, 3]} rows={[<Level name="二级链接" v={m.secondLevel} />, <Level name="三级链接" v={m.thirdLevel} />]} />
        {failing.length ? (
          <>
            <p>IPv6 下无法访问的页面：</p>
            <ul class="urls">
              {failing.slice(0, 50).map((u) => (
                <li><Link url={u} /></li>
              ))}
            </ul>
          </>
        ) : null}
        {hosts.length ? <p>没有 IPv6 地址的引用网站（提示，不扣分）：{hosts.join('、')}</p> : null}
      </>
    );
  },
};

const accessibilitySection: ScorecardSection = {
  check: 'accessibility',
  render(metrics, card) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return null;
    const imp = obj(m.violationsByImpact);
    const rules = Array.isArray(m.rulesViolated) ? (m.rulesViolated as unknown[]).map(String) : [];
    const help = new Map((card.findings ?? []).filter((f) => f.code.startsWith('a11y.')).map((f) => [String(f.evidence.rule ?? f.code.slice(5)), String(f.evidence.help ?? '')]));
    const named = rules.map((r) => help.get(r)).filter((h): h is string => Boolean(h));
    const lh = m.lighthouseScore === null || m.lighthouseScore === undefined ? '未测' : num(m.lighthouseScore);
    return (
      <>
        <p>
          检测页面 {num(m.pagesChecked, '—')} / {num(m.pagesPlanned, '—')}；不符合规范的问题（严重 {num(imp.critical)}、较严重 {num(imp.serious)}、中等 {num(imp.moderate)}、轻微 {num(imp.minor)}）；需人工判断 {num(m.needsReview)}；Lighthouse 无障碍得分 {lh}；无障碍/长者模式入口：{yesNo(m.accessibleModeEntry)}
        </p>
        {named.length ? <p>涉及的规范要求：{[...new Set(named)].join('；')}</p> : null}
      </>
    );
  },
};

/** A bar per day: failed share of the day's probes, with the probe count under it; scales with the page. */
function dailyChart(daily: Obj[]): string {
  const w = 40;
  const h = 80;
  const width = daily.length * w + 16;
  const bars = daily.map((d, i) => {
    const rate = typeof d.failureRate === 'number' ? Math.min(1, Math.max(0, d.failureRate)) : 0;
    const bh = Math.round(rate * h);
    const x = i * w + 8;
    const date = String(d.date ?? '');
    return `<rect x="${x}" y="${10 + h - bh}" width="${w - 16}" height="${bh}" fill="#c5221f"><title>${esc(formatDate(date, 'Asia/Shanghai'))} 失败率 ${esc(pct(d.failureRate))}</title></rect><text x="${x + (w - 16) / 2}" y="${h + 24}" font-size="9" text-anchor="middle">${esc(date.slice(5))}</text><text x="${x + (w - 16) / 2}" y="${h + 36}" font-size="9" text-anchor="middle">${esc(num(d.probes))}次</text>`;
  });
  return `<svg class="availability-chart" role="img" aria-label="每日首页监测失败率" viewBox="0 0 ${width} ${h + 44}" width="100%" preserveAspectRatio="xMinYMin meet"><line x1="0" y1="${10 + h}" x2="${width}" y2="${10 + h}" stroke="#999"/>${bars.join('')}</svg>`;
}

const availabilitySection: ScorecardSection = {
  check: 'availability',
  render(metrics, _card, { timezone }) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return null;
    const daily = Array.isArray(m.daily) ? (m.daily as unknown[]).map(obj) : [];
    const probes = typeof m.probes === 'number' ? m.probes : 0;
    const d = (v: unknown) => (typeof v === 'string' ? formatDate(v, timezone) : '—');
    if (!probes) return <p class="empty">{d(m.windowFrom)} 至 {d(m.windowTo)}：暂无数据（没有首页监测记录）</p>;
    return (
      <>
        <p>
          {d(m.windowFrom)} 至 {d(m.windowTo)}：监测 {num(m.probes)} 次，失败 {num(m.failed)} 次，失败率 {pct(m.failureRate)}（每日应不少于 {num(m.minProbesPerDay)} 次）
        </p>
        {daily.length ? <div class="chart">{trusted(dailyChart(daily))}</div> : null}
      </>
    );
  },
};

/** Links: the plain counts, then the pages and files read only in part (larger than the cap, or a compression bomb). */
const linksSection: ScorecardSection = {
  check: 'links',
  withPlainMetrics: true,
  render(metrics) {
    const capped = list(obj(metrics).cappedPages);
    if (!capped.length) return null;
    return (
      <>
        <p>以下页面或附件超过读取上限，只检测了已读取的部分（请网站精简或拆分）：</p>
        <Table
          head={['地址', '已读取', '读取上限', '原因']}
          numeric={[1, 2]}
          rows={capped.map((c) => (
            <tr>
              <td>
                <Link url={c.url} />
              </td>
              <td class="num">{typeof c.bytesRead === 'number' ? bytesText(c.bytesRead) : '—'}</td>
              <td class="num">{typeof c.cap === 'number' ? bytesText(c.cap) : '—'}</td>
              <td>{cappedReason(c.why, c.setting)}</td>
            </tr>
          ))}
        />
      </>
    );
  },
};

function cappedReason(why: unknown, setting: unknown): string {
  const what = setting === 'attachments.maxBytes' ? '附件' : '页面';
  return why === 'compression-bomb' ? `${what}压缩内容解压后超过上限（疑似压缩炸弹）` : `${what}内容超过读取上限`;
}

export const networkSections: ScorecardSection[] = [ipv6Section, accessibilitySection, availabilitySection, linksSection];
