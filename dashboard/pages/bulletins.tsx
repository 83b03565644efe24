/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The bulletin archive (center only): every month with stored runs, its generated files for download, and a
// preview of the bulletin as it would read today.
import { formatDateTime } from '../../reports/html/labels.ts';
import type { BulletinRecord } from '../../reports/bulletin/generate.ts';
import { applyList, choices, ListControls, type ListQuery, type ListSpec, ListTable } from '../list.tsx';

export interface ArchiveMonth {
  month: string;
  runs: number;
  record?: BulletinRecord;
}

const formatNames: Record<string, string> = { html: '网页（HTML）', pdf: 'PDF', docx: 'Word（DOCX）' };

/** Download path of a generated file. */
export function bulletinFilePath(month: string, format: string): string {
  return `/bulletins/${month}/bulletin-${month}.${format}`;
}

/** The archive as a list: filter by year and by whether the files were generated; newest or oldest first. */
export function bulletinsSpec(timezone: string): ListSpec<ArchiveMonth> {
  const files = (m: ArchiveMonth) => (m.record ? Object.keys(m.record.files) : []);
  return {
    title: '月度通报',
    file: 'bulletins',
    columns: [
      { header: '月份', text: (m) => m.month, width: 10 },
      { header: '检查次数', text: (m) => String(m.runs), class: 'num', numeric: true, width: 10 },
      {
        header: '已生成文件',
        text: (m) => (files(m).length ? files(m).map((f) => formatNames[f] ?? f).join('、') : '未生成'),
        view: (m) =>
          files(m).length ? (
            <>
              {files(m).map((f, i) => (
                <>
                  {i ? '　' : ''}
                  <a href={bulletinFilePath(m.month, f)}>{formatNames[f] ?? f}</a>
                </>
              ))}
              <span class="meta">（{formatDateTime(m.record!.generatedAt, timezone)}）</span>
            </>
          ) : (
            '未生成'
          ),
        width: 36,
      },
      { header: '生成时间', text: (m) => (m.record ? formatDateTime(m.record.generatedAt, timezone) : ''), exportOnly: true, width: 18 },
      { header: '预览', view: (m) => (m.runs ? <a href={`/bulletins/${m.month}`}>预览</a> : null) },
    ],
    filters: [
      { key: 'year', label: '年份', options: (all) => choices(all.map((m) => [m.month.slice(0, 4), `${m.month.slice(0, 4)}年`])).reverse(), match: (m, v) => m.month.startsWith(`${v}-`) },
      { key: 'generated', label: '文件', options: () => [['yes', '已生成'], ['no', '未生成']], match: (m, v) => (v === 'yes') === Boolean(m.record) },
    ],
    sorts: [
      { key: 'newest', label: '最近的月份在前', compare: (a, b) => b.month.localeCompare(a.month) },
      { key: 'oldest', label: '最早的月份在前', compare: (a, b) => a.month.localeCompare(b.month) },
    ],
  };
}

export function BulletinsPage(props: { all: ArchiveMonth[]; query: ListQuery; timezone: string }) {
  const spec = bulletinsSpec(props.timezone);
  const rows = applyList(spec, props.all, props.query);
  return (
    <>
      <h1>月度抽查通报</h1>
      <p class="meta">
        通报由 <code>govaudit bulletin --month YYYY-MM</code> 生成（服务每月1日自动生成上月通报）；“预览”按当前的复核结论即时生成。
      </p>
      <ListControls spec={spec} all={props.all} shown={rows.length} query={props.query} action="/bulletins" exportPath="/bulletins" />
      <ListTable spec={spec} rows={rows} class="bulletins" rowAttrs={(m) => ({ 'data-month': m.month })} />
    </>
  );
}
