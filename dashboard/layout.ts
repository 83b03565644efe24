// The page around every dashboard view: title, stylesheets (served by the dashboard itself: the CSP allows no
// inline style), the top navigation for the viewer, and an optional warning banner. No script anywhere.
import { esc } from '../reports/html/escape.ts';
import type { Viewer } from './access.ts';

export interface PageOptions {
  title: string;
  viewer: Viewer;
  district: string;
  body: string;
  /** Extra stylesheet (the bulletin's). */
  bulletinCss?: boolean;
  /** Shown at the top (e.g. a broken waiver file, the calendar running out), one banner each. */
  warning?: string | string[];
  /** The viewer signed in with a token (offer 退出). */
  signedIn?: boolean;
}

/** Path of a unit's page. */
export function unitPath(unit: string): string {
  return `/units/${encodeURIComponent(unit)}`;
}

/** Path of a site's page. */
export function sitePath(siteId: string): string {
  return `/sites/${encodeURIComponent(siteId)}`;
}

export function page(o: PageOptions): string {
  const nav = [`<a href="/">总览</a>`];
  if (o.viewer.kind === 'unit') nav.push(`<a href="${esc(unitPath(o.viewer.unit))}">本单位</a>`);
  else nav.push(`<a href="/bulletins">通报</a>`);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} - ${esc(o.district)}政府网站检查</title>
<link rel="stylesheet" href="/assets/report.css">${o.bulletinCss ? '\n<link rel="stylesheet" href="/assets/bulletin.css">' : ''}
</head>
<body>
<nav class="top"><span class="who">${esc(o.viewer.label)}${o.signedIn ? '　<a href="/logout">退出</a>' : ''}</span>${nav.join('')}</nav>
<main>
${[o.warning ?? []].flat().map((w) => `<p class="warn">${esc(w)}</p>`).join('\n')}
${o.body}
</main>
</body></html>
`;
}

/** A page for errors and sign-in (no data). */
export function plainPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/assets/report.css"></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>
`;
}

/** The sign-in page: a GET form that puts the token in the query (then a cookie); nothing is written anywhere. */
export function signInPage(reason: string): string {
  return plainPage(
    '需要访问令牌',
    `<p>${esc(reason)}</p>
<form method="get" action="/"><label>访问令牌 <input type="password" name="token" autocomplete="off" required></label> <button type="submit">进入</button></form>
<p class="meta">令牌由网站管理中心用 <code>govaudit token</code> 签发：中心令牌可查看全部网站，单位令牌只能查看本单位的网站。</p>`,
  );
}
