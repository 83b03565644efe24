// `govaudit serve`: the nightly service — scheduled jobs (audit, probes, bulletin, housekeeping), a health
// endpoint and the dashboard, until SIGTERM/SIGINT; or `--once <job>` to run one job now and exit.
import { resolve } from 'node:path';
import { reapOnce } from '../../browser/registry.ts';
import { parseNow, commonOptions, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';
import { firesOnDay } from '../../scheduler/cron.ts';
import { createJobs } from '../../scheduler/jobs.ts';
import { closeHttp, createHttpServer, listen, loadDashboard } from '../../scheduler/http.ts';
import { createLogger } from '../../scheduler/log.ts';
import { createService, jobIds, type JobId } from '../../scheduler/service.ts';
import { collectStatus } from '../../scheduler/status.ts';
import { localDate } from '../../calendar/timezone.ts';
import { serviceNotifier, startNotifyLoop } from '../../scheduler/notify.ts';

/** Time the running jobs get to stop after SIGTERM/SIGINT before they are abandoned (the whole stop stays under 10 s). */
const STOP_DEADLINE_MS = 7_000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the scheduled service (audits, probes, bulletins, housekeeping) with a health endpoint and the dashboard',
  usage: `govaudit serve [--config FILE] [--data DIR] [--out DIR] [--port N] [--host ADDR] [--now ISO] [--max-pages N] [--once ${jobIds.join('|')}]`,
  options: {
    ...commonOptions,
    out: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    once: { type: 'string' },
    'max-pages': { type: 'string' },
  },
  async run(values) {
    const once = values.once as string | undefined;
    if (once !== undefined && !jobIds.includes(once as JobId)) throw new UsageError(`--once: unknown job "${once}" (jobs: ${jobIds.join(', ')})`);
    const port = values.port === undefined ? 8080 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port: expected a port number 0–65535, got "${values.port}"`);
    const maxPages = values['max-pages'] === undefined ? undefined : Number(values['max-pages']);
    if (maxPages !== undefined && (!Number.isInteger(maxPages) || maxPages < 1)) throw new UsageError(`--max-pages: expected a whole number ≥ 1, got "${values['max-pages']}"`);
    const nowFlag = values.now === undefined ? undefined : parseNow(values.now as string);
    const outDir = resolve((values.out as string) ?? 'out');

    // browsers left by a killed audit or worker on this machine go first (browser/registry.ts)
    await reapOnce();
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    const { config } = loaded;
    const store = await openStoreFor(config, values.data as string | undefined);
    const log = createLogger();
    const now = nowFlag ?? (config.asOf ? new Date(config.asOf) : undefined);
    const notifier = serviceNotifier({ config, store, log });
    const jobs = createJobs({ config, store, now, outDir, maxPages, notifier });
    const service = createService({ config, store, log, jobs });

    let stopRequested: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((r) => (stopRequested = r));
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) {
        log.warn({ signal }, 'second stop signal: exiting now');
        process.exit(1);
      }
      log.info({ signal }, 'stop requested');
      stopRequested(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const cleanup = async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      await notifier?.close();
      await store.close();
      await loaded.stopDemo?.();
      // Nothing must keep a stopped service alive (a keep-alive socket, a stray timer).
      if (signals) setTimeout(() => process.exit(0), 1_500).unref();
    };

    if (once) {
      const outcome = service.runJob(once as JobId, 'once');
      const result = await Promise.race([outcome, stopped.then(() => null)]);
      if (result === null) {
        await service.stop(STOP_DEADLINE_MS);
        await cleanup();
        return 0;
      }
      await cleanup();
      if (result.busy) {
        process.stderr.write(`govaudit serve: another audit is running (${String(result.holder ?? 'unknown holder')}); not started\n`);
        return 1;
      }
      return result.ok ? 0 : 1;
    }

    const startedAt = new Date();
    let stopping = false;
    const host = (values.host as string) ?? '127.0.0.1';
    const server = createHttpServer({
      dashboard: await loadDashboard({ config, store, host, now }),
      health: async () => ({
        status: stopping ? 'stopping' : 'ok',
        service: 'govaudit',
        pid: process.pid,
        startedAt: startedAt.toISOString(),
        uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        running: service.running(),
        ...(await collectStatus({ config, store, lastRuns: 1 })),
      }),
    });
    let bound: number;
    try {
      bound = await listen(server, port, host);
    } catch (e) {
      await cleanup();
      throw new UsageError(`--port: cannot listen on ${host}:${port} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    log.info({ host, port: bound, health: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/healthz` }, 'listening');
    const today = localDate(new Date(), config.timezone);
    const perDay = firesOnDay(config.schedule.probes, config.timezone, today);
    if (perDay < config.availability.minProbesPerDay)
      log.warn({ cron: config.schedule.probes, perDay, required: config.availability.minProbesPerDay }, 'schedule.probes fires fewer times a day than the availability rule needs; availability will be "not measured"');
    service.start();
    void service.runJob('audit', 'startup');
    // notifications: the morning digest, calendar and audit warnings, vetoes, and sending (with retries) every minute
    const notifyLoop = notifier ? startNotifyLoop({ config, store, notifier, log }) : null;

    const signal = await stopped;
    stopping = true;
    log.info({ signal }, 'stopping');
    const clean = await service.stop(STOP_DEADLINE_MS);
    await notifyLoop?.stop();
    await closeHttp(server);
    await cleanup();
    log.info({ clean }, 'stopped');
    return 0;
  },
};
