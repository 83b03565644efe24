// Typed progress events of the crawler (STYLE.md: progress goes out as events; the CLI and the service render them).
import type { FetchErrorCode } from '../contract/fetch-error.ts';

/** A page of a site was fetched (or failed). */
export interface PageEvent {
  type: 'page';
  siteId: string;
  url: string;
  depth: number;
  status: number | null;
  error?: FetchErrorCode;
  timeMs: number;
}

/** A link target (resource or external link) was checked or skipped. */
export interface LinkEvent {
  type: 'link';
  siteId: string;
  url: string;
  internal: boolean;
  method: 'HEAD' | 'GET' | 'CRAWL';
  status: number | null;
  error?: FetchErrorCode;
  skipped?: string;
  /** The answer came from the run's shared cache of external links. */
  cached?: boolean;
}

export interface SiteStartEvent {
  type: 'site-start';
  siteId: string;
  homepage: string;
}

export interface SiteDoneEvent {
  type: 'site-done';
  siteId: string;
  pages: number;
  linkTargets: number;
  requests: number;
  fatal?: string;
}

/** A request is retried after a wait (429, 503, connection reset). */
export interface RetryEvent {
  type: 'retry';
  url: string;
  attempt: number;
  waitMs: number;
  reason: string;
}

/** Something worth a log line that is not a result (robots.txt unreadable, a sitemap too big, …). */
export interface WarningEvent {
  type: 'warning';
  siteId?: string;
  url?: string;
  message: string;
}

export type CrawlEvent = PageEvent | LinkEvent | SiteStartEvent | SiteDoneEvent | RetryEvent | WarningEvent;

/** Calls a listener without letting its failure disturb the crawl. */
export function emit(listener: ((e: CrawlEvent) => void) | undefined, event: CrawlEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // a broken listener must not stop a crawl
  }
}
