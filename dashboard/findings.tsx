/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The findings list as a clerk expects of a list: every finding of the sites the viewer may see (latest stored run),
// with filters (site, unit, check, severity, status), search and sort in the query string, exported with the same
// filters to Excel (.xlsx, exceljs) and CSV (reports/csv.ts cells), printable, and readable on a 390 px phone (rows
// become blocks, no sideways scrolling).
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { csvCell } from '../reports/csv.ts';
import { formatDateTime, severityText } from '../reports/html/labels.ts';
import { isAwaitingReview, isScored } from '../reports/rescore.ts';
import type { ScorecardFinding } from '../reports/scorecard.ts';
import { displayMessage, evidenceLine } from '../reports/vocabulary.ts';
import { loadSite, visibleSites } from './data.ts';
import { type AppEnv, type AppOptions, type Ctx, show } from './kit.tsx';
import { sitePath } from './layout.tsx';

export interface ListRow {
  siteId: string;
  siteName: string;
  unit: string;
  f: ScorecardFinding;
  status: string;
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
const filterKeys = ['site', 'unit', 'check', 'severity', 'status', 'q', 'sort'] as const;
type Filter = Partial<Record<(typeof filterKeys)[number], string>>;

async function rowsFor(c: Ctx, opts: AppOptions): Promise<ListRow[]> {
  const out: ListRow[] = [];
  for (const site of visibleSites(opts.config, c.get('viewer'))) {
    const card = (await loadSite(opts.store, site, 1)).latest;
    if (!card) continue;
    for (const f of card.findings) out.push({ siteId: site.id, siteName: site.name, unit: site.unit, f, status: statusOf(f) });
  }
  return out;
}

function applyFilter(rows: ListRow[], q: Filter): ListRow[] {
  const text = q.q?.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (!q.site || r.siteId === q.site) &&
      (!q.unit || r.unit === q.unit) &&
      (!q.check || r.f.check === q.check) &&
      (!q.severity || r.f.severity === q.severity) &&
      (!q.status || r.status.startsWith(q.status)) &&
      (!text || `${r.siteName} ${r.unit} ${r.f.message} ${r.f.url ?? ''} ${r.f.identity}`.toLowerCase().includes(text)),
  );
  const sorts: Record<string, (a: ListRow, b: ListRow) => number> = {
    severity: (a, b) => (severityRank[a.f.severity] ?? 9) - (severityRank[b.f.severity] ?? 9) || a.f.firstSeen.localeCompare(b.f.firstSeen),
    age: (a, b) => a.f.firstSeen.localeCompare(b.f.firstSeen),
    site: (a, b) => a.siteId.localeCompare(b.siteId),
    unit: (a, b) => a.unit.localeCompare(b.unit, 'zh'),
    check: (a, b) => a.f.check.localeCompare(b.f.check),
  };
  const by = sorts[q.sort ?? 'severity'] ?? sorts.severity;
  return out.sort((a, b) => by(a, b) || a.siteId.localeCompare(b.siteId) || a.f.identity.localeCompare(b.f.identity));
}

const header = ['网站', '责任单位', '严重程度', '状态', '检查项', '问题描述', '页面', '证据', '首次发现', '问题编号'];

function cells(r: ListRow, tz: string): string[] {
  return [r.siteName, r.unit, severityText[r.f.severity] ?? r.f.severity, r.status, r.f.check, displayMessage(r.f), r.f.url ?? '', evidenceLine(r.f, tz), formatDateTime(r.f.firstSeen, tz), r.f.identity];
}

export function listCsv(rows: ListRow[], tz: string): string {
  return `\uFEFF${[header, ...rows.map((r) => cells(r, tz))].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function listXlsx(rows: ListRow[], tz: string): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(header).font = { bold: true };
  // Cells are written as text (never formulas), neutralised as in the CSV so a pasted cell cannot run either.
  for (const r of rows) ws.addRow(cells(r, tz).map((v) => (/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(v) ? `'${v}` : v)));
  ws.columns.forEach((col, i) => {
    col.width = [24, 20, 8, 16, 12, 50, 40, 50, 18, 18][i] ?? 16;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  const out = new Uint8Array(new ArrayBuffer(buf.byteLength));
  out.set(new Uint8Array(buf as ArrayBuffer));
  return out;
}

function FindingsPage(props: { rows: ListRow[]; all: ListRow[]; filter: Filter; tz: string; query: string }) {
  const { all, filter } = props;
  const opt = (xs: [string, string][]) => [...new Map(xs).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  const sel = (name: keyof Filter, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select name={name}>
        <option value="">全部</option>
        {options.map(([v, t]) => (
          <option value={v} selected={filter[name] === v}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <h1>问题清单</h1>
      <form method="get" action="/findings" class="filters">
        {sel('site', '网站', opt(all.map((r) => [r.siteId, r.siteName])))}
        {sel('unit', '单位', opt(all.map((r) => [r.unit, r.unit])))}
        {sel('check', '检查项', opt(all.map((r) => [r.f.check, r.f.check])))}
        {sel('severity', '严重程度', [['veto', '否决'], ['major', '严重'], ['minor', '一般'], ['info', '提示']])}
        {sel('status', '状态', [['计分', '计分'], ['待复核', '待复核'], ['已确认', '已确认'], ['已豁免', '已豁免'], ['已排除', '已排除'], ['提示', '提示']])}
        <label>
          搜索 <input type="search" name="q" value={filter.q ?? ''} />
        </label>
        {sel('sort', '排序', [['severity', '按严重程度'], ['age', '按发现时间'], ['site', '按网站'], ['unit', '按单位'], ['check', '按检查项']])}
        <button type="submit">筛选</button>
      </form>
      <p class="exports">
        共 {props.rows.length} 条　<a href={`/findings.xlsx${props.query}`}>导出 Excel</a>
        <a href={`/findings.csv${props.query}`}>导出 CSV</a>
        <span class="meta">（打印本页即为打印清单）</span>
      </p>
      <table class="list findings-list">
        <thead>
          <tr>
            <th>网站</th>
            <th>严重程度</th>
            <th>状态</th>
            <th>问题描述</th>
            <th>首次发现</th>
            <th>编号</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-site={r.siteId} data-identity={r.f.identity}>
              <td data-label="网站">
                <a href={sitePath(r.siteId)}>{r.siteName}</a>
              </td>
              <td data-label="严重程度">{severityText[r.f.severity] ?? r.f.severity}</td>
              <td data-label="状态">{r.status}</td>
              <td data-label="问题描述">
                {displayMessage(r.f)}
                {r.f.url ? <div class="url">{r.f.url}</div> : null}
              </td>
              <td data-label="首次发现">{formatDateTime(r.f.firstSeen, props.tz)}</td>
              <td data-label="编号">
                <code>{r.f.identity}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function findingsRoutes(app: Hono<AppEnv>, opts: AppOptions): void {
  const tz = opts.config.timezone;
  const read = (c: Ctx): Filter => Object.fromEntries(filterKeys.map((k) => [k, c.req.query(k)?.slice(0, 200)]).filter(([, v]) => v)) as Filter;
  const queryOf = (f: Filter) => {
    const p = new URLSearchParams(Object.entries(f) as [string, string][]).toString();
    return p ? `?${p}` : '';
  };
  app.get('/findings', async (c) => {
    const all = await rowsFor(c, opts);
    const filter = read(c);
    return show(c, opts, '问题清单', <FindingsPage rows={applyFilter(all, filter)} all={all} filter={filter} tz={tz} query={queryOf(filter)} />);
  });
  app.get('/findings.csv', async (c) =>
    c.body(listCsv(applyFilter(await rowsFor(c, opts), read(c)), tz), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="findings.csv"' }),
  );
  app.get('/findings.xlsx', async (c) =>
    c.body(await listXlsx(applyFilter(await rowsFor(c, opts), read(c)), tz), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': 'attachment; filename="findings.xlsx"',
    }),
  );
}
