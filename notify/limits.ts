// Per-channel rate limits (the robots' documented limits: 企业微信 and 钉钉 20 a minute, 飞书 100 a minute and 5 a
// second; email and JSON as configured) and quiet hours (local; non-urgent messages wait them out).
import { toLocal } from '../calendar/timezone.ts';
import type { ChannelConfig } from '../config/notify.ts';

/** Sliding windows of send times per channel, in this process. */
export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  /** Windows of a channel: at most `max` sends per `ms`. */
  static windows(c: ChannelConfig): { max: number; ms: number }[] {
    return [{ max: c.perMinute, ms: 60_000 }, ...(c.type === 'feishu' ? [{ max: c.perSecond, ms: 1_000 }] : [])];
  }

  /** May `channel` send at `now`? */
  allows(channel: string, config: ChannelConfig, now: number): boolean {
    const times = this.sent.get(channel) ?? [];
    return RateLimiter.windows(config).every((w) => times.filter((t) => t > now - w.ms).length < w.max);
  }

  /** Records a send (or an attempt: a refused one counts against the robot's limit too). */
  record(channel: string, now: number): void {
    const times = (this.sent.get(channel) ?? []).filter((t) => t > now - 60_000);
    times.push(now);
    this.sent.set(channel, times);
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Local minutes since midnight of `now` in `timeZone`. */
export function localMinutes(now: Date, timeZone: string): number {
  const l = toLocal(now, timeZone);
  return l.hour * 60 + l.minute;
}

/** Whether `now` falls in the quiet hours (`from` inclusive, `to` exclusive; `from` after `to` spans midnight). */
export function inQuietHours(quiet: { from: string; to: string } | null, now: Date, timeZone: string): boolean {
  if (!quiet) return false;
  const m = localMinutes(now, timeZone);
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  if (from === to) return false;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** Whether the local time of `now` is within `windowMinutes` after `at` (HH:MM) on the same day. */
export function withinAfter(at: string, now: Date, timeZone: string, windowMinutes: number): boolean {
  const m = localMinutes(now, timeZone);
  return m >= minutes(at) && m < minutes(at) + windowMinutes;
}
