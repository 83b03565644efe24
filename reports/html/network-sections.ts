// Scorecard sections of the IPv6, accessibility and availability checks: the support verdict with its link-level
// ratios and failing links, the accessibility counts, and a daily probe chart drawn as SVG (no script).
// Metrics come from stored JSON, so every field is read defensively; every value is escaped.
import type { ScorecardSection } from './section.ts';
import { esc, safeHref } from './escape.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const yesNo = (v: unknown): string => (v === true ? '是' : v === false ? '否' : '未测');
const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 1000) / 10}%` : '—');
const num = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '—');

function level(name: string, v: unknown): string {
  const l = obj(v);
  return `<tr><td>${esc(name)}</td><td>${num(l.checked)}</td><td>${num(l.ok)}</td><td>${pct(l.ratio)}</td></tr>`;
}

const ipv6Section: ScorecardSection = {
  check: 'ipv6',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return '';
    const failing = Array.isArray(m.failingLinks) ? (m.failingLinks as unknown[]).filter((u): u is string => typeof u === 'string') : [];
    const hosts = Array.isArray(m.resourceHostsWithoutAaaa) ? (m.resourceHostsWithoutAaaa as unknown[]).map(String) : [];
    return `<p>IPv6 支持：<strong>${m.supported === true ? '支持' : m.supported === false ? '不支持' : '无法判定'}</strong>　AAAA 记录：${yesNo(m.aaaa)}　IPv6 可访问：${yesNo(m.reachable)}　内容一致：${yesNo(m.contentMatch)}${typeof m.similarity === 'number' ? `（相似度 ${pct(m.similarity)}）` : ''}</p>
<table><thead><tr><th>链接层级</th><th>检测数</th><th>IPv6 可访问</th><th>支持率</th></tr></thead><tbody>${level('二级链接', m.secondLevel)}${level('三级链接', m.thirdLevel)}</tbody></table>
${failing.length ? `<p>IPv6 下无法访问的页面：</p><ul>${failing.slice(0, 50).map((u) => `<li><a href="${safeHref(u)}">${esc(u)}</a></li>`).join('')}</ul>` : ''}
${hosts.length ? `<p>无 AAAA 记录的引用主机：${hosts.map(esc).join('、')}</p>` : ''}`;
  },
};

const accessibilitySection: ScorecardSection = {
  check: 'accessibility',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return '';
    const imp = obj(m.violationsByImpact);
    const rules = Array.isArray(m.rulesViolated) ? (m.rulesViolated as unknown[]).map(String) : [];
    return `<p>检测页面 ${num(m.pagesChecked)} / ${num(m.pagesPlanned)}；违规（严重 ${num(imp.critical)}、较严重 ${num(imp.serious)}、中等 ${num(imp.moderate)}、轻微 ${num(imp.minor)}）；待复核 ${num(m.needsReview)}；Lighthouse 无障碍得分 ${m.lighthouseScore === null || m.lighthouseScore === undefined ? '未测' : num(m.lighthouseScore)}；无障碍/长者模式入口：${yesNo(m.accessibleModeEntry)}</p>
${rules.length ? `<p>违反的规则：${rules.map((r) => `<code>${esc(r)}</code>`).join('、')}</p>` : ''}`;
  },
};

/** A bar per day: failed share of the day's probes, with the probe count under it. */
function dailyChart(daily: Obj[]): string {
  if (!daily.length) return '';
  const w = 40;
  const h = 80;
  const bars = daily.map((d, i) => {
    const rate = typeof d.failureRate === 'number' ? Math.min(1, Math.max(0, d.failureRate)) : 0;
    const bh = Math.round(rate * h);
    const x = i * w + 8;
    return `<rect x="${x}" y="${10 + h - bh}" width="${w - 16}" height="${bh}" fill="#c5221f"><title>${esc(d.date)} ${pct(d.failureRate)}</title></rect><text x="${x + (w - 16) / 2}" y="${h + 24}" font-size="9" text-anchor="middle">${esc(String(d.date ?? '').slice(5))}</text><text x="${x + (w - 16) / 2}" y="${h + 36}" font-size="9" text-anchor="middle">${num(d.probes)}次</text>`;
  });
  return `<svg class="availability-chart" role="img" aria-label="每日首页监测失败率" width="${daily.length * w + 16}" height="${h + 44}" viewBox="0 0 ${daily.length * w + 16} ${h + 44}"><line x1="0" y1="${10 + h}" x2="${daily.length * w + 16}" y2="${10 + h}" stroke="#999"/>${bars.join('')}</svg>`;
}

const availabilitySection: ScorecardSection = {
  check: 'availability',
  render(metrics) {
    const m = obj(metrics);
    if (!Object.keys(m).length) return '';
    const daily = Array.isArray(m.daily) ? (m.daily as unknown[]).map(obj) : [];
    return `<p>${esc(m.windowFrom ?? '')} 至 ${esc(m.windowTo ?? '')}：监测 ${num(m.probes)} 次，失败 ${num(m.failed)} 次，失败率 ${pct(m.failureRate)}（每日应不少于 ${num(m.minProbesPerDay)} 次）</p>${dailyChart(daily)}`;
  },
};

export const networkSections: ScorecardSection[] = [ipv6Section, accessibilitySection, availabilitySection];
