/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Per-check sections of the HTML scorecard (e.g. IPv6 support ratios, accessibility counts, column freshness).
// A check that wants its own section adds an entry here; checks without one get their metrics as a labelled list.
// Sections are JSX, so every value is escaped.
import type { Child } from 'hono/jsx';
import type { Scorecard } from '../scorecard.ts';
import { toHtml } from './page.tsx';
import { contentSections } from './content-sections.tsx';
import { disclosureSections } from './disclosure-sections.tsx';
import { networkSections } from './network-sections.tsx';
import { recordSections } from './record-sections.tsx';
import type { ScorecardSection } from './section.ts';

export type { ScorecardSection };


/** Registered sections, in no particular order (the scorecard follows its checks' order). */
export const scorecardSections: ScorecardSection[] = [...contentSections, ...recordSections, ...disclosureSections, ...networkSections];

const metricLabels: Record<string, string> = {
  pagesCrawled: '抓取页面数', crawlTruncated: '抓取是否提前结束', linksChecked: '检测链接数', linksSkipped: '跳过链接数',
  broken: '失效链接数', brokenOnHomepage: '首页失效链接数', requests: '请求次数', notFetched: '未访问的链接数', rateLimited: '被限流的链接数',
  capped: '未完整读取的页面和附件数',
};

function plain(v: unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' || typeof v === 'string') return String(v);
  return '';
}

/** The section of one check: its registered renderer, or its plain metrics (numbers, yes/no) as a list. */
export function MetricsSection(props: { checkId: string; metrics: unknown; card: Scorecard; timezone: string }): Child {
  const custom = scorecardSections.find((s) => s.check === props.checkId);
  if (!custom) return PlainMetrics(props);
  const own = custom.render(props.metrics, props.card, { timezone: props.timezone });
  if (!custom.withPlainMetrics) return own;
  const plainList = PlainMetrics(props);
  return plainList === null && (own === null || own === undefined) ? null : (
    <>
      {plainList}
      {own}
    </>
  );
}

/** A check's plain metrics (numbers, yes/no) as a labelled list, or null. */
function PlainMetrics(props: { metrics: unknown }): Child {
  if (!props.metrics || typeof props.metrics !== 'object') return null;
  const rows = Object.entries(props.metrics as Record<string, unknown>).filter(([k, v]) => metricLabels[k] && plain(v) !== '');
  if (!rows.length) return null;
  return (
    <dl>
      {rows.map(([k, v]) => (
        <>
          <dt>{metricLabels[k]}</dt>
          <dd>{plain(v)}</dd>
        </>
      ))}
    </dl>
  );
}

/** One check's section as an HTML string ('' when there is nothing to show). */
export function renderMetricsSection(checkId: string, metrics: unknown, card: Scorecard, timezone = 'Asia/Shanghai'): string {
  const node = MetricsSection({ checkId, metrics, card, timezone });
  return node === null || node === undefined ? '' : toHtml(<>{node}</>);
}
