/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Rectification in the dashboard: on its unit's page a unit user marks findings 已整改 with a note and asks for a
// re-check of a site; the request is queued in the store for the scheduler (scheduler/recheck.ts), which closes the
// findings that are gone or reopens the claim with the new evidence. Every viewer of the unit sees the claims' state,
// and first the problems past an issued bulletin's 整改期限 (逾期未整改).
import type { Hono } from 'hono';
import { formatDateTime } from '../reports/html/labels.ts';
import { isAwaitingReview, isScored } from '../reports/rescore.ts';
import { OverdueSection } from '../reports/html/unit-scorecard.tsx';
import { listOverdue, listRectifications, listRechecks, queueRecheck, type OverdueRectification, type RecheckRequest, type Rectification, saveRectification } from '../reports/rectification.ts';
import { displayMessage } from '../reports/vocabulary.ts';
import type { SiteView } from './data.ts';
import { loadSite, visibleSites } from './data.ts';
import { type AppEnv, type AppOptions, type Ctx, notFound, refuse, show } from './kit.tsx';
import { CsrfField, sitePath } from './layout.tsx';
import { audit } from './users.ts';

const statusText: Record<Rectification['status'], string> = { claimed: '已报整改，待复查', closed: '已整改', reopened: '复查仍存在' };

export interface RectifyData {
  claims: Map<string, Map<string, Rectification>>;
  queued: Map<string, RecheckRequest[]>;
  /** The unit's problems past an issued bulletin's 整改期限 (逾期未整改). */
  overdue: OverdueRectification[];
}

/** Each site's rectification claims and queued re-checks. */
export async function loadRectifyData(views: SiteView[], opts: AppOptions): Promise<RectifyData> {
  const data: RectifyData = { claims: new Map(), queued: new Map(), overdue: await listOverdue(opts.store, opts.config, opts.now(), { siteIds: views.map((v) => v.site.id) }) };
  for (const v of views) {
    data.claims.set(v.site.id, new Map((await listRectifications(opts.store, v.site.id)).map((r) => [r.identity, r])));
    data.queued.set(v.site.id, (await listRechecks(opts.store, v.site.id)).filter((r) => r.data.state === 'queued').map((r) => r.data));
  }
  return data;
}

/** The rectification section of a unit's page. */
export function RectifySection(props: { views: SiteView[]; data: RectifyData; tz: string; csrf: string; canAct: boolean }) {
  const { views, tz } = props;
  const out = [];
  if (props.data.overdue.length) out.push(<OverdueSection overdue={props.data.overdue} siteHref={sitePath} />);
  for (const v of views) {
    const card = v.latest;
    if (!card) continue;
    const claims = props.data.claims.get(v.site.id) ?? new Map<string, Rectification>();
    const queued = props.data.queued.get(v.site.id) ?? [];
    const open = card.findings.filter((f) => isScored(f) || isAwaitingReview(f));
    const closed = [...claims.values()].filter((r) => r.status === 'closed');
    out.push(
      <section class="rectify" data-site={v.site.id}>
        <h3>{v.site.name}：整改</h3>
        {queued.length ? <p class="notice">已申请复查（{formatDateTime(queued[0].at, tz)}），等待系统复查。</p> : null}
        {props.canAct ? (
          <form method="post" action={`/recheck/${encodeURIComponent(v.site.id)}`} class="act recheck">
            <CsrfField token={props.csrf} />
            <button type="submit">申请复查</button>
          </form>
        ) : null}
        <ol class="findings rectify-list">
          {open.map((f) => {
            const claim = claims.get(f.identity);
            return (
              <li data-identity={f.identity} class={`sev-${f.severity}`}>
                <div class="head">
                  {claim ? <span class="tag">{statusText[claim.status]}</span> : null} {displayMessage(f)}
                </div>
                {claim ? (
                  <div class="meta">
                    整改说明：{claim.note}（{claim.by}，{formatDateTime(claim.at, tz)}）{claim.checkedAt ? `；复查于 ${formatDateTime(claim.checkedAt, tz)}` : ''}
                  </div>
                ) : null}
                {props.canAct && (!claim || claim.status === 'reopened') ? (
                  <form method="post" action={`/rectify/${encodeURIComponent(v.site.id)}/${encodeURIComponent(f.identity)}`} class="act">
                    <CsrfField token={props.csrf} />
                    <input type="text" name="note" placeholder="整改说明（必填）" required maxlength={500} />
                    <button type="submit">标记已整改</button>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ol>
        {closed.length ? (
          <ul class="closed">
            {closed.map((r) => (
              <li data-identity={r.identity}>
                已整改（{formatDateTime(r.checkedAt ?? r.at, tz)}）：{r.message}
              </li>
            ))}
          </ul>
        ) : null}
      </section>,
    );
  }
  return <>{out}</>;
}

/** A site's rectification claims for its page (read-only): each with its state, the unit's note and the re-check. */
export function ClaimsSection(props: { claims: Rectification[]; tz: string }) {
  const { claims, tz } = props;
  if (!claims.length) return null;
  const order: Record<Rectification['status'], number> = { reopened: 0, claimed: 1, closed: 2 };
  const rows = [...claims].sort((a, b) => order[a.status] - order[b.status] || b.at.localeCompare(a.at));
  return (
    <section class="claims">
      <h2>整改情况（{rows.length}）</h2>
      <div class="scroll">
        <table class="claims">
          <thead>
            <tr>
              <th>问题</th>
              <th>状态</th>
              <th>整改说明</th>
              <th>复查时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-identity={r.identity} class={r.status === 'reopened' ? 'bad' : undefined}>
                <td>{r.message}</td>
                <td>{statusText[r.status]}</td>
                <td>
                  {r.note}（{r.by}，{formatDateTime(r.at, tz)}）
                </td>
                <td>{r.checkedAt ? formatDateTime(r.checkedAt, tz) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function rectifyRoutes(app: Hono<AppEnv>, opts: AppOptions): void {
  const { store, config } = opts;
  const ownSite = (c: Ctx, siteId: string) => visibleSites(config, c.get('viewer')).find((s) => s.id === siteId);
  const back = (unit: string, done: string) => `/units/${encodeURIComponent(unit)}?done=${encodeURIComponent(done)}`;

  app.post('/rectify/:site/:identity', async (c) => {
    const denied = refuse(c, ['unit']);
    if (denied) return denied;
    const site = ownSite(c, c.req.param('site'));
    if (!site) return notFound(c);
    const card = (await loadSite(store, site, 1)).latest;
    const f = card?.findings.find((x) => x.identity === c.req.param('identity'));
    if (!f) return notFound(c);
    const note = str((await c.req.parseBody()).note).slice(0, 500);
    if (!note) return show(c, opts, '整改', <p class="warn">请填写整改说明。</p>, { status: 400 });
    const user = c.get('user')!;
    const now = opts.now();
    await saveRectification(store, { siteId: site.id, identity: f.identity, message: displayMessage(f).slice(0, 300), note, by: user.displayName, at: now.toISOString(), status: 'claimed' });
    await audit(store, { at: now, actor: user.username, action: 'rectify.mark', siteId: site.id, target: f.identity, detail: { note } });
    return c.redirect(back(site.unit, '已标记为已整改，请在全部整改后申请复查。'), 303);
  });

  app.post('/recheck/:site', async (c) => {
    const denied = refuse(c, ['unit']);
    if (denied) return denied;
    const site = ownSite(c, c.req.param('site'));
    if (!site) return notFound(c);
    const user = c.get('user')!;
    const now = opts.now();
    if (!(await listRechecks(store, site.id)).some((r) => r.data.state === 'queued')) {
      await queueRecheck(store, { siteId: site.id, by: user.displayName, at: now.toISOString(), state: 'queued' });
      await audit(store, { at: now, actor: user.username, action: 'recheck.request', siteId: site.id, target: site.id });
    }
    return c.redirect(back(site.unit, '已申请复查，系统将尽快复查该网站。'), 303);
  });
}
