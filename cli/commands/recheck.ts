// `govaudit recheck`: runs the re-checks units asked for in the dashboard (scheduler/recheck.ts) — each queued site's
// checks once, under the audit lock — and prints what was closed (已整改) and reopened. `govaudit serve` does the
// same on its own (config `schedule.recheck`); this command is for a manual run.
import { runRecheckPass } from '../../scheduler/recheck.ts';
import { commonOptions, parseNow, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

export const recheckCommand: Command = {
  name: 'recheck',
  summary: 'run the re-checks units requested in the dashboard (closes fixed findings, reopens the rest)',
  usage: 'govaudit recheck [--config FILE] [--data DIR] [--out DIR] [--now ISO]',
  options: { ...commonOptions, out: { type: 'string' } },
  async run(values) {
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const store = await openStoreFor(loaded.config, values.data as string | undefined);
      try {
        const fixed = values.now === undefined ? undefined : parseNow(values.now as string);
        const pass = await runRecheckPass({ config: loaded.config, store, now: () => fixed ?? new Date(), ...(values.out ? { outDir: values.out as string } : {}) });
        if (pass.status === 'deferred') {
          process.stderr.write(`govaudit recheck: not run now: ${pass.reason}; the requests stay queued\n`);
          return 1;
        }
        const outcomes = pass.status === 'done' ? pass.outcomes : [];
        if (!outcomes.length) process.stdout.write('没有待复查的申请\n');
        for (const o of outcomes) {
          process.stdout.write(o.error ? `${o.siteId}: 复查失败（${o.error}）\n` : `${o.siteId}: 复查完成（${o.runId}），已整改 ${o.closed.length} 个，仍存在 ${o.reopened.length} 个\n`);
        }
        return outcomes.some((o) => o.error) ? 1 : 0;
      } finally {
        await store.close();
      }
    } finally {
      await loaded.stopDemo?.();
    }
  },
};
