// Which IP addresses the crawler refuses to connect to unless private networks are allowed (SSRF guard). IPv6 is
// parsed to its groups, so no spelling of an IPv4-mapped, NAT64 or 6to4 address hides a private IPv4 address.
import { isIP } from 'node:net';
import type { DistrictConfig } from '../config/schema.ts';

const blockedV4: [number, number][] = [
  [0x00000000, 8], // "this" network
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function isBlockedV4(ip: string): boolean {
  const n = v4ToInt(ip);
  return blockedV4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** The eight 16-bit groups of an IPv6 address (any spelling: `::`, a trailing dotted IPv4), or null. */
function v6Groups(ip: string): number[] | null {
  let text = ip;
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (isIP(dotted[2]) !== 4) return null;
    const n = v4ToInt(dotted[2]);
    text = `${dotted[1]}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? fill : 0).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function isBlockedV6(ip: string): boolean {
  const g = v6Groups(ip.toLowerCase().replace(/^\[|\]$/g, '').split('%')[0]);
  if (!g) return true;
  const embeddedV4 = () => `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(6) && g[6] === 0 && g[7] <= 1) return true; // :: and ::1
  if (zeroUpTo(5) && g[5] === 0xffff) return isBlockedV4(embeddedV4()); // IPv4-mapped ::ffff:a.b.c.d
  if (zeroUpTo(6)) return isBlockedV4(embeddedV4()); // IPv4-compatible ::a.b.c.d (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isBlockedV4(embeddedV4()); // NAT64
  if (g[0] === 0x2002) return isBlockedV4(`${g[1] >> 8}.${g[1] & 0xff}.${g[2] >> 8}.${g[2] & 0xff}`); // 6to4
  return (
    (g[0] & 0xfe00) === 0xfc00 || // unique local
    (g[0] & 0xffc0) === 0xfe80 || // link-local
    (g[0] & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (g[0] & 0xff00) === 0xff00 || // multicast
    (g[0] === 0x2001 && g[1] === 0x0db8) || // documentation
    (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) // discard
  );
}

/** True for loopback, private, link-local, multicast and other non-public addresses (IPv4 or IPv6). */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const kind = isIP(bare);
  if (kind === 4) return isBlockedV4(bare);
  if (kind === 6) return isBlockedV6(bare);
  return false;
}

/**
 * Hosts whose non-public addresses are allowed: those the config's `resolve` names, and each site's homepage host
 * and `scope` hosts (the district chose to audit them; an intranet site may live on a private address).
 */
export function trustedHosts(config: Pick<DistrictConfig, 'resolve' | 'sites'>): Set<string> {
  const hosts = new Set(Object.keys(config.resolve).map(bareHost));
  for (const site of config.sites) {
    try {
      hosts.add(bareHost(new URL(site.homepage).hostname));
    } catch {
      // the schema already refused a bad homepage
    }
    for (const h of site.scope) hosts.add(bareHost(h));
  }
  return hosts;
}

/**
 * The one rule for where govaudit may connect, used by the crawler and by the browser's request guard: `host`
 * (a name or an IP literal) may be reached at `address` when private networks are allowed, when the district
 * configured the host, or when the address is public.
 */
export function createAddressRule(config: Pick<DistrictConfig, 'crawl' | 'resolve' | 'sites'>): (host: string, address: string) => boolean {
  if (config.crawl.allowPrivateNetworks) return () => true;
  const trusted = trustedHosts(config);
  return (host, address) => trusted.has(bareHost(host)) || !isNonPublicAddress(address);
}

function bareHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '');
}
