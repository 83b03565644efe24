// `govaudit dashboard`: the read-only dashboard on its own (without the scheduler), until SIGINT/SIGTERM.
import { createDashboard } from '../../dashboard/index.ts';
import { isLoopback } from '../../dashboard/access.ts';
import { listTokens } from '../../dashboard/tokens.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: 'serve the read-only dashboard alone (127.0.0.1 by default; other addresses need tokens)',
  usage: 'govaudit dashboard [--config FILE] [--data DIR] [--host ADDR] [--port N] [--require-token] [--now ISO]',
  options: { ...commonOptions, host: { type: 'string' }, port: { type: 'string' }, 'require-token': { type: 'boolean' } },
  async run(values) {
    const port = values.port === undefined ? 8080 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port: expected a port number 0–65535, got "${values.port}"`);
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const store = await openStoreFor(loaded.config, values.data as string | undefined);
    const fixed = values.now === undefined ? undefined : parseNow(values.now as string);
    const requireToken = values['require-token'] ? true : undefined;
    const dashboard = createDashboard({ store, config: loaded.config, requireToken, ...(fixed ? { now: () => fixed } : {}) });
    try {
      let bound: Awaited<ReturnType<typeof dashboard.listen>>;
      try {
        bound = await dashboard.listen(port, host);
      } catch (e) {
        throw new UsageError(`cannot listen on ${host}:${port} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      process.stdout.write(`dashboard: ${bound.url}\n`);
      if (requireToken || !isLoopback(host)) {
        const active = (await listTokens(store)).filter((t) => !t.revokedAt).length;
        process.stdout.write(`every request needs a token (${active} active; issue one with govaudit token --center or --unit NAME)\n`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      return 0;
    } finally {
      await dashboard.close();
      await store.close();
      await loaded.stopDemo?.();
    }
  },
};
