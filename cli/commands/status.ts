// `govaudit status`: the current and last audit runs, each job's last outcome and next time, the lock holder.
import { commonOptions, parseNow, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { collectStatus, formatStatus } from '../../scheduler/status.ts';

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the current and last runs, next scheduled jobs and the audit lock holder',
  usage: 'govaudit status [--config FILE] [--data DIR] [--now ISO] [--json]',
  options: { ...commonOptions, json: { type: 'boolean' } },
  async run(values) {
    const clockAt = values.now === undefined ? undefined : parseNow(values.now as string);
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const store = await openStoreFor(loaded.config, values.data as string | undefined);
    try {
      const status = await collectStatus({ config: loaded.config, store, clock: clockAt ? () => clockAt : undefined });
      process.stdout.write(values.json ? JSON.stringify(status, null, 2) + '\n' : formatStatus(status));
      return 0;
    } finally {
      await store.close();
      await loaded.stopDemo?.();
    }
  },
};
