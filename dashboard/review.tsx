/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The center's review queue: every finding of the district awaiting review (from each site's latest stored run), to
// filter and sort by site, unit, check, severity and age, and to confirm (it counts; a confirmed veto makes the site
// 不合格), dismiss as false (with a reason; not raised again unless its evidence changes) or waive until a date (with
// a reason). A decision is stored with who, when and why, written to the audit log, and the site's latest run is
// re-scored once and stored (reports/review-store.ts). The audit log page lists every action.
import type { Hono } from 'hono';
import { localDate } from '../calendar/timezone.ts';
import { formatDateTime, severityText } from '../reports/html/labels.ts';
import { isAwaitingReview } from '../reports/rescore.ts';
import { evidenceHash } from '../reports/review.ts';
import { rescoreStoredSite } from '../reports/review-store.ts';
import type { ScorecardFinding } from '../reports/scorecard.ts';
import { displayMessage, evidenceLine } from '../reports/vocabulary.ts';
import type { AuditEntry } from '../store/types.ts';
import { loadSite, visibleSites } from './data.ts';
import { type AppEnv, type AppOptions, type Ctx, notFound, refuse, show } from './kit.tsx';
import { CsrfField, sitePath } from './layout.tsx';
import { audit } from './users.ts';

export interface QueueItem {
  siteId: string;
  siteName: string;
  unit: string;
  runId: string;
  f: ScorecardFinding;
  ageDays: number;
}

const severityRank: Record<string, number> = { veto: 0, major: 1, minor: 2, info: 3 };

/** Findings awaiting review in the latest stored run of each visible site. */
export async function reviewQueue(c: Ctx, opts: AppOptions): Promise<QueueItem[]> {
  const now = opts.now();
  const items: QueueItem[] = [];
  for (const site of visibleSites(opts.config, c.get('viewer'))) {
    const card = (await loadSite(opts.store, site, 1)).latest;
    if (!card) continue;
    for (const f of card.findings.filter(isAwaitingReview)) {
      items.push({ siteId: site.id, siteName: site.name, unit: site.unit, runId: card.runId, f, ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(f.firstSeen)) / 86_400_000)) });
    }
  }
  return items;
}

export interface QueueFilter {
  site?: string;
  unit?: string;
  check?: string;
  severity?: string;
  q?: string;
  sort?: string;
}

export function filterQueue(items: QueueItem[], f: QueueFilter): QueueItem[] {
  const q = f.q?.trim().toLowerCase();
  const out = items.filter(
    (i) =>
      (!f.site || i.siteId === f.site) &&
      (!f.unit || i.unit === f.unit) &&
      (!f.check || i.f.check === f.check) &&
      (!f.severity || (f.severity === 'pending-veto' ? Boolean(i.f.pendingVeto) : i.f.severity === f.severity)) &&
      (!q || `${i.siteName} ${i.unit} ${i.f.message} ${i.f.url ?? ''} ${i.f.identity}`.toLowerCase().includes(q)),
  );
  const bySeverity = (a: QueueItem, b: QueueItem) => Number(Boolean(b.f.pendingVeto)) - Number(Boolean(a.f.pendingVeto)) || (severityRank[a.f.severity] ?? 9) - (severityRank[b.f.severity] ?? 9);
  const sorts: Record<string, (a: QueueItem, b: QueueItem) => number> = {
    severity: (a, b) => bySeverity(a, b) || b.ageDays - a.ageDays,
    age: (a, b) => b.ageDays - a.ageDays || bySeverity(a, b),
    site: (a, b) => a.siteId.localeCompare(b.siteId) || bySeverity(a, b),
    unit: (a, b) => a.unit.localeCompare(b.unit, 'zh') || a.siteId.localeCompare(b.siteId) || bySeverity(a, b),
    check: (a, b) => a.f.check.localeCompare(b.f.check) || bySeverity(a, b),
  };
  return out.sort((a, b) => (sorts[f.sort ?? 'severity'] ?? sorts.severity)(a, b) || a.f.identity.localeCompare(b.f.identity));
}

function Select(props: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">全部</option>
        {props.options.map(([v, t]) => (
          <option value={v} selected={v === props.value}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

function ReviewPage(props: { items: QueueItem[]; all: QueueItem[]; filter: QueueFilter; csrf: string; tz: string; today: string }) {
  const { all, filter } = props;
  const uniq = (xs: [string, string][]) => [...new Map(xs).entries()].sort((a, b) => a[0].localeCompare(b[0]));
  return (
    <>
      <h1>复核队列</h1>
      <p class="meta">
        全区待复核的问题共 {all.length} 个，其中疑似单项否决 {all.filter((i) => i.f.pendingVeto).length} 个。确认后计分（疑似单项否决确认即不合格）；排除为误报须说明理由，证据不变不再提示；豁免须说明理由和期限。
      </p>
      <form method="get" action="/review" class="filters">
        <Select name="site" label="网站" value={filter.site} options={uniq(all.map((i) => [i.siteId, i.siteName]))} />
        <Select name="unit" label="单位" value={filter.unit} options={uniq(all.map((i) => [i.unit, i.unit]))} />
        <Select name="check" label="检查项" value={filter.check} options={uniq(all.map((i) => [i.f.check, i.f.check]))} />
        <Select name="severity" label="严重程度" value={filter.severity} options={[['pending-veto', '疑似单项否决'], ['veto', '否决'], ['major', '严重'], ['minor', '一般'], ['info', '提示']]} />
        <label>
          搜索 <input type="search" name="q" value={filter.q ?? ''} />
        </label>
        <label>
          排序
          <select name="sort">
            {(
              [
                ['severity', '按严重程度'],
                ['age', '按发现时间（最久在前）'],
                ['site', '按网站'],
                ['unit', '按单位'],
                ['check', '按检查项'],
              ] as const
            ).map(([v, t]) => (
              <option value={v} selected={(filter.sort ?? 'severity') === v}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">筛选</button>
      </form>
      <p class="meta">显示 {props.items.length} 个</p>
      <ol class="queue findings">
        {props.items.map((i) => {
          const action = `/review/${encodeURIComponent(i.siteId)}/${encodeURIComponent(i.f.identity)}`;
          return (
            <li class={`sev-${i.f.severity}`} data-site={i.siteId} data-identity={i.f.identity}>
              <div class="head">
                <span class="tag">{severityText[i.f.severity] ?? i.f.severity}</span>
                {i.f.pendingVeto ? <span class="tag review">疑似单项否决，确认即不合格</span> : <span class="tag review">待复核</span>}{' '}
                <a href={sitePath(i.siteId)}>{i.siteName}</a>（{i.unit}）：{displayMessage(i.f)}
              </div>
              <div class="meta">
                检查项 {i.f.check}　首次发现 {formatDateTime(i.f.firstSeen, props.tz)}（{i.ageDays} 天）　编号 {i.f.identity}
              </div>
              {i.f.url ? <div class="url">页面：{i.f.url}</div> : null}
              <div class="meta">{evidenceLine(i.f, props.tz)}</div>
              <form method="post" action={action} class="act confirm">
                <CsrfField token={props.csrf} />
                <input type="hidden" name="action" value="confirm" />
                <input type="text" name="reason" placeholder="确认说明（可选）" maxlength={500} />
                <button type="submit">确认</button>
              </form>
              <form method="post" action={action} class="act dismiss">
                <CsrfField token={props.csrf} />
                <input type="hidden" name="action" value="dismiss" />
                <input type="text" name="reason" placeholder="排除理由（必填）" required maxlength={500} />
                <button type="submit">排除（误报）</button>
              </form>
              <form method="post" action={action} class="act waive">
                <CsrfField token={props.csrf} />
                <input type="hidden" name="action" value="waive" />
                <input type="text" name="reason" placeholder="豁免理由（必填）" required maxlength={500} />
                <input type="date" name="until" required min={props.today} />
                <button type="submit">豁免</button>
              </form>
            </li>
          );
        })}
      </ol>
    </>
  );
}

const actionText: Record<string, string> = {
  'review.confirm': '确认问题',
  'review.dismiss': '排除（误报）',
  'review.waive': '豁免',
  'review.import': '导入复核结论',
  'rectify.mark': '标记已整改',
  'recheck.request': '申请复查',
  'recheck.done': '复查完成',
  login: '登录',
  logout: '退出',
  'login.failed': '登录失败',
  'login.locked': '登录失败，账号锁定',
  'user.add': '添加账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.unlock': '解锁账号',
  'user.password': '修改密码',
};

function AuditLogPage(props: { entries: AuditEntry[]; tz: string; names: Map<string, string> }) {
  return (
    <>
      <h1>操作记录</h1>
      <div class="scroll">
        <table class="audit list">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>网站</th>
              <th>对象</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr data-action={e.action}>
                <td data-label="时间">{formatDateTime(e.at, props.tz)}</td>
                <td data-label="操作人">{e.actor}</td>
                <td data-label="操作">{actionText[e.action] ?? e.action}</td>
                <td data-label="网站">{e.siteId ? (props.names.get(e.siteId) ?? e.siteId) : '—'}</td>
                <td data-label="对象">{e.target ?? '—'}</td>
                <td data-label="说明">{detailText(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function detailText(d: Record<string, unknown> | null): string {
  if (!d) return '';
  const parts: string[] = [];
  if (typeof d.reason === 'string' && d.reason) parts.push(`理由：${d.reason}`);
  if (typeof d.note === 'string' && d.note) parts.push(`说明：${d.note}`);
  if (typeof d.until === 'string') parts.push(`期限：${d.until}`);
  if (typeof d.score === 'number') parts.push(`重新计分：${d.score}分 ${d.verdict ?? ''}`);
  if (typeof d.role === 'string') parts.push(`角色：${d.role}${d.unit ? `（${d.unit}）` : ''}`);
  if (typeof d.failures === 'number') parts.push(`连续失败 ${d.failures} 次`);
  if (typeof d.message === 'string') parts.push(d.message);
  return parts.join('；');
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function reviewRoutes(app: Hono<AppEnv>, opts: AppOptions): void {
  const { store, config } = opts;
  app.get('/review', async (c) => {
    const denied = refuse(c, ['admin', 'reviewer']);
    if (denied) return denied;
    const all = await reviewQueue(c, opts);
    const filter: QueueFilter = { site: c.req.query('site'), unit: c.req.query('unit'), check: c.req.query('check'), severity: c.req.query('severity'), q: c.req.query('q'), sort: c.req.query('sort') };
    const notice = c.req.query('done');
    return show(
      c,
      opts,
      '复核队列',
      <ReviewPage items={filterQueue(all, filter)} all={all} filter={filter} csrf={c.get('csrf')} tz={config.timezone} today={localDate(opts.now(), config.timezone)} />,
      notice ? { notice: notice.slice(0, 200) } : {},
    );
  });

  app.post('/review/:site/:identity', async (c) => {
    const denied = refuse(c, ['admin', 'reviewer']);
    if (denied) return denied;
    const siteId = c.req.param('site');
    const identity = c.req.param('identity');
    const item = (await reviewQueue(c, opts)).find((i) => i.siteId === siteId && i.f.identity === identity);
    if (!item) return notFound(c);
    const body = await c.req.parseBody();
    const action = str(body.action);
    const reason = str(body.reason).slice(0, 500);
    const until = str(body.until);
    const now = opts.now();
    const today = localDate(now, config.timezone);
    const bad = (msg: string) => show(c, opts, '复核队列', <p class="warn">{msg}　<a href="/review">返回复核队列</a></p>, { status: 400 });
    if (!['confirm', 'dismiss', 'waive'].includes(action)) return bad('操作无效。');
    if (action !== 'confirm' && !reason) return bad('请填写理由。');
    if (action === 'waive' && (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until < today)) return bad('请填写不早于今天的豁免期限。');
    const user = c.get('user')!;
    await store.saveReviewDecision({
      siteId,
      identity,
      kind: action as 'confirm' | 'dismiss' | 'waive',
      by: user.displayName,
      at: now.toISOString(),
      reason: reason || null,
      until: action === 'waive' ? until : null,
      evidenceHash: action === 'dismiss' ? evidenceHash(item.f.evidence) : null,
    });
    const card = await rescoreStoredSite(store, config, siteId, now);
    await audit(store, {
      at: now,
      actor: user.username,
      action: `review.${action}`,
      siteId,
      target: identity,
      detail: { ...(reason ? { [action === 'confirm' ? 'note' : 'reason']: reason } : {}), ...(action === 'waive' ? { until } : {}), ...(card ? { score: card.score, verdict: card.verdict } : {}), message: item.f.message.slice(0, 200) },
    });
    const done = `${{ confirm: '已确认', dismiss: '已排除', waive: '已豁免' }[action]}：${item.siteName}，重新计分 ${card?.score ?? '—'} 分，${card?.verdict ?? ''}`;
    return c.redirect(`/review?done=${encodeURIComponent(done)}`, 303);
  });

  app.get('/audit-log', async (c) => {
    const denied = refuse(c, ['admin', 'reviewer']);
    if (denied) return denied;
    const names = new Map(config.sites.map((s) => [s.id, s.name]));
    return show(c, opts, '操作记录', <AuditLogPage entries={await store.listAudit({ limit: 2000 })} tz={config.timezone} names={names} />);
  });
}
