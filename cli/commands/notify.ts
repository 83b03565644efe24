// `govaudit notify test --channel NAME`: sends a test message over one channel now (its secrets read as the service
// reads them), to check a robot or mailbox before relying on it. `govaudit notify send`: one round of the service's
// notification loop (raise due events, send the outbox) for a deployment that runs jobs from cron instead of serve.
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { DeliveryError } from '../../notify/channels.ts';
import { createNotifier } from '../../notify/outbox.ts';
import { NotifyConfigError } from '../../notify/secrets.ts';
import { createLogger } from '../../scheduler/log.ts';
import { notifyTick } from '../../scheduler/notify.ts';
import pino from 'pino';

export const notifyCommand: Command = {
  name: 'notify',
  summary: 'notifications: `test --channel NAME` sends a test message; `send` raises due events and sends the outbox once',
  usage: 'govaudit notify (test --channel NAME | send) [--config FILE] [--data DIR] [--now ISO]',
  options: { ...commonOptions, channel: { type: 'string' } },
  allowPositionals: true,
  async run(values, positionals) {
    const action = positionals[0];
    if (positionals.length !== 1 || (action !== 'test' && action !== 'send')) throw new UsageError('give one action: test --channel NAME, or send');
    if (action === 'test' && !values.channel) throw new UsageError('test: --channel NAME is required (a name under notify.channels)');
    const clockAt = values.now === undefined ? undefined : parseNow(values.now as string);
    const clock = clockAt ? () => clockAt : undefined;
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const { config } = loaded;
    const store = await openStoreFor(config, values.data as string | undefined);
    const notifier = createNotifier({ config, store, clock });
    try {
      if (action === 'test') {
        const channel = values.channel as string;
        try {
          await notifier.test(channel);
        } catch (e) {
          if (e instanceof NotifyConfigError) throw new UsageError(e.message);
          if (e instanceof DeliveryError) {
            process.stderr.write(`govaudit notify: test message over "${channel}" not delivered: ${e.message}\n`);
            return 1;
          }
          throw e;
        }
        process.stdout.write(`已通过通道 ${channel}（${config.notify.channels[channel].type}）发送测试消息\n`);
        return 0;
      }
      for (const [channel, problem] of notifier.problems) process.stderr.write(`govaudit notify: channel "${channel}" cannot be used: ${problem}\n`);
      const r = await notifyTick({ config, store, notifier, log: createLogger({ destination: pino.destination(2) }), clock });
      process.stdout.write(`已发送 ${r.sent.length} 条，待重试 ${r.retrying.length} 条，放弃 ${r.failed.length} 条，暂缓 ${r.held.length} 条（免打扰时段、限流或通道不可用）\n`);
      return r.failed.length ? 1 : 0;
    } finally {
      await notifier.close();
      await store.close();
      await loaded.stopDemo?.();
    }
  },
};
