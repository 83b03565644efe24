/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Page chrome shared by every report page (scorecard, unit scorecard, bulletin) and, next, the dashboard: the
// document shell with its inline stylesheet, built with hono/jsx so that every interpolation is escaped. Only our own
// CSS and SVG are inserted raw (`trusted`).
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

/** Marks our own markup (stylesheets, server-drawn SVG) as safe; never use it for crawled or imported text. */
export function trusted(html: string): ReturnType<typeof raw> {
  return raw(html);
}

export interface ReportPageProps {
  title: string;
  /** Stylesheet text, inlined (standalone files); omitted when the host page links its own. */
  css?: string;
  /** Class of the <main> element. */
  mainClass?: string;
  children?: Child;
}

/** A standalone report page (zh-CN, no script, phone width, printable). */
export function ReportPage(props: ReportPageProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        {props.css ? <style>{trusted(props.css)}</style> : null}
      </head>
      <body>
        <main class={props.mainClass}>{props.children}</main>
      </body>
    </html>
  );
}

/** Renders a JSX tree to an HTML string (our components are synchronous). */
export function toHtml(node: unknown): string {
  const s = node as { toString(): string | Promise<string> };
  const out = s.toString();
  if (typeof out !== 'string') throw new Error('report templates must render synchronously');
  return out;
}

/** A whole document: doctype plus the page. */
export function documentHtml(node: unknown): string {
  return `<!doctype html>\n${toHtml(node)}\n`;
}
