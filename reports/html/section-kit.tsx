/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Small pieces the per-check scorecard sections share: defensive readers for metrics that come from stored JSON,
// a table that is drawn only when it has rows (scrolling inside its box on a phone), and a safe link.
import type { Child } from 'hono/jsx';

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
export const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
export const num = (v: unknown, none = '0'): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : none);
export const pct = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 1000) / 10}%` : '—');
export const yesNo = (v: unknown): string => (v === true ? '是' : v === false ? '否' : '未测');
export const dash = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/** A URL safe for href: only http(s); anything else becomes '#'. */
export function safeHref(url: string | null | undefined): string {
  if (!url) return '#';
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

/** A link to a crawled URL (text defaults to the URL, which may break anywhere). */
export function Link(props: { url: unknown; text?: unknown }) {
  if (typeof props.url !== 'string') return <>{dash(props.text)}</>;
  const text = typeof props.text === 'string' && props.text ? props.text : props.url;
  return (
    <a href={safeHref(props.url)} rel="noopener noreferrer" class={text === props.url ? 'u' : undefined}>
      {text}
    </a>
  );
}

/** A table inside a box that scrolls sideways on a narrow screen; nothing when there are no rows. */
export function Table(props: { head: string[]; rows: Child[]; numeric?: number[]; class?: string }) {
  if (!props.rows.length) return null;
  return (
    <div class="scroll">
      <table class={props.class}>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th class={props.numeric?.includes(i) ? 'num' : undefined}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.rows}</tbody>
      </table>
    </div>
  );
}
