// `govaudit status`: the current and last audit runs, each job's last outcome and next time, the lock holder, and the
// records to chase (error reports, disclosure requests: overdue, due today or the next working day).
import { commonOptions, parseNow, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { collectStatus, formatStatus } from '../../scheduler/status.ts';
import { collectQueueStatus, formatQueueStatus } from '../../scheduler/distributed/status.ts';
import type { PostgresStore } from '../../store/postgres.ts';

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the current and last runs, next scheduled jobs, the audit lock holder and the records due soon (output in Chinese, local times)',
  usage: 'govaudit status [--config FILE] [--data DIR] [--now ISO] [--json]',
  options: { ...commonOptions, json: { type: 'boolean' } },
  async run(values) {
    const clockAt = values.now === undefined ? undefined : parseNow(values.now as string);
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const store = await openStoreFor(loaded.config, values.data as string | undefined);
    try {
      const status = await collectStatus({ config: loaded.config, store, clock: clockAt ? () => clockAt : undefined, dueSoon: true });
      // distributed mode (PostgreSQL store): runs, queue depth, workers alive, failed site jobs
      const queue = store.kind === 'postgres' ? await collectQueueStatus(store as PostgresStore, { heartbeatSeconds: loaded.config.distributed.heartbeatSeconds }) : undefined;
      process.stdout.write(values.json ? JSON.stringify(queue === undefined ? status : { ...status, queue }, null, 2) + '\n' : formatStatus(status) + (queue === undefined ? '' : '\n' + formatQueueStatus(queue, loaded.config.timezone)));
      return 0;
    } finally {
      await store.close();
      await loaded.stopDemo?.();
    }
  },
};
