// `govaudit serve` wires the notification loop: a message waiting in the outbox (raised by `govaudit bulletin
// --final` or by a service that stopped before sending it) goes out over its channel once the service starts, and
// the service still stops cleanly.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite.ts';
import { spawnServe } from '../scheduler/serve-support.ts';
import { PATHS } from './helpers.ts';
import { startWebhookReceiver, type WebhookReceiver } from './receivers.ts';

describe('serve sends the outbox', () => {
  let hooks: WebhookReceiver;
  let dir: string;
  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    dir = await mkdtemp(join(tmpdir(), 'govaudit-notify-serve-'));
  });
  afterAll(async () => {
    await hooks?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers a waiting message from the first tick and stops on SIGTERM', async () => {
    const configFile = join(dir, 'district.json');
    await writeFile(
      configFile,
      JSON.stringify({
        district: '测试区',
        sites: [{ id: 'portal', name: '区政府门户网站', unit: '区政府办', homepage: 'http://127.0.0.1:9/' }],
        notify: { channels: { gateway: { type: 'json', url: 'GOVAUDIT_TEST_GATEWAY' } }, center: ['gateway'], quietHours: null },
      }),
    );
    const data = join(dir, 'data');
    const store = openSqliteStore(data);
    const at = new Date().toISOString();
    await store.enqueueNotifications([{ id: 'waiting@gateway', eventKey: 'waiting', channel: 'gateway', kind: 'bulletin', urgent: false, message: { title: '2026年11月网站检查通报已印发', lines: ['一'] }, createdAt: at, nextAt: at }]);
    await store.close();
    const arrived = hooks.arrival(PATHS.json);
    process.env.GOVAUDIT_TEST_GATEWAY = `${hooks.base}${PATHS.json}`;
    const serve = spawnServe(['--config', configFile, '--data', data, '--port', '0']);
    delete process.env.GOVAUDIT_TEST_GATEWAY;
    try {
      await arrived;
      await serve.waitFor((l) => l.msg === 'notification sent' && l.notification === 'waiting@gateway', 30_000);
      // (the calendar warning may come too, depending on today's date and the shipped holiday data)
      expect(hooks.received.map((r) => r.body.title).filter((t) => !String(t).startsWith('工作日历'))).toEqual(['2026年11月网站检查通报已印发']);
    } finally {
      serve.child.kill('SIGTERM');
    }
    const exit = await serve.exited;
    expect([exit.code, serve.stderr()]).toEqual([0, '']);
    const after = openSqliteStore(data);
    expect((await after.listNotifications()).filter((r) => r.kind !== 'calendar').map((r) => [r.id, r.state])).toEqual([['waiting@gateway', 'sent']]);
    await after.close();
  }, 60_000);
});
