/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The page around every dashboard view, as hono/jsx templates (every interpolation escaped): title, stylesheets
// (served by the dashboard itself: the CSP allows no inline style), the top navigation for the viewer, a sign-out
// form carrying the CSRF token, and an optional warning banner. No script anywhere.
import type { Child } from 'hono/jsx';
import type { Viewer } from './access.ts';

export interface LayoutProps {
  title: string;
  viewer: Viewer;
  district: string;
  /** Extra stylesheet (the bulletin's). */
  bulletinCss?: boolean;
  /** Shown at the top, one banner each (the holiday calendar running out, notifications not getting through). */
  warning?: string | string[];
  /** A notice after an action (e.g. 已确认). */
  notice?: string;
  /** The viewer has a session or token cookie (offer 退出). */
  signedIn?: boolean;
  /** The CSRF token of the viewer's session (forms carry it). */
  csrf?: string;
  children?: Child;
}

/** Path of a unit's page. */
export function unitPath(unit: string): string {
  return `/units/${encodeURIComponent(unit)}`;
}

/** Path of a site's page. */
export function sitePath(siteId: string): string {
  return `/sites/${encodeURIComponent(siteId)}`;
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField(props: { token?: string }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />;
}

function Nav(props: { viewer: Viewer; signedIn?: boolean; csrf?: string }) {
  const v = props.viewer;
  return (
    <nav class="top">
      <span class="who">
        {v.label}
        {v.role ? `（${roleText[v.role]}）` : ''}
        {props.signedIn ? (
          <form method="post" action="/logout" class="inline">
            <CsrfField token={props.csrf} />
            <button type="submit" class="link">退出</button>
          </form>
        ) : (
          <>
            {'　'}
            <a href="/login">登录</a>
          </>
        )}
      </span>
      <a href="/">总览</a>
      {v.kind === 'unit' ? <a href={unitPath(v.unit)}>本单位</a> : null}
      <a href="/findings">问题清单</a>
      {v.kind === 'center' && (v.role === 'admin' || v.role === 'reviewer') ? <a href="/review">复核</a> : null}
      {v.kind === 'center' ? <a href="/bulletins">通报</a> : null}
      {v.kind === 'center' && (v.role === 'admin' || v.role === 'reviewer') ? <a href="/audit-log">操作记录</a> : null}
      {v.role === 'admin' ? <a href="/users">账号</a> : null}
      {v.userId ? <a href="/account">我的账号</a> : null}
    </nav>
  );
}

export const roleText: Record<string, string> = { admin: '中心管理员', reviewer: '中心复核员', unit: '单位用户' };

export function Layout(props: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {props.title} - {props.district}政府网站检查
        </title>
        <link rel="stylesheet" href="/assets/report.css" />
        <link rel="stylesheet" href="/assets/dashboard.css" />
        {props.bulletinCss ? <link rel="stylesheet" href="/assets/bulletin.css" /> : null}
      </head>
      <body>
        <Nav viewer={props.viewer} signedIn={props.signedIn} csrf={props.csrf} />
        <main>
          {[props.warning ?? []].flat().map((w) => (
            <p class="warn">{w}</p>
          ))}
          {props.notice ? <p class="notice">{props.notice}</p> : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page for errors and sign-in (no data). */
export function PlainPage(props: { title: string; children?: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/report.css" />
        <link rel="stylesheet" href="/assets/dashboard.css" />
      </head>
      <body>
        <main>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/**
 * The sign-in page: a POST form for a user name and password (no secret in a URL), and a second form for an access
 * token (center or unit links issued with `govaudit token`), also posted.
 */
export function SignInPage(props: { reason: string; csrf: string; next?: string; error?: string }) {
  return (
    <PlainPage title="登录">
      <p>{props.reason}</p>
      {props.error ? <p class="warn">{props.error}</p> : null}
      <form method="post" action="/login" class="signin">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next ?? '/'} />
        <label>
          用户名 <input type="text" name="username" autocomplete="username" required />
        </label>
        <label>
          密码 <input type="password" name="password" autocomplete="current-password" required />
        </label>
        <button type="submit">登录</button>
      </form>
      <details>
        <summary>使用访问令牌</summary>
        <form method="post" action="/login/token" class="signin">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="next" value={props.next ?? '/'} />
          <label>
            访问令牌 <input type="password" name="token" autocomplete="off" required />
          </label>
          <button type="submit">进入</button>
        </form>
        <p class="meta">令牌由网站管理中心用 <code>govaudit token</code> 签发：中心令牌可查看全部网站，单位令牌只能查看本单位的网站（只读）。</p>
      </details>
    </PlainPage>
  );
}
