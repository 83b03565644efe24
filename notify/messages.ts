// The notifications as events: who gets each, whether it may break quiet hours, its idempotency key (one event is
// one message per channel, however often it is raised), and its short Chinese text with a link to the dashboard.
// The inputs are plain facts the scheduler hands over; nothing here reads the store. Texts never carry personal
// data (finding texts are masked again here) or tokens (links are the dashboard's plain page addresses).
import { toLocal } from '../calendar/timezone.ts';
import type { CalendarGap } from '../calendar/coverage.ts';
import { calendarGapText } from '../calendar/coverage.ts';
import type { DueSoonEntry } from '../contract/records/kind.ts';
import type { NotificationMessage } from '../store/types.ts';
import { maskPersonalData } from '../util/pii.ts';

export const eventKinds = ['digest', 'veto', 'homepage-down', 'homepage-up', 'audit-failed', 'site-cut-short', 'bulletin', 'calendar', 'test'] as const;
export type EventKind = (typeof eventKinds)[number];

/** Who an event is for: the center, or one unit (the `unit` of its sites). */
export type Audience = 'center' | { unit: string };

export interface NotifyEvent {
  /** Idempotency key: raising the same event again adds nothing. */
  key: string;
  kind: EventKind;
  /** Sent during quiet hours too. */
  urgent: boolean;
  to: Audience[];
  message: NotificationMessage;
}

/** What every message needs to know. */
export interface MessageContext {
  timezone: string;
  /** The dashboard's public URL (config `notify.publicUrl`); no links without it. */
  publicUrl?: string;
}

export interface SiteRef {
  id: string;
  name: string;
  unit: string;
}

/** `12月7日 08:30` in the district's time. */
export function shortTime(iso: string | Date, timezone: string): string {
  const l = toLocal(typeof iso === 'string' ? new Date(iso) : iso, timezone);
  return `${l.month}月${l.day}日 ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}

/** `12月7日` in the district's time. */
export function shortDate(iso: string | Date, timezone: string): string {
  const l = toLocal(typeof iso === 'string' ? new Date(iso) : iso, timezone);
  return `${l.month}月${l.day}日`;
}

/** A dashboard page's public address (`/sites/portal`), or undefined without `publicUrl`. */
export function dashboardLink(ctx: MessageContext, ...segments: string[]): string | undefined {
  if (!ctx.publicUrl) return undefined;
  return `${ctx.publicUrl.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}

const safe = (s: string) => maskPersonalData(s).replace(/[\r\n]+/g, ' ');

const dueStates: { state: DueSoonEntry['state']; head: string }[] = [
  { state: 'overdue', head: '已逾期' },
  { state: 'due-today', head: '今天到期' },
  { state: 'due-next-workday', head: '下一个工作日到期' },
];

/**
 * A unit's morning digest of records to chase (one message, not one per record), or null when it has none.
 * `date` is the local date of the digest (`YYYY-MM-DD`): one digest per unit and day.
 */
export function digestEvent(ctx: MessageContext, unit: string, date: string, entries: readonly (DueSoonEntry & { siteName: string })[]): NotifyEvent | null {
  if (!entries.length) return null;
  const lines: string[] = [];
  for (const { state, head } of dueStates) {
    const mine = entries.filter((e) => e.state === state);
    if (!mine.length) continue;
    lines.push(`${head} ${mine.length} 件：`);
    for (const e of mine)
      lines.push(
        state === 'overdue'
          ? `  ${e.siteName} ${e.label} ${safe(e.recordId)}，答复期限 ${shortDate(e.deadline, ctx.timezone)} 已过，尚未答复`
          : `  ${e.siteName} ${e.label} ${safe(e.recordId)}，须于 ${shortDate(e.deadline, ctx.timezone)}24时前答复`,
      );
  }
  const judged = [...new Set(entries.map((e) => e.asOf).filter(Boolean))].sort().at(-1);
  if (judged) lines.push(`（按 ${shortTime(judged, ctx.timezone)} 的检查结果）`);
  const [, m, d] = date.split('-').map(Number);
  return {
    key: `digest:${date}:${unit}`,
    kind: 'digest',
    urgent: false,
    to: [{ unit }],
    message: { title: `${unit} 待答复记录提醒（${m}月${d}日）`, lines, link: dashboardLink(ctx, 'units', unit) },
  };
}

export interface VetoFact {
  site: SiteRef;
  runId: string;
  identity: string;
  /** The veto indicator's name. */
  indicator: string;
  message: string;
  url?: string | null;
  firstSeen: string;
  /** Awaiting a reviewer: the center is told, the unit only once it is confirmed. */
  pending: boolean;
}

/** A veto-level finding: to the center at once (pending or not); to the unit once confirmed (or needing no review). */
export function vetoEvents(ctx: MessageContext, f: VetoFact): NotifyEvent[] {
  const link = dashboardLink(ctx, 'sites', f.site.id, 'runs', f.runId);
  const facts = [`问题：${safe(f.message)}`, `指标：${f.indicator}（单项否决）`, ...(f.url ? [`页面：${safe(f.url)}`] : []), `首次发现：${shortTime(f.firstSeen, ctx.timezone)}`];
  const center: NotifyEvent = {
    key: `veto:center:${f.site.id}:${f.identity}`,
    kind: 'veto',
    urgent: true,
    to: ['center'],
    message: {
      title: `单项否决风险：${f.site.name}（${f.site.unit}）`,
      lines: [...facts, f.pending ? '状态：待复核，确认后该网站即判为不合格；确认后将通知责任单位。' : '状态：已计入，该网站判为不合格；已通知责任单位。'],
      link,
    },
  };
  if (f.pending) return [center];
  return [
    center,
    {
      key: `veto:unit:${f.site.id}:${f.identity}`,
      kind: 'veto',
      urgent: false,
      to: [{ unit: f.site.unit }],
      message: { title: `请立即整改：${f.site.name} 存在单项否决问题`, lines: [...facts, '该问题经复核确认，网站判为不合格，请立即整改并报告整改情况。'], link },
    },
  ];
}

/** The homepage failed `probes` consecutive probes from `since` (the first of them). */
export function homepageDownEvent(ctx: MessageContext, site: SiteRef & { homepage: string }, since: string, probes: number, lastError: string): NotifyEvent {
  return {
    key: `homepage-down:${site.id}:${since}`,
    kind: 'homepage-down',
    urgent: true,
    to: ['center', { unit: site.unit }],
    message: {
      title: `网站首页无法访问：${site.name}`,
      lines: [`自 ${shortTime(since, ctx.timezone)} 起连续 ${probes} 次监测失败（最近一次：${lastError}）。`, `首页：${site.homepage}`, '请尽快排查服务器和网络，恢复后将另行通知。'],
      link: dashboardLink(ctx, 'sites', site.id),
    },
  };
}

/** The homepage answers again at `at`, after being down since `since`. */
export function homepageUpEvent(ctx: MessageContext, site: SiteRef & { homepage: string }, since: string, at: string): NotifyEvent {
  const minutes = Math.max(0, Math.round((new Date(at).getTime() - new Date(since).getTime()) / 60_000));
  const span = minutes >= 60 ? `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分钟` : `${minutes} 分钟`;
  return {
    key: `homepage-up:${site.id}:${since}`,
    kind: 'homepage-up',
    urgent: true,
    to: ['center', { unit: site.unit }],
    message: {
      title: `网站首页已恢复访问：${site.name}`,
      lines: [`${shortTime(at, ctx.timezone)} 监测恢复正常；此前自 ${shortTime(since, ctx.timezone)} 起无法访问，约 ${span}。`, `首页：${site.homepage}`],
      link: dashboardLink(ctx, 'sites', site.id),
    },
  };
}

const runStateText: Record<string, string> = { failed: '失败', interrupted: '中断，未完成' };

/** A nightly audit that failed or stopped before finishing. */
export function auditFailedEvent(ctx: MessageContext, run: { id: string; state: string; asOf: string; error: string | null }): NotifyEvent {
  return {
    key: `audit-failed:${run.id}:${run.state}`,
    kind: 'audit-failed',
    urgent: true,
    to: ['center'],
    message: {
      title: `夜间检查${runStateText[run.state] ?? run.state}`,
      lines: [`检查批次 ${run.id}（检查时点 ${shortTime(run.asOf, ctx.timezone)}）${runStateText[run.state] ?? run.state}。`, ...(run.error ? [`原因：${safe(run.error)}`] : []), '请查看服务日志；中断的检查在服务下次启动时续检。'],
      link: dashboardLink(ctx),
    },
  };
}

/** No audit started at its scheduled time `due` (the service was down, or the previous audit still held the lock). */
export function auditMissingEvent(ctx: MessageContext, due: string): NotifyEvent {
  return {
    key: `audit-missing:${due}`,
    kind: 'audit-failed',
    urgent: true,
    to: ['center'],
    message: {
      title: '夜间检查未运行',
      lines: [`按计划应于 ${shortTime(due, ctx.timezone)} 开始的全面检查没有运行。`, '请确认检查服务（govaudit serve）正在运行，并查看服务日志。'],
      link: dashboardLink(ctx),
    },
  };
}

/** One site whose audit in a run was cut short (failed, interrupted, or its crawl stopped early). */
export function siteCutShortEvent(ctx: MessageContext, site: SiteRef, run: { id: string; asOf: string }, reason: string): NotifyEvent {
  return {
    key: `site-cut-short:${run.id}:${site.id}`,
    kind: 'site-cut-short',
    urgent: false,
    to: ['center'],
    message: {
      title: `网站检查未完成：${site.name}`,
      lines: [`检查批次 ${run.id}（检查时点 ${shortTime(run.asOf, ctx.timezone)}）中该网站的检查未能完成：${safe(reason)}。`, '本次结果不完整，请排查后重新检查。'],
      link: dashboardLink(ctx, 'sites', site.id),
    },
  };
}

export interface BulletinFacts {
  /** `YYYY-MM` */
  month: string;
  title: string;
  /** Issued (`govaudit bulletin --final`), or generated (the service's monthly run). */
  final: boolean;
  /** Veto-level findings still awaiting review (a generated bulletin is then a draft). */
  pending: number;
  overview: { sitesChecked: number; passed: number; failed: number; passRate: number; averageScore: number };
  units: { unit: string; rank: number; of: number; averageScore: number; sites: { name: string; score: number; verdict: string }[]; findings: number }[];
}

/** The monthly bulletin: the center gets the overview, each unit its own part. */
export function bulletinEvents(ctx: MessageContext, b: BulletinFacts): NotifyEvent[] {
  const [y, m] = b.month.split('-').map(Number);
  const label = `${y}年${m}月`;
  const state = b.final ? '已印发' : b.pending ? '已生成（草稿，待复核）' : '已生成';
  const key = `bulletin:${b.month}:${b.final ? 'final' : 'generated'}`;
  const o = b.overview;
  const events: NotifyEvent[] = [
    {
      key: `${key}:center`,
      kind: 'bulletin',
      urgent: false,
      to: ['center'],
      message: { title: `${label}网站检查通报${state}`, lines: [b.title, `检查网站 ${o.sitesChecked} 个，合格 ${o.passed} 个，不合格 ${o.failed} 个，合格率 ${o.passRate}%，平均得分 ${o.averageScore}。`], link: dashboardLink(ctx, 'bulletins', b.month) },
    },
  ];
  for (const u of b.units)
    events.push({
      key: `${key}:unit:${u.unit}`,
      kind: 'bulletin',
      urgent: false,
      to: [{ unit: u.unit }],
      message: {
        title: `${label}网站检查通报${state}：${u.unit}`,
        lines: [
          `本单位平均得分 ${u.averageScore}，在 ${u.of} 个单位中排第 ${u.rank} 名；计分问题 ${u.findings} 个。`,
          ...u.sites.map((s) => `  ${s.name}：${s.score} 分，${s.verdict}`),
          '请对照通报和检查报告按期整改。',
        ],
        link: dashboardLink(ctx, 'units', u.unit),
      },
    });
  return events;
}

/** The official calendar does not reach `horizonDays` ahead: to the center, once a day (`date` local). */
export function calendarEvent(ctx: MessageContext, gap: CalendarGap, date: string): NotifyEvent {
  return {
    key: `calendar:${date}`,
    kind: 'calendar',
    urgent: false,
    to: ['center'],
    message: { title: `工作日历需要更新（缺 ${gap.year} 年节假日安排）`, lines: [calendarGapText(gap)], link: dashboardLink(ctx) },
  };
}

/** `govaudit notify test --channel NAME`. */
export function testMessage(ctx: MessageContext, channel: string, now: Date): NotificationMessage {
  return { title: 'govaudit 测试消息', lines: [`这是政府网站检查系统发往通道 ${channel} 的测试消息（${shortTime(now, ctx.timezone)}），收到即说明配置正确。`], link: dashboardLink(ctx) };
}
