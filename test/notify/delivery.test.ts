// Delivery that holds: retries with backoff until the receiver takes the message, no second send after a restart
// mid-send, rejected signatures shown as failing deliveries, quiet hours, the robots' rate limits, and
// `govaudit notify test`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyCommand } from '../../cli/commands/notify.ts';
import { parseConfig } from '../../config/load.ts';
import { createNotifier } from '../../notify/outbox.ts';
import type { NotifyEvent } from '../../notify/messages.ts';
import { resolveChannels } from '../../notify/secrets.ts';
import { collectStatus, formatStatus } from '../../scheduler/status.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { PATHS, SECRETS, movableClock, testConfig } from './helpers.ts';
import { startSmtpReceiver, startWebhookReceiver, type SmtpReceiver, type WebhookReceiver } from './receivers.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const event = (key: string, opts: Partial<NotifyEvent> = {}): NotifyEvent => ({
  key,
  kind: 'homepage-down',
  urgent: true,
  to: ['center'],
  message: { title: `标题 ${key}`, lines: [`正文 ${key}`] },
  ...opts,
});

describe('notification delivery', () => {
  let hooks: WebhookReceiver;
  let smtp: SmtpReceiver;
  let dir: string;
  const clock = movableClock('2026-12-07T10:00:00+08:00');
  /** The receiver checks signature times against the clock of the test at hand. */
  let receiverClock = clock.now;
  beforeAll(async () => {
    hooks = await startWebhookReceiver({ [PATHS.dingtalk]: SECRETS.dingtalk, [PATHS.feishu]: SECRETS.feishu }, () => receiverClock());
    smtp = await startSmtpReceiver('govaudit', 'smtp-pass');
    dir = await mkdtemp(join(tmpdir(), 'govaudit-notify-'));
  });
  afterAll(async () => {
    await hooks?.close();
    await smtp?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('delivers after the receiver fails twice, waiting out the backoff in between', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port, notify: { center: ['center-wecom'], retry: { firstDelaySeconds: 60 } } });
    const store = openSqliteStore(':memory:');
    const notifier = createNotifier({ config, store, env, clock: clock.now });
    const start = hooks.received.length;
    hooks.failNext(PATHS.wecom, 2);
    await notifier.enqueue([event('retry-1')]);
    const outcomes: string[] = [];
    const step = async () => {
      const r = await notifier.dispatch();
      outcomes.push(r.sent.length ? 'sent' : r.retrying.length ? 'retrying' : 'nothing');
    };
    await step(); // fails (1)
    await step(); // backoff not over: nothing sent
    clock.advance(60_000);
    await step(); // fails (2)
    clock.advance(60_000);
    await step(); // backoff is 120 s now
    clock.advance(60_000);
    await step(); // delivered
    await step();
    expect(outcomes).toEqual(['retrying', 'nothing', 'retrying', 'nothing', 'sent', 'nothing']);
    expect(hooks.received.slice(start).map((r) => r.text)).toEqual(['**标题 retry-1**\n\n正文 retry-1']);
    const [row] = await store.listNotifications();
    expect([row.state, row.attempts, row.lastError]).toEqual(['sent', 3, null]);
    await notifier.close();
    await store.close();
  });

  it('does not send a message twice when the service is killed mid-send and restarts', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port, notify: { center: ['gateway'] } });
    const storeDir = join(dir, 'restart');
    const store = openSqliteStore(storeDir);
    const notifier = createNotifier({ config, store, env });
    await notifier.enqueue([event('restart-1')]);
    hooks.hang(PATHS.json);
    const arrived = hooks.arrival(PATHS.json);
    const input = { district: config.district, sites: config.sites.map((s) => ({ id: s.id, name: s.name, unit: s.unit, homepage: s.homepage })), notify: config.notify };
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/notify/send-child.ts', JSON.stringify(input), storeDir], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    await arrived;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const received = hooks.received.length;
    // the restarted service dispatches again: the claimed message is not sent a second time
    const report = await notifier.dispatch();
    expect(report).toEqual({ sent: [], retrying: [], failed: [], held: [] });
    expect(hooks.received.length).toBe(received);
    const [row] = await store.listNotifications();
    expect([row.id, row.state, row.attempts]).toEqual(['restart-1@gateway', 'sending', 1]);
    // and `govaudit status` says its outcome is unknown once its time limit has long passed
    const later = new Date(Date.now() + 5 * 60_000);
    const status = await collectStatus({ config, store, clock: () => later });
    expect(status.notifications.map((n) => [n.id, n.state, n.attempts])).toEqual([['restart-1@gateway', 'unknown', 1]]);
    expect(formatStatus(status)).toContain('gateway  标题 restart-1  发送中断，结果不明（不会重发），已尝试 1 次');
    await notifier.close();
    await store.close();
  });

  it('shows a robot that rejects the signature as a failing delivery, naming the robot’s answer', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port });
    const store = openSqliteStore(':memory:');
    const notifier = createNotifier({ config, store, env: { ...env, DINGTALK_OFFICE_SECRET: 'SECwrong', FEISHU_EDU_SECRET: 'wrong' }, clock: clock.now });
    const refused = hooks.refused.length;
    await notifier.enqueue([event('sign-1', { to: [{ unit: '区政府办' }, { unit: '区教育局' }] })]);
    const r = await notifier.dispatch();
    expect([r.sent, r.retrying.sort()]).toEqual([[], ['sign-1@edu-feishu', 'sign-1@office-dingtalk']]);
    expect(hooks.refused.slice(refused).sort()).toEqual([PATHS.dingtalk, PATHS.feishu].sort());
    const status = await collectStatus({ config, store, clock: clock.now });
    expect(status.notifications.map((n) => [n.channel, n.state, n.error])).toEqual([
      ['edu-feishu', 'retrying', 'the feishu robot refused the message: code 19021 (sign match fail or timestamp is not within one hour from current time)'],
      ['office-dingtalk', 'retrying', 'the dingtalk robot refused the message: code 310000 (sign not match)'],
    ]);
    expect(formatStatus(status)).toContain('发送失败的通知（2 条）');
    await notifier.close();
    await store.close();
  });

  it('holds non-urgent messages through the quiet hours and sends urgent ones at once', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port, notify: { center: ['center-wecom'], quietHours: { from: '22:00', to: '07:30' } } });
    const store = openSqliteStore(':memory:');
    const night = movableClock('2026-12-07T23:10:00+08:00');
    const notifier = createNotifier({ config, store, env, clock: night.now });
    await notifier.enqueue([event('quiet-urgent'), event('quiet-digest', { kind: 'digest', urgent: false })]);
    expect(await notifier.dispatch()).toEqual({ sent: ['quiet-urgent@center-wecom'], retrying: [], failed: [], held: ['quiet-digest@center-wecom'] });
    night.set('2026-12-08T07:29:00+08:00');
    expect((await notifier.dispatch()).held).toEqual(['quiet-digest@center-wecom']);
    night.set('2026-12-08T07:30:00+08:00');
    expect((await notifier.dispatch()).sent).toEqual(['quiet-digest@center-wecom']);
    await notifier.close();
    await store.close();
  });

  it('keeps to the robots’ rate limits: 企业微信 20 a minute, 飞书 5 a second', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port, notify: { center: ['center-wecom'] } });
    const store = openSqliteStore(':memory:');
    const c = movableClock('2026-12-07T11:00:00+08:00');
    receiverClock = c.now;
    const notifier = createNotifier({ config, store, env, clock: c.now });
    await notifier.enqueue(Array.from({ length: 25 }, (_, i) => event(`rate-${String(i).padStart(2, '0')}`)));
    await notifier.enqueue(Array.from({ length: 7 }, (_, i) => event(`fs-${i}`, { to: [{ unit: '区教育局' }] })));
    const first = await notifier.dispatch();
    expect([first.sent.filter((id) => id.endsWith('@center-wecom')).length, first.sent.filter((id) => id.endsWith('@edu-feishu')).length, first.held.length]).toEqual([20, 5, 7]);
    c.advance(1_000);
    const second = await notifier.dispatch();
    expect([second.sent.filter((id) => id.endsWith('@edu-feishu')).length, second.held.length]).toEqual([2, 5]);
    c.advance(60_000);
    expect((await notifier.dispatch()).sent.length).toBe(5);
    expect(await store.listNotifications({ states: ['pending'] })).toEqual([]);
    await notifier.close();
    await store.close();
  });

  it('govaudit notify test sends a test message over the channel named, and refuses an unknown one', async () => {
    const { config, env } = testConfig({ webhookBase: hooks.base, smtpPort: smtp.port });
    const file = join(dir, 'district.json');
    const input = { district: config.district, sites: config.sites.map((s) => ({ id: s.id, name: s.name, unit: s.unit, homepage: s.homepage })), notify: config.notify };
    await writeFile(file, JSON.stringify(input));
    const saved = { ...process.env };
    Object.assign(process.env, env);
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      const mails = smtp.mails.length;
      expect(await notifyCommand.run({ config: file, data: join(dir, 'cli'), channel: 'center-mail' }, ['test'])).toBe(0);
      expect(smtp.mails.slice(mails).map((m) => m.subject)).toEqual(['govaudit 测试消息']);
      await expect(notifyCommand.run({ config: file, data: join(dir, 'cli'), channel: 'nope' }, ['test'])).rejects.toThrow('--channel: no channel "nope" in notify.channels (known: center-mail, center-wecom, gateway, office-dingtalk, edu-feishu)');
      delete process.env.FEISHU_EDU_SECRET;
      await expect(notifyCommand.run({ config: file, data: join(dir, 'cli'), channel: 'edu-feishu' }, ['test'])).rejects.toThrow('notify.channels.edu-feishu.secret: secret "FEISHU_EDU_SECRET" is not set in the environment (or set notify.secretsFile)');
    } finally {
      process.stdout.write = write;
      for (const k of Object.keys(env)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    expect(out).toEqual(['已通过通道 center-mail（email）发送测试消息\n']);
  });
});

describe('notification config', () => {
  const base = { district: '测试区', sites: [{ id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://portal.example/' }] };
  const refused = (notify: unknown) => {
    try {
      parseConfig({ ...base, notify }, '/tmp/d.json');
      return 'accepted';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('refuses a bad channel with the field named', () => {
    expect([
      refused({ channels: { wx: { type: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc' } } }),
      refused({ channels: { mail: { type: 'email', host: 'smtp.example.gov.cn', from: 'govaudit', to: ['a@example.gov.cn'] } } }),
      refused({ channels: { dd: { type: 'dingtalk', url: 'DD', sekret: 'X' } } }),
      refused({ channels: { fs: { type: 'lark', url: 'FS' } } }),
      refused({ channels: { dd: { type: 'dingtalk', url: 'DD' } }, center: ['dd', 'wx'] }),
      refused({ channels: {}, units: { 区教育局: [] } }),
      refused({ digestAt: '8:30' }),
    ]).toEqual([
      '/tmp/d.json: notify.channels.wx.url: the NAME of a secret (an environment variable or a key of notify.secretsFile), not the secret itself',
      '/tmp/d.json: notify.channels.mail.from: an email address',
      '/tmp/d.json: notify.channels.dd: unknown field "sekret"',
      '/tmp/d.json: notify.channels.fs.type: a channel with type email, wecom, dingtalk, feishu or json',
      '/tmp/d.json: notify.center[1]: no channel "wx" in notify.channels (known: dd)',
      '/tmp/d.json: notify.units.区教育局: no site has unit "区教育局" (units: 区政府办)',
      '/tmp/d.json: notify.digestAt: a local time HH:MM (24-hour)',
    ]);
  });

  it('refuses a channel whose secret is missing or is not a URL, naming the field', async () => {
    const config = parseConfig({ ...base, notify: { channels: { wx: { type: 'wecom', url: 'WX_URL' }, mail: { type: 'email', host: '127.0.0.1', user: 'u', password: 'SMTP_PW', from: 'a@example.gov.cn', to: ['b@example.gov.cn'] } }, center: ['wx', 'mail'] } }, '/tmp/d.json');
    const store = openSqliteStore(':memory:');
    const notifier = createNotifier({ config, store, env: { WX_URL: 'qyapi.weixin.qq.com/key=abc' } });
    expect(Object.fromEntries(notifier.problems)).toEqual({
      wx: 'notify.channels.wx.url: secret "WX_URL" is not a URL (expected the robot\'s https:// webhook address)',
      mail: 'notify.channels.mail.password: secret "SMTP_PW" is not set in the environment (or set notify.secretsFile)',
    });
    await store.close();
  });
});

describe('notification secrets', () => {
  it('come from the environment first, then the secrets file (YAML or JSON), relative to the config file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govaudit-notify-secrets-'));
    try {
      await writeFile(join(dir, 'secrets.yaml'), 'WX_URL: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=from-file\nDD_URL: https://oapi.dingtalk.com/robot/send?access_token=file\nDD_SECRET: SECfile\n');
      await writeFile(join(dir, 'secrets.json'), '["not", "a map"]');
      const make = (secretsFile: string) =>
        parseConfig(
          {
            district: '测试区',
            sites: [{ id: 'portal', name: '门户', unit: '区政府办', homepage: 'http://portal.example/' }],
            notify: { secretsFile, channels: { wx: { type: 'wecom', url: 'WX_URL' }, dd: { type: 'dingtalk', url: 'DD_URL', secret: 'DD_SECRET' } }, center: ['wx', 'dd'] },
          },
          join(dir, 'district.json'),
        );
      const good = resolveChannels(make('secrets.yaml').notify, { baseDir: dir, env: { DD_SECRET: 'SECenv' } });
      expect([...good.problems]).toEqual([]);
      const wx = good.channels.get('wx')!;
      const dd = good.channels.get('dd')!;
      expect([wx.type === 'wecom' && wx.url, dd.type === 'dingtalk' && dd.secret]).toEqual(['https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=from-file', 'SECenv']);
      const bad = resolveChannels(make('secrets.json').notify, { baseDir: dir, env: { WX_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=env' } });
      expect(Object.fromEntries(bad.problems)).toEqual({
        dd: `notify.channels.dd.url: secret "DD_URL" is not set in the environment nor in notify.secretsFile — notify.secretsFile: ${join(dir, 'secrets.json')} must map secret names to values`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
