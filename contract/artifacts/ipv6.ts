// The `ipv6` artifact: what the IPv6 gatherer measured for one site (DNS, the homepage over each address family,
// link levels over IPv6, hosts of resources and outbound links). Plain data; the ipv6 check judges it.
import type { FetchErrorCode } from '../fetch-error.ts';

/** A and AAAA answers of one host, as the crawler's resolver gives them. */
export interface Ipv6HostDns {
  host: string;
  /** `override`: from the config's `resolve`; `system`: system DNS; `literal`: the host is an IP address. */
  source: 'override' | 'system' | 'literal';
  a: string[];
  aaaa: string[];
  /** CNAME chain followed from `host` (system DNS only; empty when none or not determinable). */
  cname: string[];
  /** A lookup failure other than "no address of that family" (SERVFAIL, timeout…). */
  error?: string;
}

/** One name server of the zone and whether it answered a query sent over IPv6. */
export interface Ipv6NameServer {
  name: string;
  aaaa: string[];
  /** null: not tried (no AAAA). */
  reachable: boolean | null;
}

/** The authoritative name servers' IPv6 reachability. */
export interface Ipv6NameServers {
  /** `unknown`: cannot be determined (host mapped by `resolve`, or the NS lookup failed). */
  status: 'unknown' | 'reachable' | 'unreachable' | 'no-aaaa';
  zone?: string;
  servers: Ipv6NameServer[];
  reason?: string;
}

/** The homepage fetched with the address family pinned (no fallback to the other family). */
export interface Ipv6HomepageProbe {
  family: 4 | 6;
  url: string;
  finalUrl: string;
  status: number | null;
  error?: FetchErrorCode;
  errorMessage?: string;
  timeMs: number;
  /** Address connected to. */
  address?: string;
  /** TLS outcome for https (null for http, or when no connection was made). */
  tls: 'ok' | 'failed' | null;
  title: string | null;
  /** Visible text, whitespace-collapsed, capped (see `textCap`). */
  text: string | null;
}

/** One same-site page of a link level fetched over IPv6. */
export interface Ipv6LinkProbe {
  url: string;
  /** Status of the ordinary (either-family) crawl fetch. */
  crawlStatus: number | null;
  status: number | null;
  error?: FetchErrorCode;
  errorMessage?: string;
  finalUrl: string;
  timeMs: number;
}

/** A link level: pages at one crawl depth that worked in the crawl, and the first `maxLinksPerLevel` of them (sorted) probed over IPv6. */
export interface Ipv6Level {
  /** 2 = linked from the homepage (crawl depth 1); 3 = linked from those (depth 2). */
  level: 2 | 3;
  /** Pages of that depth that worked in the crawl. */
  candidates: number;
  probed: Ipv6LinkProbe[];
  /** Why the level was not probed (no crawl, homepage not reachable over IPv6). */
  skipped?: string;
}

/** A host that embedded resources or outbound links of the site use. */
export interface Ipv6UsedHost {
  host: string;
  /** How the site uses it: embedded resources (img, script, css, frames…) and/or outbound links. */
  uses: ('resource' | 'outbound')[];
  a: boolean;
  aaaa: boolean;
  /** A lookup failure other than "no address". */
  error?: string;
  /** Pages using it (sorted, at most 20), and how many in all. */
  foundOn: string[];
  pages: number;
  /** A few URLs on it (sorted, at most 5). */
  examples: string[];
}

export interface Ipv6Artifact {
  homepage: string;
  /** The homepage's host. */
  host: string;
  /** The homepage host first, then the site's other scope hosts. */
  dns: Ipv6HostDns[];
  nameServers: Ipv6NameServers;
  /** Null when not tried (the host has no address of that family). */
  ipv4: Ipv6HomepageProbe | null;
  ipv6: Ipv6HomepageProbe | null;
  levels: Ipv6Level[];
  hosts: Ipv6UsedHost[];
  /** More hosts were used than were looked up. */
  hostsTruncated?: boolean;
  /** The crawl was cut at maxPages, so levels may be incomplete. */
  crawlTruncated?: boolean;
}

/** Characters of page text kept per homepage probe. */
export const textCap = 50_000;
