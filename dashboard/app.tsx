/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The dashboard as a Hono app: routing, cookies, body parsing, secure headers and the origin check against CSRF from
// Hono and its middleware; every page a hono/jsx template (escaped unless marked trusted). Who may see what is
// decided once per request (dashboard/access.ts); a unit's viewer sees its own sites and nothing else (other sites
// answer 404, as if absent). State changes are POST forms carrying a CSRF token (dashboard/csrf.ts).
import { readFile } from 'node:fs/promises';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { Child } from 'hono/jsx';
import { secureHeaders } from 'hono/secure-headers';
import { localDate } from '../calendar/timezone.ts';
import { calendarGap, calendarGapText } from '../calendar/coverage.ts';
import { failingNotifications } from '../notify/status.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { bulletinDocument } from '../reports/bulletin/document.ts';
import { bulletinRecordKind, type BulletinRecord } from '../reports/bulletin/generate.ts';
import { BulletinBody, bulletinCss } from '../reports/bulletin/html.tsx';
import { buildBulletinModel, NoRunsError } from '../reports/bulletin/model.ts';
import { findingsCsv } from '../reports/csv.ts';
import { reportCss } from '../reports/html/styles.ts';
import { decisionsFor } from '../reports/review-store.ts';
import { cookieName, decideAccess, type Viewer } from './access.ts';
import { csrfCookie, csrfFieldOk, newCsrfToken } from './csrf.ts';
import { loadSite, visibleSites } from './data.ts';
import { Layout, PlainPage, SignInPage } from './layout.tsx';
import { type ArchiveMonth, BulletinsPage, bulletinsSpec } from './pages/bulletins.tsx';
import { listExportRoutes, readList } from './list.tsx';
import { Overview, sitesSpec, unitRows, unitsSpec } from './pages/overview.tsx';
import { SitePage } from './pages/site.tsx';
import { UnitPage } from './pages/unit.tsx';
import { dashboardCss } from './styles.ts';
import { accountRoutes } from './accounts.tsx';
import { reviewRoutes } from './review.tsx';
import { findingsRoutes } from './findings.tsx';
import { ClaimsSection, loadRectifyData, RectifySection, rectifyRoutes } from './rectify.tsx';
import { listRectifications } from '../reports/rectification.ts';
import { type AppEnv, type AppOptions, type Ctx, html, notFound, secureFor, sessionCookie, show } from './kit.tsx';
import { verifyToken } from './tokens.ts';
import { audit, sessionHours, sessionViewer, signIn, signOut } from './users.ts';
import { formatDateTime } from '../reports/html/labels.ts';
import type { Store, UserRecord } from '../store/types.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Paths that take a form (POST only). */
export const postRoutes: RegExp[] = [/^\/login\/token$/, /^\/logout$/, /^\/users\/[^/]+\/(disable|enable|unlock)$/, /^\/review\/[^/]+\/[^/]+$/, /^\/rectify\/[^/]+\/[^/]+$/, /^\/recheck\/[^/]+$/];
/** Pages that show a form and take it (GET and POST). */
export const formPages: RegExp[] = [/^\/login$/, /^\/users$/, /^\/account$/];

/** Runs per site behind the overview's sparklines (kept small: the overview reads every site). */
const overviewRuns = 10;

/** No script, no inline style, nothing from elsewhere; forms only to the dashboard. */
export const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const fileTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Builds the app. Extra routes (sign-in, review, rectification) are added by `extend` before the fallbacks. */
export function createApp(opts: AppOptions, extend: (app: Hono<AppEnv>) => void = () => {}): Hono<AppEnv> {
  const { store, config } = opts;
  const app = new Hono<AppEnv>();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], formAction: ["'self'"], baseUri: ["'none'"], frameAncestors: ["'none'"] },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginOpenerPolicy: 'same-origin',
      crossOriginResourcePolicy: 'same-origin',
      strictTransportSecurity: false,
      xXssProtection: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  });
  // Pages answer GET and HEAD; the few form targets answer POST only; anything else is 405 before any other check.
  app.use('*', async (c, next) => {
    const allowed = postRoutes.some((r) => r.test(c.req.path)) ? ['POST'] : formPages.some((r) => r.test(c.req.path)) ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'];
    if (!allowed.includes(c.req.method)) return c.text('method not allowed\n', 405, { allow: allowed.join(', ') });
    await next();
  });
  // State changes: a same-origin request (Hono's Origin / Sec-Fetch-Site check), a small form body, and the CSRF token.
  app.use('*', csrf());
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('request too large\n', 413) }));

  app.get('/assets/report.css', (c) => c.body(reportCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }));
  app.get('/assets/bulletin.css', (c) => c.body(bulletinCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }));
  app.get('/assets/dashboard.css', (c) => c.body(dashboardCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' }));

  // Who is asking: a signed-in user's session first; then a token or this machine.
  app.use('*', async (c, next) => {
    const session = await sessionViewer(store, getCookie(c, sessionCookie), opts.now());
    if (session) {
      c.set('viewer', session.viewer);
      c.set('csrf', session.csrf);
      c.set('signedIn', true);
      c.set('user', session.user);
      return next();
    }
    const access = await decideAccess(
      { incoming: c.env?.incoming, url: new URL(c.req.url), host: c.req.header('host'), authorization: c.req.header('authorization'), tokenCookie: getCookie(c, cookieName) },
      { store, requireToken: opts.requireToken },
    );
    if (!access.ok) {
      if (access.status === 303) {
        setCookie(c, cookieName, access.token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 2_592_000, secure: secureFor(c, opts) });
        return c.redirect(access.location, 303);
      }
      if (access.status === 421) return html(c, <PlainPage title="拒绝访问"><p>{access.reason}</p></PlainPage>, 421);
      if (c.req.path === '/login' || c.req.path === '/login/token') return next();
      const token = getCookie(c, csrfCookie) ?? newCsrfToken();
      setCookie(c, csrfCookie, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureFor(c, opts) });
      return html(c, <SignInPage reason={access.reason} csrf={token} next={c.req.method === 'GET' ? c.req.path : '/'} />, 401);
    }
    c.set('viewer', access.viewer);
    c.set('signedIn', Boolean(getCookie(c, cookieName)));
    if (!c.get('csrf')) {
      const token = getCookie(c, csrfCookie) ?? newCsrfToken();
      if (!getCookie(c, csrfCookie)) setCookie(c, csrfCookie, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureFor(c, opts) });
      c.set('csrf', token);
    }
    return next();
  });
  // What the center must act on, on every page it sees: the holiday calendar running out, notifications not getting through.
  app.use('*', async (c, next) => {
    if (c.get('viewer')?.kind === 'center') c.set('warnings', await centerWarnings(store, opts.config, opts.now()));
    return next();
  });
  // Every POST carries the token of its session (or, before sign-in, of its CSRF cookie).
  app.use('*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const expected = c.req.path.startsWith('/login') ? getCookie(c, csrfCookie) : (c.get('csrf') ?? getCookie(c, csrfCookie));
    if (!csrfFieldOk(body._csrf, expected)) return forbiddenForm(c);
    return next();
  });

  app.post('/logout', async (c) => {
    const user = c.get('user');
    await signOut(store, getCookie(c, sessionCookie));
    if (user) await audit(store, { at: opts.now(), actor: user.username, action: 'logout', target: user.username });
    deleteCookie(c, sessionCookie, { path: '/' });
    deleteCookie(c, cookieName, { path: '/' });
    return c.redirect('/', 303);
  });
  app.get('/login', (c) => {
    const token = getCookie(c, csrfCookie) ?? newCsrfToken();
    if (!getCookie(c, csrfCookie)) setCookie(c, csrfCookie, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureFor(c, opts) });
    return html(c, <SignInPage reason="请输入用户名和密码。" csrf={token} next={safeNext(c.req.query('next'))} />);
  });
  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 500) : '';
    const result = await signIn(store, username, password, opts.now());
    if (!result.ok) {
      await (opts.delay ?? sleep)(result.delayMs);
      const csrfToken = getCookie(c, csrfCookie) ?? newCsrfToken();
      const error = result.reason === 'locked' ? `连续登录失败次数过多，账号已暂时锁定，请于 ${formatDateTime(result.until!, config.timezone)} 后再试，或联系网站管理中心。` : '用户名或密码不正确。';
      return html(c, <SignInPage reason="请输入用户名和密码。" error={error} csrf={csrfToken} next={safeNext(body.next)} />, result.reason === 'locked' ? 429 : 401);
    }
    setCookie(c, sessionCookie, result.sessionId, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: sessionHours * 3600, secure: secureFor(c, opts) });
    deleteCookie(c, cookieName, { path: '/' });
    return c.redirect(safeNext(body.next), 303);
  });
  app.post('/login/token', async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const info = await verifyToken(store, token);
    const csrfToken = getCookie(c, csrfCookie) ?? newCsrfToken();
    if (!info) return html(c, <SignInPage reason="请登录，或使用网站管理中心签发的访问令牌。" error="访问令牌无效或已被撤销。" csrf={csrfToken} />, 401);
    setCookie(c, cookieName, token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 2_592_000, secure: secureFor(c, opts) });
    return c.redirect(safeNext(body.next), 303);
  });

  accountRoutes(app, opts);
  reviewRoutes(app, opts);
  findingsRoutes(app, opts);
  rectifyRoutes(app, opts);
  extend(app);

  const overviewViews = (c: Ctx) => Promise.all(visibleSites(config, c.get('viewer')).map((s) => loadSite(store, s, Math.min(opts.historyRuns, overviewRuns))));
  app.get('/', async (c) => {
    const views = await overviewViews(c);
    return show(c, opts, '总览', <Overview views={views} viewer={c.get('viewer')} config={config} siteQuery={readList(c, sitesSpec(config))} unitQuery={readList(c, unitsSpec())} />);
  });
  listExportRoutes(app, '/sites', sitesSpec(config), overviewViews);
  listExportRoutes(app, '/units', unitsSpec(), async (c) => unitRows(await overviewViews(c)));
  // A unit page's sites list (for its <ListControls exportPath={`${unitPath(unit)}/sites`}>): the unit's visible sites.
  listExportRoutes(app, '/units/:unit/sites', sitesSpec(config), async (c) => {
    const mine = visibleSites(config, c.get('viewer')).filter((s) => s.unit === c.req.param('unit'));
    return mine.length ? Promise.all(mine.map((s) => loadSite(store, s, Math.min(opts.historyRuns, overviewRuns)))) : notFound(c);
  });

  const sitePage = async (c: Ctx, siteId: string, runId: string | undefined, csv: boolean) => {
    const site = visibleSites(config, c.get('viewer')).find((s) => s.id === siteId);
    if (!site) return notFound(c);
    const view = await loadSite(store, site, opts.historyRuns);
    const card = runId === undefined ? view.latest : (view.history.find((h) => h.runId === runId) ?? null);
    if (runId !== undefined && !card) return notFound(c);
    if (csv) {
      if (!card) return notFound(c);
      return c.body(findingsCsv(card, config.timezone), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${site.id}-findings.csv"` });
    }
    const claims = runId === undefined ? await listRectifications(store, site.id) : [];
    return show(
      c,
      opts,
      site.name,
      <SitePage view={view} config={config} card={card}>
        <ClaimsSection claims={claims} tz={config.timezone} />
      </SitePage>,
    );
  };
  app.get('/sites/:site', (c) => sitePage(c, c.req.param('site'), undefined, false));
  app.get('/sites/:site/findings.csv', (c) => sitePage(c, c.req.param('site'), undefined, true));
  app.get('/sites/:site/runs/:run', (c) => sitePage(c, c.req.param('site'), c.req.param('run'), false));
  app.get('/sites/:site/runs/:run/findings.csv', (c) => sitePage(c, c.req.param('site'), c.req.param('run'), true));

  app.get('/units/:unit', async (c) => {
    const unit = c.req.param('unit');
    const mine = visibleSites(config, c.get('viewer')).filter((s) => s.unit === unit);
    if (!mine.length) return notFound(c);
    const views = await Promise.all(mine.map((s) => loadSite(store, s, opts.historyRuns)));
    const done = c.req.query('done');
    const v = c.get('viewer');
    return show(
      c,
      opts,
      unit,
      <UnitPage unit={unit} views={views} config={config}>
        <section>
          <h2>整改情况</h2>
          <RectifySection views={views} data={await loadRectifyData(views, opts)} tz={config.timezone} csrf={c.get('csrf')} canAct={v.role === 'unit'} />
        </section>
      </UnitPage>,
      done ? { notice: done.slice(0, 200) } : {},
    );
  });

  app.get('/bulletins', async (c) => {
    if (c.get('viewer').kind !== 'center') return notFound(c);
    return show(c, opts, '月度通报', <BulletinsPage all={await archive(store, config)} query={readList(c, bulletinsSpec(config.timezone))} timezone={config.timezone} />);
  });
  listExportRoutes(app, '/bulletins', bulletinsSpec(config.timezone), async (c) => (c.get('viewer').kind === 'center' ? archive(store, config) : notFound(c)));
  app.get('/bulletins/:month', async (c) => {
    const month = c.req.param('month');
    if (c.get('viewer').kind !== 'center' || !/^\d{4}-\d{2}$/.test(month)) return notFound(c);
    try {
      const decisions = await decisionsFor(config, store);
      const model = await buildBulletinModel({ store, config, month, now: opts.now(), decisions });
      return show(
        c,
        opts,
        model.title,
        <>
          <p class="meta noprint">预览：按当前数据与复核结论即时生成，正式文件请使用“通报”页中的下载。</p>
          <div class="doc">
            <BulletinBody doc={bulletinDocument(model)} />
          </div>
        </>,
        { bulletinCss: true },
      );
    } catch (e) {
      if (e instanceof NoRunsError) return notFound(c);
      throw e;
    }
  });
  app.get('/bulletins/:month/:file', async (c) => {
    const month = c.req.param('month');
    const m = /^bulletin-(\d{4}-\d{2})\.(html|pdf|docx)$/.exec(c.req.param('file'));
    if (c.get('viewer').kind !== 'center' || !m || m[1] !== month) return notFound(c);
    const rec = (await store.listRecords<BulletinRecord>(bulletinRecordKind)).find((r) => r.key === month);
    const file = rec?.data.files[m[2] as keyof BulletinRecord['files']];
    if (!file) return notFound(c);
    const body = await readFile(file).catch(() => null);
    if (!body) return notFound(c);
    return c.body(new Uint8Array(body), 200, { 'content-type': fileTypes[m[2]], 'content-disposition': `attachment; filename="${m[0]}"` });
  });

  app.notFound((c) => notFound(c as Ctx));
  app.onError((e, c) =>
    e instanceof HTTPException && e.status === 403
      ? forbiddenForm(c as Ctx)
      : html(
      c as Ctx,
      <PlainPage title="出错了">
        <p>页面生成失败，请稍后再试或查看服务日志。</p>
      </PlainPage>,
      500,
    ),
  );
  return app;
}

/** A state change refused by the CSRF checks. */
function forbiddenForm(c: Ctx): Response {
  return html(
    c,
    <PlainPage title="请求无效">
      <p>表单已过期或来源不明（缺少安全校验码），请返回页面后重试。</p>
    </PlainPage>,
    403,
  );
}

/** A local path to go to after sign-in (never another site). */
export function safeNext(v: unknown): string {
  return typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) ? v : '/';
}

/** Months with stored runs (newest first) and their generated bulletins. */
async function archive(store: Store, config: DistrictConfig): Promise<ArchiveMonth[]> {
  const byMonth = new Map<string, ArchiveMonth>();
  for (const r of await store.listRuns({ limit: 100_000 })) {
    if (r.state !== 'done' && r.state !== 'interrupted') continue;
    const month = localDate(new Date(r.asOf), config.timezone).slice(0, 7);
    const entry = byMonth.get(month) ?? { month, runs: 0 };
    entry.runs++;
    byMonth.set(month, entry);
  }
  for (const rec of await store.listRecords<BulletinRecord>(bulletinRecordKind)) {
    const entry = byMonth.get(rec.key) ?? { month: rec.key, runs: 0 };
    entry.record = rec.data;
    byMonth.set(rec.key, entry);
  }
  return [...byMonth.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/** The center's banners: the holiday calendar not covering the coming days, notifications that failed. */
async function centerWarnings(store: Store, config: DistrictConfig, now: Date): Promise<string[]> {
  const out: string[] = [];
  const gap = calendarGap(config.calendar, now, config.timezone, config.notify.calendarHorizonDays);
  if (gap) out.push(calendarGapText(gap));
  const failing = await failingNotifications(store, now, config.notify.timeoutMs);
  if (failing.length) {
    const channels = [...new Set(failing.map((f) => f.channel))].join('、');
    out.push(`有 ${failing.length} 条通知未能送达（通道：${channels}），详见 govaudit status。`);
  }
  return out;
}
