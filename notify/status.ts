// What `govaudit status` and the dashboard show of the outbox: the notifications that are not getting through.
import type { NotificationRecord, Store } from '../store/types.ts';

/** A notification that is not getting through: retrying, given up, or cut off mid-send (outcome unknown, not resent). */
export interface FailingNotification {
  id: string;
  channel: string;
  kind: string;
  title: string;
  state: 'retrying' | 'failed' | 'unknown';
  attempts: number;
  error: string | null;
  /** The last attempt. */
  at: string;
  /** The next attempt, when retrying. */
  nextAt: string | null;
}

/** Given-up notifications are shown this long after their last attempt. */
const FAILED_SHOWN_MS = 7 * 86_400_000;

/** The outbox rows to show as failing deliveries, oldest first. */
export async function failingNotifications(store: Store, now: Date, sendTimeoutMs: number): Promise<FailingNotification[]> {
  const rows = await store.listNotifications({ states: ['pending', 'sending', 'failed'] });
  const out: FailingNotification[] = [];
  const item = (r: NotificationRecord, state: FailingNotification['state']): FailingNotification => ({
    id: r.id,
    channel: r.channel,
    kind: r.kind,
    title: r.message.title,
    state,
    attempts: r.attempts,
    error: r.lastError,
    at: r.updatedAt,
    nextAt: state === 'retrying' ? r.nextAt : null,
  });
  for (const r of rows) {
    if (r.state === 'pending' && r.attempts > 0) out.push(item(r, 'retrying'));
    else if (r.state === 'failed' && now.getTime() - new Date(r.updatedAt).getTime() < FAILED_SHOWN_MS) out.push(item(r, 'failed'));
    // a send still marked running long after its time limit: the process stopped mid-send
    else if (r.state === 'sending' && now.getTime() - new Date(r.updatedAt).getTime() > 2 * sendTimeoutMs + 60_000) out.push(item(r, 'unknown'));
  }
  return out;
}
