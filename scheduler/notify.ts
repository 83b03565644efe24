// Wires the service's events into the notifier (notify/): after probes (homepage down / recovered), after the
// monthly bulletin (each unit its part), and a minute loop (`startNotifyLoop`) that raises the morning digest, the
// calendar warning, failed or unfinished audits, sites cut short and veto-level findings (center at once, unit once
// confirmed), then sends what is due. Every event has an idempotency key, so raising one again sends nothing new.
import { calendarGap } from '../calendar/coverage.ts';
import { localDate } from '../calendar/timezone.ts';
import { catalogueFor } from '../config/reports/catalogue.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { latestDueSoon } from '../imports/due-soon.ts';
import { homepageEvents } from '../notify/homepage.ts';
import { withinAfter } from '../notify/limits.ts';
import {
  auditFailedEvent,
  auditMissingEvent,
  bulletinEvents,
  calendarEvent,
  digestEvent,
  siteCutShortEvent,
  vetoEvents,
  type BulletinFacts,
  type NotifyEvent,
} from '../notify/messages.ts';
import { createNotifier, type DispatchReport, type Notifier } from '../notify/outbox.ts';
import type { BulletinModel } from '../reports/bulletin/model.ts';
import { isScored, pendingVetoFindings, rescoreScorecard } from '../reports/rescore.ts';
import { loadReviewDecisions, noDecisions } from '../reports/review.ts';
import { scorecardSchema } from '../reports/scorecard.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from './log.ts';
import { nextRuns } from './cron.ts';

export interface NotifyWiring {
  config: DistrictConfig;
  store: Store;
  notifier: Notifier;
  log: Logger;
  clock?: () => Date;
}

/** The service's notifier, or null when no channel is configured; channel problems are logged (field named). */
export function serviceNotifier(opts: { config: DistrictConfig; store: Store; log: Logger; env?: NodeJS.ProcessEnv; clock?: () => Date }): Notifier | null {
  if (!Object.keys(opts.config.notify.channels).length) return null;
  const notifier = createNotifier(opts);
  for (const [channel, problem] of notifier.problems) opts.log.error({ channel, problem }, 'notification channel cannot be used; its messages wait until it is fixed');
  return notifier;
}

/** Adds events to the outbox and logs what was new. */
async function raise(w: NotifyWiring, events: NotifyEvent[]): Promise<string[]> {
  if (!events.length) return [];
  const added = await w.notifier.enqueue(events);
  for (const id of added) w.log.info({ notification: id }, 'notification queued');
  return added;
}

async function send(w: NotifyWiring): Promise<DispatchReport> {
  const r = await w.notifier.dispatch();
  for (const id of r.sent) w.log.info({ notification: id }, 'notification sent');
  if (r.retrying.length || r.failed.length) {
    const failing = await w.store.listNotifications({ states: ['pending', 'failed'] });
    for (const row of failing.filter((f) => r.retrying.includes(f.id) || r.failed.includes(f.id)))
      w.log.warn({ notification: row.id, attempts: row.attempts, state: row.state, error: row.lastError }, row.state === 'failed' ? 'notification given up' : 'notification failed; will retry');
  }
  return r;
}

/** After a probe round: homepage outages and recoveries, sent at once (urgent). */
export async function notifyAfterProbes(w: NotifyWiring): Promise<void> {
  const now = (w.clock ?? (() => new Date()))();
  const { events, save } = await homepageEvents({ config: w.config, store: w.store, ctx: w.notifier.context, now });
  await raise(w, events);
  await save();
  if (events.length) await send(w);
}

/** The facts of a bulletin the messages need: the overview and each unit's own part. */
export function bulletinFacts(model: BulletinModel, final: boolean): BulletinFacts {
  return {
    month: model.month.id,
    title: model.title,
    final,
    pending: model.pending.length,
    overview: model.overview,
    units: model.units.map((u) => ({
      unit: u.unit,
      rank: u.rank,
      of: model.units.length,
      averageScore: u.averageScore,
      findings: u.findings,
      sites: u.cards.map((c) => ({ name: c.siteName, score: c.score, verdict: c.verdict })),
    })),
  };
}

/** After the monthly bulletin is written: the center's overview and each unit's part. */
export async function notifyAfterBulletin(w: NotifyWiring, model: BulletinModel, final: boolean): Promise<void> {
  await raise(w, bulletinEvents(w.notifier.context, bulletinFacts(model, final)));
  await send(w);
}

/** What one loop tick remembers between ticks (all of it may be lost: the events' keys keep sends single). */
export interface TickMemory {
  /** Local date whose digests and calendar check are done. */
  digestDate?: string;
  calendarDate?: string;
  /** The newest finished audit run looked at, and when findings were last looked at. */
  auditMark?: string;
  vetoScanAt?: number;
}

/** Veto findings are looked at again this often (a reviewer's confirmation reaches the unit within it). */
const VETO_RESCAN_MS = 10 * 60_000;
/** A scheduled audit not started this long after its time is reported missing. */
const MISSING_AFTER_MS = 2 * 3_600_000;
/** Audits looked back over for failures and sites cut short. */
const AUDIT_LOOKBACK_MS = 3 * 86_400_000;

/** One tick of the notification loop: raise the time-driven and audit-driven events, then send what is due. */
export async function notifyTick(w: NotifyWiring, memory: TickMemory = {}): Promise<DispatchReport> {
  const { config, store } = w;
  const ctx = w.notifier.context;
  const now = (w.clock ?? (() => new Date()))();
  const today = localDate(now, config.timezone);
  const events: NotifyEvent[] = [];

  if (memory.calendarDate !== today) {
    const gap = calendarGap(config.calendar, now, config.timezone, config.notify.calendarHorizonDays);
    if (gap) events.push(calendarEvent(ctx, gap, today));
    memory.calendarDate = today;
  }

  if (memory.digestDate !== today && withinAfter(config.notify.digestAt, now, config.timezone, 180)) {
    const entries = await latestDueSoon(store, config.sites);
    const byUnit = new Map<string, (typeof entries[number] & { siteName: string })[]>();
    for (const e of entries) {
      const site = config.sites.find((s) => s.id === e.siteId);
      if (!site) continue;
      byUnit.set(site.unit, [...(byUnit.get(site.unit) ?? []), { ...e, siteName: site.name }]);
    }
    for (const [unit, list] of byUnit) {
      const ev = digestEvent(ctx, unit, today, list);
      if (ev) events.push(ev);
    }
    memory.digestDate = today;
  }

  const audits = (await store.listRuns({ limit: 20 })).filter((r) => r.kind === 'audit' && now.getTime() - new Date(r.startedAt).getTime() < AUDIT_LOOKBACK_MS);
  const finished = audits.filter((r) => r.state === 'done' || r.state === 'failed' || r.state === 'interrupted');
  const mark = finished.map((r) => `${r.id}:${r.state}`).join(',');
  if (mark !== memory.auditMark) {
    for (const run of finished) {
      if (run.state !== 'done') events.push(auditFailedEvent(ctx, run));
      if (run.state === 'interrupted') continue; // its sites are audited again when it resumes
      const summarySites = Array.isArray((run.summary as { sites?: unknown } | null)?.sites) ? ((run.summary as { sites: { siteId?: unknown; error?: unknown }[] }).sites) : [];
      for (const sr of await store.listSiteRuns(run.id)) {
        const site = config.sites.find((s) => s.id === sr.siteId);
        if (!site) continue;
        const crawlError = summarySites.find((s) => s.siteId === sr.siteId)?.error;
        const reason = sr.state !== 'done' ? (sr.error ?? sr.state) : typeof crawlError === 'string' ? crawlError : null;
        if (reason) events.push(siteCutShortEvent(ctx, site, run, reason));
      }
    }
  }
  // a scheduled audit that never started: looked for once its start is two hours past
  const due = nextRuns(config.schedule.audit, config.timezone, new Date(now.getTime() - 2 * 86_400_000), 64)
    .filter((t) => t.getTime() <= now.getTime() - MISSING_AFTER_MS)
    .at(-1);
  // (a district never audited yet is not told: a fresh installation has nothing missing)
  if (due && !audits.some((r) => new Date(r.startedAt).getTime() >= due.getTime() - 5 * 60_000) && (await store.listRuns({ limit: 1 })).length)
    events.push(auditMissingEvent(ctx, due.toISOString()));

  if (mark !== memory.auditMark || memory.vetoScanAt === undefined || now.getTime() - memory.vetoScanAt >= VETO_RESCAN_MS) {
    events.push(...(await vetoScan(w, now)));
    memory.vetoScanAt = now.getTime();
  }
  memory.auditMark = mark;

  await raise(w, events);
  return send(w);
}

/** Veto-level findings of each site's latest audit, re-scored with today's review decisions. */
async function vetoScan(w: NotifyWiring, now: Date): Promise<NotifyEvent[]> {
  const { config, store } = w;
  const decisions = await loadReviewDecisions(config).catch((e: Error) => {
    w.log.warn({ error: e.message }, 'review decisions unreadable; veto notifications use none');
    return noDecisions;
  });
  const review = { catalogue: catalogueFor(config), decisions, now, timezone: config.timezone };
  const events: NotifyEvent[] = [];
  for (const site of config.sites) {
    const run = await store.previousSiteRun(site.id);
    const parsed = scorecardSchema.safeParse(run?.scorecard);
    if (!run || !parsed.success) continue;
    const card = rescoreScorecard(parsed.data, review);
    const fired = new Map(card.indicators.filter((i) => i.kind === 'veto' && i.vetoed).map((i) => [i.id, i.name]));
    const names = new Map(card.indicators.map((i) => [i.id, i.name]));
    const pending = new Set(pendingVetoFindings(card).map((f) => f.identity));
    for (const f of card.findings) {
      const firedBy = isScored(f) ? f.indicators.find((id) => fired.has(id)) : undefined;
      const isPending = pending.has(f.identity);
      if (!firedBy && !isPending) continue;
      const indicator = firedBy ? fired.get(firedBy)! : (f.indicators.map((id) => names.get(id)).find((n) => n) ?? f.code);
      events.push(
        ...vetoEvents(w.notifier.context, {
          site: { id: site.id, name: site.name, unit: site.unit },
          runId: run.runId,
          identity: f.identity,
          indicator,
          message: f.message,
          url: f.url,
          firstSeen: f.firstSeen,
          pending: !firedBy,
        }),
      );
    }
  }
  return events;
}

/** Runs `notifyTick` now and every `intervalMs` after (a tick still running makes the next one skip) until stopped. */
export function startNotifyLoop(w: NotifyWiring, intervalMs = 60_000): { stop(): Promise<void> } {
  const memory: TickMemory = {};
  let current: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || current) return;
    current = notifyTick(w, memory)
      .then(() => undefined)
      .catch((e) => w.log.error({ error: (e as Error)?.message ?? String(e) }, 'notification tick failed'))
      .finally(() => (current = null));
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}
