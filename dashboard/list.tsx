/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// What a clerk expects of every list, once for all of them: filters, search and sort read from the query string and
// applied on the server (a plain GET form, so it works without script on an old office browser); the same filtered
// rows exported to Excel (.xlsx, exceljs) and CSV (UTF-8 with BOM, so Excel opens it as Chinese); a table that turns
// into stacked cards on a narrow phone and prints with borders and without the controls (dashboard/styles.ts).
//
// A list is a ListSpec: its columns (header, exported text, shown cell), filters, search text and sorts. A page
// renders <ListControls> and <ListTable> (or its own markup for the rows), and listExportRoutes() adds
// `PATH.csv` / `PATH.xlsx` that load the rows the same way the page does, so a unit's viewer exports only what it sees.
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { csvCell } from '../reports/csv.ts';
import type { AppEnv, Ctx } from './kit.tsx';

export interface ListColumn<R> {
  /** The header, in the table and the export. */
  header: string;
  /** The cell as text in the export (and in the table unless `view`); without it the column is shown only (actions). */
  text?: (r: R) => string;
  /** The cell as shown in the table (links, tags). */
  view?: (r: R) => Child;
  /** Only in the export, not in the table (details too long for a row). */
  exportOnly?: boolean;
  /** Class of the cells (e.g. `num`). */
  class?: string;
  /** Column width in the Excel file, in characters. */
  width?: number;
  /** A number in the Excel file (so it sums and sorts as one) when the text reads as one. */
  numeric?: boolean;
}

export interface ListFilter<R> {
  key: string;
  label: string;
  /** [value, text] choices, from all rows (before filtering). */
  options: (all: R[]) => [string, string][];
  match: (r: R, value: string) => boolean;
}

export interface ListSort<R> {
  key: string;
  label: string;
  compare: (a: R, b: R) => number;
}

export interface ListSpec<R> {
  /** Sheet name of the Excel file (Chinese, at most 31 characters). */
  title: string;
  /** File name of the exports, without extension (ASCII). */
  file: string;
  columns: ListColumn<R>[];
  filters: ListFilter<R>[];
  /** The text a search looks in (case-insensitive); no search box without it. */
  search?: (r: R) => string;
  /** The first is the default. */
  sorts: ListSort<R>[];
  /** Orders rows the sort leaves equal (so the order is stable). */
  tiebreak?: (a: R, b: R) => number;
  /** Prefix of the query parameters, when one page holds two lists (e.g. `u_`). */
  prefix?: string;
}

/** The list's query: filter values, `q` (search) and `sort`, by unprefixed key. */
export type ListQuery = Record<string, string>;

const keysOf = (spec: ListSpec<unknown>) => [...spec.filters.map((f) => f.key), 'q', 'sort'];

/** The list's parameters from the request (each at most 200 characters). */
export function readList<R>(c: Ctx, spec: ListSpec<R>): ListQuery {
  const out: ListQuery = {};
  for (const k of keysOf(spec as ListSpec<unknown>)) {
    const v = c.req.query(`${spec.prefix ?? ''}${k}`)?.trim().slice(0, 200);
    if (v) out[k] = v;
  }
  return out;
}

/** The query string (with `?`) that gives this list's state; empty when none. */
export function listQueryString<R>(spec: ListSpec<R>, q: ListQuery): string {
  const p = new URLSearchParams(Object.entries(q).map(([k, v]) => [`${spec.prefix ?? ''}${k}`, v])).toString();
  return p ? `?${p}` : '';
}

/** The list's parameters with their prefix (to carry along in another list's form on the same page). */
export function prefixed<R>(spec: ListSpec<R>, q: ListQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(q).map(([k, v]) => [`${spec.prefix ?? ''}${k}`, v]));
}

/** The rows the query selects, in its order. A filter value that is not offered simply matches nothing. */
export function applyList<R>(spec: ListSpec<R>, rows: R[], q: ListQuery): R[] {
  const text = q.q?.toLowerCase();
  const out = rows.filter((r) => spec.filters.every((f) => !q[f.key] || f.match(r, q[f.key])) && (!text || !spec.search || spec.search(r).toLowerCase().includes(text)));
  const sort = spec.sorts.find((s) => s.key === q.sort) ?? spec.sorts[0];
  return sort ? out.sort((a, b) => sort.compare(a, b) || (spec.tiebreak?.(a, b) ?? 0)) : out;
}

/** Distinct [value, text] pairs sorted by text (for a filter's choices). */
export function choices(pairs: [string, string][]): [string, string][] {
  return [...new Map(pairs).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh') || a[0].localeCompare(b[0]));
}

/**
 * The filter form (a GET to `action`), the count, and the export links. `keep` are other parameters of the page
 * (another list's) carried along as hidden fields.
 */
export function ListControls<R>(props: { spec: ListSpec<R>; all: R[]; shown: number; query: ListQuery; action: string; exportPath: string; keep?: Record<string, string>; unit?: string }) {
  const { spec, query } = props;
  const p = spec.prefix ?? '';
  const qs = listQueryString(spec, query);
  const filtered = Object.keys(query).some((k) => k !== 'sort');
  return (
    <div class="list-controls">
      <form method="get" action={props.action} class="filters">
        {Object.entries(props.keep ?? {}).map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        {spec.filters.map((f) => (
          <label>
            {f.label}
            <select name={`${p}${f.key}`}>
              <option value="">全部</option>
              {f.options(props.all).map(([v, t]) => (
                <option value={v} selected={query[f.key] === v}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        ))}
        {spec.search ? (
          <label>
            搜索 <input type="search" name={`${p}q`} value={query.q ?? ''} />
          </label>
        ) : null}
        {spec.sorts.length > 1 ? (
          <label>
            排序
            <select name={`${p}sort`}>
              {spec.sorts.map((s) => (
                <option value={s.key} selected={(query.sort ?? spec.sorts[0].key) === s.key}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit">筛选</button>
        {filtered ? (
          <a href={`${props.action}${props.keep && Object.keys(props.keep).length ? `?${new URLSearchParams(props.keep)}` : ''}`} class="reset">
            清除筛选
          </a>
        ) : null}
      </form>
      {filtered || query.sort ? <p class="printonly conditions">{conditionsText(spec, props.all, query)}</p> : null}
      <p class="exports">
        <span class="count">
          {filtered ? `筛选出 ${props.shown} 条（共 ${props.all.length} 条）` : `共 ${props.all.length} 条`}
        </span>
        <a href={`${props.exportPath}.xlsx${qs}`} class="export-xlsx">
          导出 Excel
        </a>
        <a href={`${props.exportPath}.csv${qs}`} class="export-csv">
          导出 CSV
        </a>
        <span class="meta">（导出与打印均为当前筛选结果）</span>
      </p>
    </div>
  );
}

/** The query in words, for the printed list (e.g. 筛选条件：单位：鲤城区教育局；搜索：身份证；排序：按网站). */
export function conditionsText<R>(spec: ListSpec<R>, all: R[], q: ListQuery): string {
  const parts = spec.filters.filter((f) => q[f.key]).map((f) => `${f.label}：${f.options(all).find(([v]) => v === q[f.key])?.[1] ?? q[f.key]}`);
  if (q.q) parts.push(`搜索：${q.q}`);
  const sort = spec.sorts.find((s) => s.key === q.sort);
  return `${parts.length ? `筛选条件：${parts.join('；')}` : '全部记录'}${sort ? `；排序：${sort.label}` : ''}`;
}

/** The rows as a table (stacked cards on a narrow phone: each cell labelled with its header). */
export function ListTable<R>(props: { spec: ListSpec<R>; rows: R[]; class?: string; rowAttrs?: (r: R) => Record<string, string | undefined>; empty?: string }) {
  const cols = props.spec.columns.filter((c) => !c.exportOnly);
  if (!props.rows.length) return <p class="meta empty">{props.empty ?? '没有符合条件的记录。'}</p>;
  return (
    <table class={`list${props.class ? ` ${props.class}` : ''}`}>
      <thead>
        <tr>
          {cols.map((c) => (
            <th class={c.class}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr {...(props.rowAttrs?.(r) ?? {})}>
            {cols.map((c) => (
              <td class={c.class} data-label={c.text ? c.header : undefined}>
                {c.view ? c.view(r) : (c.text?.(r) ?? '')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const exported = <R,>(spec: ListSpec<R>) => spec.columns.filter((c): c is ListColumn<R> & { text: (r: R) => string } => Boolean(c.text));

/** The rows as CSV: a BOM (Excel reads UTF-8), Chinese headers, CRLF, cells that cannot run as formulas. */
export function listCsvText<R>(spec: ListSpec<R>, rows: R[]): string {
  const cols = exported(spec);
  const lines = [cols.map((c) => c.header), ...rows.map((r) => cols.map((c) => c.text(r)))];
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The rows as an Excel workbook: one sheet, bold frozen header, text cells (a leading = + - @ neutralised). */
export async function listXlsxBytes<R>(spec: ListSpec<R>, rows: R[]): Promise<Uint8Array<ArrayBuffer>> {
  const cols = exported(spec);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  ws.addRow(cols.map((c) => c.header)).font = { bold: true };
  for (const r of rows)
    ws.addRow(
      cols.map((c) => {
        const v = c.text(r);
        if (c.numeric && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
        return /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(v) ? `'${v}` : v;
      }),
    );
  ws.columns.forEach((col, i) => {
    col.width = cols[i]?.width ?? 16;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: '1:1' };
  const buf = await wb.xlsx.writeBuffer();
  const out = new Uint8Array(new ArrayBuffer(buf.byteLength));
  out.set(new Uint8Array(buf as ArrayBuffer));
  return out;
}

/**
 * Adds `path.csv` and `path.xlsx`: the rows `load` gives (for this viewer; a Response — 404, 403 — is sent as is),
 * filtered and sorted by the request's query exactly as the page is.
 */
export function listExportRoutes<R>(app: Hono<AppEnv>, path: string, spec: ListSpec<R>, load: (c: Ctx) => Promise<R[] | Response>): void {
  app.get(`${path}.csv`, async (c) => {
    const all = await load(c);
    if (all instanceof Response) return all;
    return c.body(listCsvText(spec, applyList(spec, all, readList(c, spec))), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${spec.file}.csv"` });
  });
  app.get(`${path}.xlsx`, async (c) => {
    const all = await load(c);
    if (all instanceof Response) return all;
    return c.body(await listXlsxBytes(spec, applyList(spec, all, readList(c, spec))), 200, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${spec.file}.xlsx"`,
    });
  });
}
