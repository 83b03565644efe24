// The outbox as the store keeps it, on SQLite and PostgreSQL alike: an event enqueued twice is one row, a row is
// claimed by exactly one of several claimants, settles as sent / pending (with its next try) / failed, and a row
// claimed and never settled (a process killed mid-send) is never claimed again.
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../store/postgres.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';

const row = (id: string, at = '2026-12-07T00:00:00.000Z') => ({
  id: `${id}@ch`,
  eventKey: id,
  channel: 'ch',
  kind: 'digest',
  urgent: false,
  message: { title: `标题 ${id}`, lines: ['一', '二'], link: 'https://audit.example.gov.cn/sites/a' },
  createdAt: at,
  nextAt: at,
});

function outboxContract(open: () => Promise<Store>): void {
  it('keeps one row per id, claims once, settles and lists', async () => {
    const store = await open();
    try {
      expect(await store.enqueueNotifications([row('a'), row('b')])).toEqual(['a@ch', 'b@ch']);
      expect(await store.enqueueNotifications([row('a'), row('c', '2026-12-07T00:00:01.000Z')])).toEqual(['c@ch']);
      const at = '2026-12-07T00:01:00.000Z';
      // several claimants at once: exactly one wins
      const wins = await Promise.all([1, 2, 3, 4].map(() => store.claimNotification('a@ch', at)));
      expect(wins.filter(Boolean).length).toBe(1);
      await store.settleNotification('a@ch', { state: 'sent', at });
      expect(await store.claimNotification('b@ch', at)).toBe(true);
      await store.settleNotification('b@ch', { state: 'pending', at, nextAt: '2026-12-07T00:02:00.000Z', error: 'HTTP 500' });
      expect(await store.claimNotification('b@ch', at)).toBe(false); // not due yet
      expect(await store.claimNotification('c@ch', at)).toBe(true); // claimed, never settled
      expect(await store.claimNotification('c@ch', '2026-12-08T00:00:00.000Z')).toBe(false);
      const all = await store.listNotifications();
      expect(all.map((r) => [r.id, r.state, r.attempts, r.nextAt, r.sentAt, r.lastError])).toEqual([
        ['a@ch', 'sent', 1, '2026-12-07T00:00:00.000Z', at, null],
        ['b@ch', 'pending', 1, '2026-12-07T00:02:00.000Z', null, 'HTTP 500'],
        ['c@ch', 'sending', 1, '2026-12-07T00:00:01.000Z', null, null],
      ]);
      expect(all[0].message).toEqual(row('a').message);
      expect(all[0].urgent).toBe(false);
      expect((await store.listNotifications({ states: ['pending'], dueAt: '2026-12-07T00:01:59.000Z' })).map((r) => r.id)).toEqual([]);
      expect((await store.listNotifications({ states: ['pending'], dueAt: '2026-12-07T00:02:00.000Z' })).map((r) => r.id)).toEqual(['b@ch']);
    } finally {
      await store.close();
    }
  });
}

describe('notification outbox (SQLite)', () => {
  outboxContract(async () => openSqliteStore(':memory:'));
});

const pg = postgresAvailability();
describe.skipIf(pg.skip)('notification outbox (PostgreSQL)', () => {
  const scratch = pg.skip ? null : scratchSchema('outbox');
  afterAll(() => scratch?.drop());
  outboxContract(() => openPostgresStore(testDatabaseUrl!, { schema: scratch!.schema }));
});
