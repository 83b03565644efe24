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
import { CsrfField, roleText, sitePath } from './layout.tsx';
import { applyList, choices, ListControls, type ListQuery, type ListSpec, ListTable, listExportRoutes, readList } from './list.tsx';
import { audit } from './users.ts';

export interface QueueItem {
  siteId: string;
  siteName: string;
  unit: string;
  runId: string;
  f: ScorecardFinding;
  ageDays: number;
  /** The check's name as the scorecard gives it. */
  checkName: string;
}

const severityRank: Record<string, number> = { veto: 0, major: 1, minor: 2, info: 3 };

/** Findings awaiting review in the latest stored run of each visible site. */
export async function reviewQueue(c: Ctx, opts: AppOptions): Promise<QueueItem[]> {
  const now = opts.now();
  const items: QueueItem[] = [];
  for (const site of visibleSites(opts.config, c.get('viewer'))) {
    const card = (await loadSite(opts.store, site, 1)).latest;
    if (!card) continue;
    const names = new Map(card.checks.map((k) => [k.id, k.title]));
    for (const f of card.findings.filter(isAwaitingReview)) {
      items.push({ siteId: site.id, siteName: site.name, unit: site.unit, runId: card.runId, f, ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(f.firstSeen)) / 86_400_000)), checkName: names.get(f.check) ?? f.check });
    }
  }
  return items;
}

/** The review queue as a list: filters, search, sorts, and the columns exported. */
export function queueSpec(tz: string): ListSpec<QueueItem> {
  const bySeverity = (a: QueueItem, b: QueueItem) => Number(Boolean(b.f.pendingVeto)) - Number(Boolean(a.f.pendingVeto)) || (severityRank[a.f.severity] ?? 9) - (severityRank[b.f.severity] ?? 9);
  return {
    title: '复核队列',
    file: 'review-queue',
    columns: [
      { header: '网站', text: (i) => i.siteName, width: 24 },
      { header: '责任单位', text: (i) => i.unit, width: 20 },
      { header: '严重程度', text: (i) => severityText[i.f.severity] ?? i.f.severity, width: 8 },
      { header: '状态', text: (i) => (i.f.pendingVeto ? '待复核（疑似单项否决）' : '待复核'), width: 20 },
      { header: '检查项', text: (i) => i.checkName, width: 16 },
      { header: '问题描述', text: (i) => displayMessage(i.f), width: 50 },
      { header: '页面', text: (i) => i.f.url ?? '', width: 40 },
      { header: '证据', text: (i) => evidenceLine(i.f, tz), width: 50 },
      { header: '首次发现', text: (i) => formatDateTime(i.f.firstSeen, tz), width: 18 },
      { header: '待复核天数', text: (i) => String(i.ageDays), class: 'num', numeric: true, width: 10 },
      { header: '问题编号', text: (i) => i.f.identity, width: 18 },
    ],
    filters: [
      { key: 'site', label: '网站', options: (all) => choices(all.map((i) => [i.siteId, i.siteName])), match: (i, v) => i.siteId === v },
      { key: 'unit', label: '单位', options: (all) => choices(all.map((i) => [i.unit, i.unit])), match: (i, v) => i.unit === v },
      { key: 'check', label: '检查项', options: (all) => choices(all.map((i) => [i.f.check, i.checkName])), match: (i, v) => i.f.check === v },
      {
        key: 'severity',
        label: '严重程度',
        options: () => [['pending-veto', '疑似单项否决'], ['veto', '否决'], ['major', '严重'], ['minor', '一般'], ['info', '提示']],
        match: (i, v) => (v === 'pending-veto' ? Boolean(i.f.pendingVeto) : i.f.severity === v),
      },
    ],
    search: (i) => `${i.siteName} ${i.unit} ${i.checkName} ${i.f.message} ${displayMessage(i.f)} ${i.f.url ?? ''} ${i.f.identity}`,
    sorts: [
      { key: 'severity', label: '按严重程度', compare: (a, b) => bySeverity(a, b) || b.ageDays - a.ageDays },
      { key: 'age', label: '按发现时间（最久在前）', compare: (a, b) => b.ageDays - a.ageDays || bySeverity(a, b) },
      { key: 'site', label: '按网站', compare: (a, b) => a.siteId.localeCompare(b.siteId) || bySeverity(a, b) },
      { key: 'unit', label: '按单位', compare: (a, b) => a.unit.localeCompare(b.unit, 'zh') || a.siteId.localeCompare(b.siteId) || bySeverity(a, b) },
      { key: 'check', label: '按检查项', compare: (a, b) => a.f.check.localeCompare(b.f.check) || bySeverity(a, b) },
    ],
    tiebreak: (a, b) => a.f.identity.localeCompare(b.f.identity),
  };
}

function ReviewPage(props: { items: QueueItem[]; all: QueueItem[]; query: ListQuery; spec: ListSpec<QueueItem>; csrf: string; tz: string; today: string }) {
  const { all } = props;
  return (
    <>
      <h1>复核队列</h1>
      <p class="meta">
        全区待复核的问题共 {all.length} 个，其中疑似单项否决 {all.filter((i) => i.f.pendingVeto).length} 个。确认后计分（疑似单项否决确认即不合格）；排除为误报须说明理由，证据不变不再提示；豁免须说明理由和期限。
      </p>
      <ListControls spec={props.spec} all={all} shown={props.items.length} query={props.query} action="/review" exportPath="/review" />
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
                检查项 {i.checkName}　首次发现 {formatDateTime(i.f.firstSeen, props.tz)}（{i.ageDays} 天）　编号 {i.f.identity}
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

/** The audit log as a list: filter by month, action, operator and site; search; newest or oldest first. */
export function auditSpec(tz: string, names: Map<string, string>): ListSpec<AuditEntry> {
  const site = (e: AuditEntry) => (e.siteId ? (names.get(e.siteId) ?? e.siteId) : '');
  const month = (e: AuditEntry) => localDate(new Date(e.at), tz).slice(0, 7);
  return {
    title: '操作记录',
    file: 'audit-log',
    columns: [
      { header: '时间', text: (e) => formatDateTime(e.at, tz), width: 18 },
      { header: '操作人', text: (e) => e.actor, width: 14 },
      { header: '操作', text: (e) => actionText[e.action] ?? e.action, width: 16 },
      { header: '网站', text: (e) => site(e) || '—', width: 24 },
      { header: '对象', text: (e) => e.target ?? '—', width: 20 },
      { header: '说明', text: (e) => detailText(e.detail), width: 60 },
    ],
    filters: [
      { key: 'month', label: '月份', options: (all) => choices(all.map((e) => [month(e), month(e)])).reverse(), match: (e, v) => month(e) === v },
      { key: 'action', label: '操作', options: (all) => choices(all.map((e) => [e.action, actionText[e.action] ?? e.action])), match: (e, v) => e.action === v },
      { key: 'actor', label: '操作人', options: (all) => choices(all.map((e) => [e.actor, e.actor])), match: (e, v) => e.actor === v },
      { key: 'site', label: '网站', options: (all) => choices(all.filter((e) => e.siteId).map((e) => [e.siteId!, site(e)])), match: (e, v) => e.siteId === v },
    ],
    search: (e) => `${e.actor} ${actionText[e.action] ?? e.action} ${site(e)} ${e.target ?? ''} ${detailText(e.detail)}`,
    sorts: [
      { key: 'newest', label: '最新在前', compare: (a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id) },
      { key: 'oldest', label: '最早在前', compare: (a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id) },
    ],
  };
}

function detailText(d: Record<string, unknown> | null): string {
  if (!d) return '';
  const parts: string[] = [];
  if (typeof d.reason === 'string' && d.reason) parts.push(`理由：${d.reason}`);
  if (typeof d.note === 'string' && d.note) parts.push(`说明：${d.note}`);
  if (typeof d.until === 'string') parts.push(`期限：${d.until}`);
  if (typeof d.score === 'number') parts.push(`重新计分：${d.score}分 ${d.verdict ?? ''}`);
  if (typeof d.role === 'string') parts.push(`角色：${roleText[d.role] ?? d.role}${d.unit ? `（${d.unit}）` : ''}`);
  if (typeof d.failures === 'number') parts.push(`连续失败 ${d.failures} 次`);
  if (typeof d.message === 'string') parts.push(d.message);
  return parts.join('；');
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function reviewRoutes(app: Hono<AppEnv>, opts: AppOptions): void {
  const { store, config } = opts;
  const spec = queueSpec(config.timezone);
  listExportRoutes(app, '/review', spec, async (c) => refuse(c, ['admin', 'reviewer']) ?? reviewQueue(c, opts));
  app.get('/review', async (c) => {
    const denied = refuse(c, ['admin', 'reviewer']);
    if (denied) return denied;
    const all = await reviewQueue(c, opts);
    const query = readList(c, spec);
    const notice = c.req.query('done');
    return show(
      c,
      opts,
      '复核队列',
      <ReviewPage items={applyList(spec, all, query)} all={all} query={query} spec={spec} csrf={c.get('csrf')} tz={config.timezone} today={localDate(opts.now(), config.timezone)} />,
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

  const auditList = auditSpec(config.timezone, new Map(config.sites.map((s) => [s.id, s.name])));
  const auditRows = async (c: Ctx) => refuse(c, ['admin', 'reviewer']) ?? store.listAudit({ limit: 5000 });
  app.get('/audit-log', async (c) => {
    const all = await auditRows(c);
    if (all instanceof Response) return all;
    const query = readList(c, auditList);
    const rows = applyList(auditList, all, query);
    return show(
      c,
      opts,
      '操作记录',
      <>
        <h1>操作记录</h1>
        <ListControls spec={auditList} all={all} shown={rows.length} query={query} action="/audit-log" exportPath="/audit-log" />
        <ListTable spec={auditList} rows={rows} class="audit" rowAttrs={(e) => ({ 'data-action': e.action })} />
      </>,
    );
  });
  listExportRoutes(app, '/audit-log', auditList, auditRows);
}
