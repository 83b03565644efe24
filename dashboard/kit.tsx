/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// What the dashboard's route modules share: the app's options and context types, sending a page in the layout,
// 404 and the role check.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store, UserRecord } from '../store/types.ts';
import type { Viewer } from './access.ts';
import { Layout, PlainPage } from './layout.tsx';

/** The session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS). */
export const sessionCookie = 'govaudit_session';

export interface AppOptions {
  store: Store;
  config: DistrictConfig;
  requireToken?: boolean;
  /** The clock for bulletin previews and sessions. */
  now: () => Date;
  /** Runs shown per site (history and trend). */
  historyRuns: number;
  /** Waits before answering a failed sign-in (default: a real sleep); tests record the delays instead. */
  delay?: (ms: number) => Promise<void>;
  /** Mark cookies `Secure` (default: when the request URL is https, e.g. behind a TLS-terminating proxy that says so). */
  secureCookies?: boolean;
}

export type AppEnv = { Bindings: HttpBindings; Variables: { viewer: Viewer; csrf: string; signedIn: boolean; user?: UserRecord; warnings?: string[] } };
export type Ctx = Context<AppEnv>;

/** Sends a whole document. */
export function html(c: Ctx, node: Child, status: 200 | 400 | 401 | 403 | 404 | 405 | 421 | 429 | 500 = 200): Response {
  return c.html(`<!doctype html>\n${String(node)}\n`, status);
}

/** A page in the dashboard's layout. */
export function show(c: Ctx, opts: AppOptions, title: string, body: Child, extra: { bulletinCss?: boolean; notice?: string; status?: 200 | 400 | 403 } = {}): Response {
  return html(
    c,
    <Layout title={title} viewer={c.get('viewer')} district={opts.config.district} signedIn={c.get('signedIn')} csrf={c.get('csrf')} bulletinCss={extra.bulletinCss} notice={extra.notice} warning={c.get('warnings')}>
      {body}
    </Layout>,
    extra.status ?? 200,
  );
}

export function notFound(c: Ctx): Response {
  return html(
    c,
    <PlainPage title="页面不存在">
      <p>没有这个页面，或您无权查看。</p>
      <p>
        <a href="/">返回总览</a>
      </p>
    </PlainPage>,
    404,
  );
}

/** Whether cookies get `Secure`. */
export function secureFor(c: Ctx, opts: AppOptions): boolean {
  return opts.secureCookies ?? new URL(c.req.url).protocol === 'https:';
}

/**
 * Refuses a viewer without one of `roles`: a unit's viewer gets 404 (as if the page were absent), a read-only center
 * viewer (this machine, a token) a 403 page asking to sign in. Null when allowed.
 */
export function refuse(c: Ctx, roles: ('admin' | 'reviewer' | 'unit')[]): Response | null {
  const v = c.get('viewer');
  if (v.role && roles.includes(v.role)) return null;
  if (v.kind === 'unit' && !roles.includes('unit')) return notFound(c);
  return html(
    c,
    <PlainPage title="需要登录">
      <p>此操作需要以有权限的账号登录。</p>
      <p>
        <a href={`/login?next=${encodeURIComponent(c.req.path)}`}>登录</a>　<a href="/">返回总览</a>
      </p>
    </PlainPage>,
    403,
  );
}

