/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The bulletin archive (center only): every month with stored runs, its generated files for download, and a
// preview of the bulletin as it would read today.
import { formatDateTime } from '../../reports/html/labels.ts';
import type { BulletinRecord } from '../../reports/bulletin/generate.ts';

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

export function BulletinsPage(props: { months: ArchiveMonth[]; timezone: string }) {
  return (
    <>
      <h1>月度抽查通报</h1>
      <p class="meta">
        通报由 <code>govaudit bulletin --month YYYY-MM</code> 生成（服务每月1日自动生成上月通报）；“预览”按当前的复核结论即时生成。
      </p>
      <div class="scroll">
        <table class="bulletins">
          <thead>
            <tr>
              <th>月份</th>
              <th class="num">检查次数</th>
              <th>已生成文件</th>
              <th>预览</th>
            </tr>
          </thead>
          <tbody>
            {props.months.map((m) => {
              const files = m.record ? Object.keys(m.record.files) : [];
              return (
                <tr data-month={m.month}>
                  <td>{m.month}</td>
                  <td class="num">{m.runs}</td>
                  <td>
                    {files.length ? (
                      <>
                        {files.map((f, i) => (
                          <>
                            {i ? '　' : ''}
                            <a href={bulletinFilePath(m.month, f)}>{formatNames[f] ?? f}</a>
                          </>
                        ))}
                        <span class="meta">（{formatDateTime(m.record!.generatedAt, props.timezone)}）</span>
                      </>
                    ) : (
                      '未生成'
                    )}
                  </td>
                  <td>{m.runs ? <a href={`/bulletins/${m.month}`}>预览</a> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
