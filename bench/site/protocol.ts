// Messages between the bench and the site's server process, and what the server reports.
import type { SiteHosts } from './model.ts';

export interface SiteOptions {
  pages: number;
  seed?: string;
  latencyMs: number;
  /** Requests in service at once per host; more wait (the server's worker pool). */
  slots: number;
  /** Port of the portal (default: any free one). */
  port?: number;
}

export interface ServerStats {
  requests: number;
  /** Connections opened. */
  connections: number;
  /** Distinct URLs asked, whatever the method. */
  distinctUrls: number;
  /** Successful GET answers whose body was not HTML (images, documents, scripts): bodies a link check does not need. */
  nonHtmlBodies: number;
  /** Distinct method + URL + address family. */
  distinct: number;
  /** Requests beyond the first of the same method, URL and family. */
  duplicateRequests: number;
  /** The first few repeated keys (`METHOD URL FAMILY`) with their counts. */
  duplicates: { key: string; count: number }[];
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  byHost: Record<string, number>;
  /** Body bytes sent. */
  bytes: number;
  hosts: { origin: string; peakInFlight: number; peakConnections: number }[];
}

export type ServerRequest = { type: 'reset'; id: number } | { type: 'stats'; id: number } | { type: 'keys'; id: number; file: string } | { type: 'stop' };

export type ServerReply =
  | { type: 'ready'; hosts: SiteHosts; pages: number; articles: number }
  | { type: 'reset'; id: number }
  | { type: 'keys'; id: number }
  | { type: 'stats'; id: number; stats: ServerStats };
