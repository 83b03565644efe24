// Structured JSON logs (pino), one object a line, with the run and site ids as fields; and the mapping from
// audit progress events to log lines. Logs are in English and never carry page text.
import pino, { type DestinationStream, type Logger } from 'pino';
import type { AuditEvent } from './audit.ts';

export type { Logger } from 'pino';

/** A JSON logger writing synchronously (a line logged before a crash is on disk), ISO times, level names. */
export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? process.env.GOVAUDIT_LOG_LEVEL ?? 'info',
      base: { service: 'govaudit', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Turns audit events into log lines on a logger already carrying the run id. */
export function logAuditEvent(log: Logger, e: AuditEvent): void {
  switch (e.type) {
    case 'run-start':
      log.info({ sites: e.sites }, 'audit started');
      break;
    case 'site-start':
      log.info({ siteId: e.siteId, homepage: e.homepage }, 'site started');
      break;
    case 'site-done':
      log.info({ siteId: e.siteId, pages: e.pages, linkTargets: e.linkTargets, requests: e.requests, ...(e.fatal ? { fatal: e.fatal } : {}) }, 'site crawled');
      break;
    case 'site-scored':
      if (e.error && !e.verdict) log.warn({ siteId: e.siteId, error: e.error }, 'site failed');
      else log.info({ siteId: e.siteId, score: e.score, verdict: e.verdict, findings: e.findings, pages: e.pages, links: e.links, ...(e.error ? { error: e.error } : {}) }, 'site scored');
      break;
    case 'run-done':
      log.info({ outDir: e.outDir }, 'audit finished');
      break;
    case 'page':
      log.debug({ siteId: e.siteId, url: e.url, status: e.status, error: e.error, timeMs: Math.round(e.timeMs) }, 'page');
      break;
    case 'link':
      log.trace({ siteId: e.siteId, url: e.url, status: e.status, error: e.error, skipped: e.skipped }, 'link');
      break;
    case 'retry':
      log.debug({ url: e.url, attempt: e.attempt, waitMs: e.waitMs, reason: e.reason }, 'retry');
      break;
    case 'warning':
      log.warn({ siteId: e.siteId, url: e.url }, e.message);
      break;
    default:
      break;
  }
}
