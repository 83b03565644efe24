// The dashboard's request handler: read-only routes (GET and HEAD only), each checked against what the viewer
// may see — a unit's token sees its own sites and nothing else (other sites answer 404, as if absent).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DistrictConfig } from '../config/schema.ts';
import { bulletinDocument } from '../reports/bulletin/document.ts';
import { bulletinRecordKind, type BulletinRecord } from '../reports/bulletin/generate.ts';
import { bulletinCss, renderBulletinBody } from '../reports/bulletin/html.tsx';
import { buildBulletinModel, NoRunsError } from '../reports/bulletin/model.ts';
import { localDate } from '../calendar/timezone.ts';
import { calendarGap, calendarGapText } from '../calendar/coverage.ts';
import { failingNotifications } from '../notify/status.ts';
import { findingsCsv } from '../reports/csv.ts';
import { esc } from '../reports/html/escape.ts';
import { reportCss } from '../reports/html/styles.ts';
import type { Store } from '../store/types.ts';
import { cookieName, decideAccess, type Viewer } from './access.ts';
import { loadSite, reviewContext, visibleSites } from './data.ts';
import { page, plainPage, signInPage } from './layout.ts';
import { bulletinsBody, type ArchiveMonth } from './pages/bulletins.ts';
import { overviewBody } from './pages/overview.ts';
import { siteBody } from './pages/site.ts';
import { unitBody } from './pages/unit.ts';
import { redirect, send, sendHtml } from './respond.ts';

export interface HandlerOptions {
  store: Store;
  config: DistrictConfig;
  requireToken?: boolean;
  /** The clock for waivers and bulletin previews. */
  now: () => Date;
  /** Runs shown per site (history and trend). */
  historyRuns: number;
}

/** Runs per site behind the overview's sparklines (kept small: the overview reads every site). */
const overviewRuns = 10;

const fileTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Builds the request handler. It never throws: failures answer 500 without details. */
export function createHandler(opts: HandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { store, config } = opts;
  return async (req, res) => {
    const head = req.method === 'HEAD';
    try {
      if (req.method !== 'GET' && !head) return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { allow: 'GET, HEAD' });
      const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
      const path = url.pathname;
      if (path === '/assets/report.css') return send(res, 200, 'text/css; charset=utf-8', reportCss, { 'cache-control': 'max-age=3600' }, head);
      if (path === '/assets/bulletin.css') return send(res, 200, 'text/css; charset=utf-8', bulletinCss, { 'cache-control': 'max-age=3600' }, head);
      if (path === '/logout') return redirect(res, '/', `${cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
      const access = await decideAccess(req, url, { store, requireToken: opts.requireToken });
      if (!access.ok) {
        if (access.status === 303) return redirect(res, access.location, access.cookie);
        if (access.status === 401) return sendHtml(res, 401, signInPage(access.reason), head);
        return sendHtml(res, 421, plainPage('拒绝访问', `<p>${esc(access.reason)}</p>`), head);
      }
      const viewer = access.viewer;
      const signedIn = Boolean(req.headers.cookie?.includes(`${cookieName}=`));
      const now = opts.now();
      const { ctx, warning } = await reviewContext(config, now);
      const warnings = [...(warning ? [warning] : []), ...(viewer.kind === 'center' ? await centerWarnings(store, config, now) : [])];
      const show = (title: string, body: string, extra: { bulletinCss?: boolean } = {}) =>
        sendHtml(res, 200, page({ title, viewer, district: config.district, body, warning: warnings, signedIn, ...extra }), head);
      const notFound = () => sendHtml(res, 404, plainPage('页面不存在', '<p>没有这个页面，或您无权查看。</p><p><a href="/">返回总览</a></p>'), head);
      const sites = visibleSites(config, viewer);
      const seg = path.split('/').filter(Boolean).map(safeDecode);
      if (seg.some((s) => s === null)) return notFound();
      const parts = seg as string[];

      if (parts.length === 0) {
        const views = await Promise.all(sites.map((s) => loadSite(store, s, ctx, Math.min(opts.historyRuns, overviewRuns))));
        return show('总览', overviewBody(views, viewer, config));
      }
      if (parts[0] === 'sites' && parts.length >= 2) {
        const site = sites.find((s) => s.id === parts[1]);
        if (!site) return notFound();
        const view = await loadSite(store, site, ctx, opts.historyRuns);
        const rest = parts.slice(2);
        let card = view.latest;
        if (rest[0] === 'runs' && rest[1]) {
          card = view.history.find((h) => h.runId === rest[1]) ?? null;
          if (!card) return notFound();
          rest.splice(0, 2);
        }
        if (rest.length === 1 && rest[0] === 'findings.csv' && card) {
          return send(res, 200, 'text/csv; charset=utf-8', findingsCsv(card, config.timezone), { 'content-disposition': `attachment; filename="${site.id}-findings.csv"` }, head);
        }
        if (rest.length) return notFound();
        return show(site.name, siteBody(view, config, card));
      }
      if (parts[0] === 'units' && parts.length === 2) {
        const mine = sites.filter((s) => s.unit === parts[1]);
        if (!mine.length) return notFound();
        const views = await Promise.all(mine.map((s) => loadSite(store, s, ctx, opts.historyRuns)));
        return show(parts[1], unitBody(parts[1], views, config));
      }
      if (parts[0] === 'bulletins') {
        if (viewer.kind !== 'center') return notFound();
        if (parts.length === 1) return show('月度通报', bulletinsBody(await archive(store, config), config.timezone));
        const month = parts[1];
        if (!/^\d{4}-\d{2}$/.test(month)) return notFound();
        if (parts.length === 2) {
          try {
            const model = await buildBulletinModel({ store, config, month, now, decisions: ctx.decisions });
            return show(model.title, `<p class="meta noprint">预览：按当前数据与豁免即时生成，正式文件请使用“通报”页中的下载。</p><div class="doc">${renderBulletinBody(bulletinDocument(model))}</div>`, { bulletinCss: true });
          } catch (e) {
            if (e instanceof NoRunsError) return notFound();
            throw e;
          }
        }
        const m = parts.length === 3 ? /^bulletin-(\d{4}-\d{2})\.(html|pdf|docx)$/.exec(parts[2]) : null;
        if (!m || m[1] !== month) return notFound();
        const rec = (await store.listRecords<BulletinRecord>(bulletinRecordKind)).find((r) => r.key === month);
        const file = rec?.data.files[m[2] as keyof BulletinRecord['files']];
        if (!file) return notFound();
        const body = await readFile(file).catch(() => null);
        if (!body) return notFound();
        return send(res, 200, fileTypes[m[2]], body, { 'content-disposition': `attachment; filename="${parts[2]}"` }, head);
      }
      return notFound();
    } catch {
      if (!res.headersSent) sendHtml(res, 500, plainPage('出错了', '<p>页面生成失败，请稍后再试或查看服务日志。</p>'), head);
      else res.end();
    }
  };
}

/** What the center must act on: the holiday calendar running out, notifications not getting through. */
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

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export type { Viewer };
