/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The findings list: every finding of the sites the viewer may see (latest stored run), with filters (site, unit,
// check, severity, status), search and sort, exports, print and phone layout from the shared list (dashboard/list.tsx).
import type { Hono } from 'hono';
import { formatDateTime, severityText } from '../reports/html/labels.ts';
import { isAwaitingReview, isScored } from '../reports/rescore.ts';
import type { ScorecardFinding } from '../reports/scorecard.ts';
import { displayMessage, evidenceLine } from '../reports/vocabulary.ts';
import { loadSite, visibleSites } from './data.ts';
import { type AppEnv, type AppOptions, type Ctx, show } from './kit.tsx';
import { sitePath } from './layout.tsx';
import { applyList, choices, ListControls, type ListSpec, ListTable, listExportRoutes, readList } from './list.tsx';

export interface ListRow {
  siteId: string;
  siteName: string;
  unit: string;
  f: ScorecardFinding;
  status: string;
  /** The check's name as the scorecard gives it (Chinese in a real audit). */
  checkName: string;
}

/** A finding's status as a clerk reads it. */
export function statusOf(f: ScorecardFinding): string {
  if (f.dismissed) return '已排除（误报）';
  if (f.waived) return '已豁免';
  if (isAwaitingReview(f)) return f.pendingVeto ? '待复核（疑似单项否决）' : '待复核';
  if (f.confirmed) return '已确认';
  return isScored(f) ? '计分' : '提示';
}

const severityRank: Record<string, number> = { veto: 0, major: 1, minor: 2, info: 3 };

async function rowsFor(c: Ctx, opts: AppOptions): Promise<ListRow[]> {
  const out: ListRow[] = [];
  for (const site of visibleSites(opts.config, c.get('viewer'))) {
    const card = (await loadSite(opts.store, site, 1)).latest;
    if (!card) continue;
    const names = new Map(card.checks.map((k) => [k.id, k.title]));
    for (const f of card.findings) out.push({ siteId: site.id, siteName: site.name, unit: site.unit, f, status: statusOf(f), checkName: names.get(f.check) ?? f.check });
  }
  return out;
}

/** The findings list: filters, search, sorts and the columns shown and exported. */
export function findingsSpec(tz: string): ListSpec<ListRow> {
  return {
    title: '问题清单',
    file: 'findings',
    columns: [
      { header: '网站', text: (r) => r.siteName, view: (r) => <a href={sitePath(r.siteId)}>{r.siteName}</a>, width: 24 },
      { header: '责任单位', text: (r) => r.unit, exportOnly: true, width: 20 },
      { header: '严重程度', text: (r) => severityText[r.f.severity] ?? r.f.severity, width: 8 },
      { header: '状态', text: (r) => r.status, width: 16 },
      { header: '检查项', text: (r) => r.checkName, exportOnly: true, width: 16 },
      {
        header: '问题描述',
        text: (r) => displayMessage(r.f),
        view: (r) => (
          <>
            {displayMessage(r.f)}
            {r.f.url ? <div class="url">{r.f.url}</div> : null}
          </>
        ),
        width: 50,
      },
      { header: '页面', text: (r) => r.f.url ?? '', exportOnly: true, width: 40 },
      { header: '证据', text: (r) => evidenceLine(r.f, tz), exportOnly: true, width: 50 },
      { header: '首次发现', text: (r) => formatDateTime(r.f.firstSeen, tz), width: 18 },
      { header: '问题编号', text: (r) => r.f.identity, view: (r) => <code>{r.f.identity}</code>, width: 18 },
    ],
    filters: [
      { key: 'site', label: '网站', options: (all) => choices(all.map((r) => [r.siteId, r.siteName])), match: (r, v) => r.siteId === v },
      { key: 'unit', label: '单位', options: (all) => choices(all.map((r) => [r.unit, r.unit])), match: (r, v) => r.unit === v },
      { key: 'check', label: '检查项', options: (all) => choices(all.map((r) => [r.f.check, r.checkName])), match: (r, v) => r.f.check === v },
      { key: 'severity', label: '严重程度', options: () => [['veto', '否决'], ['major', '严重'], ['minor', '一般'], ['info', '提示']], match: (r, v) => r.f.severity === v },
      { key: 'status', label: '状态', options: () => ['计分', '待复核', '已确认', '已豁免', '已排除', '提示'].map((t) => [t, t]), match: (r, v) => r.status.startsWith(v) },
    ],
    search: (r) => `${r.siteName} ${r.unit} ${r.checkName} ${r.f.message} ${displayMessage(r.f)} ${r.f.url ?? ''} ${r.f.identity}`,
    sorts: [
      { key: 'severity', label: '按严重程度', compare: (a, b) => (severityRank[a.f.severity] ?? 9) - (severityRank[b.f.severity] ?? 9) || a.f.firstSeen.localeCompare(b.f.firstSeen) },
      { key: 'age', label: '按发现时间', compare: (a, b) => a.f.firstSeen.localeCompare(b.f.firstSeen) },
      { key: 'site', label: '按网站', compare: (a, b) => a.siteId.localeCompare(b.siteId) },
      { key: 'unit', label: '按单位', compare: (a, b) => a.unit.localeCompare(b.unit, 'zh') },
      { key: 'check', label: '按检查项', compare: (a, b) => a.f.check.localeCompare(b.f.check) },
    ],
    tiebreak: (a, b) => a.siteId.localeCompare(b.siteId) || a.f.identity.localeCompare(b.f.identity),
  };
}

export function findingsRoutes(app: Hono<AppEnv>, opts: AppOptions): void {
  const spec = findingsSpec(opts.config.timezone);
  app.get('/findings', async (c) => {
    const all = await rowsFor(c, opts);
    const query = readList(c, spec);
    const rows = applyList(spec, all, query);
    return show(
      c,
      opts,
      '问题清单',
      <>
        <h1>问题清单</h1>
        <ListControls spec={spec} all={all} shown={rows.length} query={query} action="/findings" exportPath="/findings" />
        <ListTable spec={spec} rows={rows} class="findings-list" rowAttrs={(r) => ({ 'data-site': r.siteId, 'data-identity': r.f.identity })} />
      </>,
    );
  });
  listExportRoutes(app, '/findings', spec, (c) => rowsFor(c, opts));
}
