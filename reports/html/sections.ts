// Per-check sections of the HTML scorecard (e.g. IPv6 support ratios, accessibility rules, column freshness).
// A check that wants its own section adds an entry to `scorecardSections`; checks without one get their metrics
// as a plain list. Renderers return HTML and must escape every value (esc from ./escape.ts).
import type { Scorecard } from '../scorecard.ts';
import type { ScorecardSection } from './section.ts';
import { esc } from './escape.ts';
import { contentSections } from './content-sections.ts';
import { recordSections } from './record-sections.ts';
import { disclosureSections } from './disclosure-sections.ts';
import { networkSections } from './network-sections.ts';

/** Registered sections, in no particular order (the scorecard follows its checks' order). */
export const scorecardSections: ScorecardSection[] = [];
scorecardSections.push(...contentSections);
scorecardSections.push(...recordSections);
scorecardSections.push(...disclosureSections);
scorecardSections.push(...networkSections);

const metricLabels: Record<string, string> = {
  pagesCrawled: '抓取页面数', crawlTruncated: '抓取是否截断', linksChecked: '检测链接数', linksSkipped: '跳过链接数',
  broken: '失效链接数', brokenOnHomepage: '首页失效链接数', requests: '请求次数',
};

/** The section of one check: its registered renderer, or its metrics as a list. */
export function renderMetricsSection(checkId: string, metrics: unknown, card: Scorecard): string {
  const custom = scorecardSections.find((s) => s.check === checkId);
  if (custom) return custom.render(metrics, card);
  if (!metrics || typeof metrics !== 'object') return '';
  const rows = Object.entries(metrics as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (!rows.length) return '';
  return `<dl>${rows.map(([k, v]) => `<dt>${esc(metricLabels[k] ?? k)}</dt><dd>${esc(plain(v))}</dd>`).join('')}</dl>`;
}

function plain(v: unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  const s = JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}
