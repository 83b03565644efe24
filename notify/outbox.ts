// The notifier: events become outbox rows (one per channel, keyed by the event's idempotency key, so an event raised
// twice is sent once), and the dispatcher sends the due rows — each claimed first (pending → sending, atomically,
// so no two senders and no restart send it twice), then settled as sent, retried later with backoff, or failed.
// Non-urgent messages wait out the quiet hours; each channel keeps to its rate limit.
import type { DistrictConfig } from '../config/schema.ts';
import type { NotificationRecord, Store } from '../store/types.ts';
import { createSender, DeliveryError, type Sender } from './channels.ts';
import { inQuietHours, RateLimiter } from './limits.ts';
import { testMessage, type Audience, type MessageContext, type NotifyEvent } from './messages.ts';
import { NotifyConfigError, resolveChannels, type ResolvedChannel } from './secrets.ts';

export interface NotifierOptions {
  config: DistrictConfig;
  store: Store;
  /** Where secrets are looked up first (default process.env). */
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  /** Builds a channel's sender (tests may wrap it). */
  senderFor?: (channel: ResolvedChannel) => Sender;
}

export interface DispatchReport {
  sent: string[];
  /** Failed this time, to be tried again later. */
  retrying: string[];
  /** Given up (attempts used up, or a send that may have arrived). */
  failed: string[];
  /** Due but held back: quiet hours, rate limit, or a channel that cannot be used. */
  held: string[];
}

export interface Notifier {
  /** Channels that cannot be used (a secret missing …), by name: the message names the field. */
  readonly problems: ReadonlyMap<string, string>;
  readonly context: MessageContext;
  /** Channel names that reach an audience. */
  channelsFor(to: Audience): string[];
  /** Adds the events to the outbox (idempotent); returns the outbox ids added. */
  enqueue(events: readonly NotifyEvent[]): Promise<string[]>;
  /** Sends what is due now. Never throws for a delivery failure. */
  dispatch(): Promise<DispatchReport>;
  /** Sends a test message over one channel now (not through the outbox). Throws NotifyConfigError or DeliveryError. */
  test(channel: string): Promise<void>;
  close(): Promise<void>;
}

/** Builds the notifier. Channel problems do not throw: they hold that channel's messages and are listed in `problems`. */
export function createNotifier(opts: NotifierOptions): Notifier {
  const { config, store } = opts;
  const n = config.notify;
  const clock = opts.clock ?? (() => new Date());
  const { channels, problems } = resolveChannels(n, { baseDir: config.baseDir, env: opts.env });
  const limiter = new RateLimiter();
  const senders = new Map<string, Sender>();
  const context: MessageContext = { timezone: config.timezone, ...(n.publicUrl ? { publicUrl: n.publicUrl } : {}) };
  const senderOf = (ch: ResolvedChannel) => {
    let s = senders.get(ch.name);
    if (!s) senders.set(ch.name, (s = (opts.senderFor ?? ((c) => createSender(c, { timeoutMs: n.timeoutMs, clock })))(ch)));
    return s;
  };

  const channelsFor = (to: Audience): string[] => (to === 'center' ? n.center : (n.units[to.unit] ?? []));

  const backoffMs = (attempts: number) => Math.min(n.retry.maxDelaySeconds, n.retry.firstDelaySeconds * 2 ** Math.max(0, attempts - 1)) * 1000;

  async function deliver(row: NotificationRecord, report: DispatchReport): Promise<void> {
    const now = clock();
    const ch = channels.get(row.channel);
    if (!ch) {
      if (problems.has(row.channel)) return void report.held.push(row.id);
      // the channel was removed from the config: nothing can send it
      if (await store.claimNotification(row.id, now.toISOString())) {
        await store.settleNotification(row.id, { state: 'failed', at: now.toISOString(), error: `channel "${row.channel}" is no longer in notify.channels` });
        report.failed.push(row.id);
      }
      return;
    }
    if (!row.urgent && inQuietHours(n.quietHours, now, config.timezone)) return void report.held.push(row.id);
    if (!limiter.allows(row.channel, ch.config, now.getTime())) return void report.held.push(row.id);
    if (!(await store.claimNotification(row.id, now.toISOString()))) return;
    limiter.record(row.channel, now.getTime());
    try {
      await senderOf(ch).send({ kind: row.kind, key: row.eventKey, urgent: row.urgent, message: row.message });
      await store.settleNotification(row.id, { state: 'sent', at: clock().toISOString() });
      report.sent.push(row.id);
    } catch (e) {
      const error = e instanceof DeliveryError ? e.message : `send failed: ${(e as Error)?.message ?? String(e)}`.replace(/https?:\/\/\S+/g, '<url>');
      const retry = !(e instanceof DeliveryError) || e.retry;
      const attempts = row.attempts + 1;
      const at = clock();
      if (retry && attempts < n.retry.attempts) {
        await store.settleNotification(row.id, { state: 'pending', at: at.toISOString(), nextAt: new Date(at.getTime() + backoffMs(attempts)).toISOString(), error });
        report.retrying.push(row.id);
      } else {
        await store.settleNotification(row.id, { state: 'failed', at: at.toISOString(), error: retry ? `${error} (gave up after ${attempts} attempts)` : error });
        report.failed.push(row.id);
      }
    }
  }

  return {
    problems,
    context,
    channelsFor,

    async enqueue(events) {
      const at = clock().toISOString();
      const rows = events.flatMap((e) => {
        const names = [...new Set(e.to.flatMap(channelsFor))];
        return names.map((channel) => ({ id: `${e.key}@${channel}`, eventKey: e.key, channel, kind: e.kind, urgent: e.urgent, message: e.message, createdAt: at, nextAt: at }));
      });
      return rows.length ? store.enqueueNotifications(rows) : [];
    },

    async dispatch() {
      const report: DispatchReport = { sent: [], retrying: [], failed: [], held: [] };
      if (!Object.keys(n.channels).length) return report;
      const due = await store.listNotifications({ states: ['pending'], dueAt: clock().toISOString(), limit: 500 });
      for (const row of due) await deliver(row, report);
      return report;
    },

    async test(channel) {
      if (!(channel in n.channels)) throw new NotifyConfigError(`--channel: no channel "${channel}" in notify.channels (known: ${Object.keys(n.channels).join(', ') || 'none'})`);
      const problem = problems.get(channel);
      if (problem) throw new NotifyConfigError(problem);
      const now = clock();
      await senderOf(channels.get(channel)!).send({ kind: 'test', key: `test:${channel}:${now.toISOString()}`, urgent: false, message: testMessage(context, channel, now) });
    },

    async close() {
      await Promise.all([...senders.values()].map((s) => s.close().catch(() => undefined)));
      senders.clear();
    },
  };
}
