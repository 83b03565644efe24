// DNS facts for the IPv6 gatherer: A and AAAA of a host through the crawler's resolver (overrides first), the CNAME
// chain, and whether the zone's authoritative name servers answer over IPv6 — unknown for hosts the config maps.
import { Resolver as DnsResolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Ipv6HostDns, Ipv6NameServer, Ipv6NameServers } from '../contract/artifacts/ipv6.ts';
import type { Resolver } from './resolver.ts';

/** The raw DNS questions asked of real DNS (injected in tests: nothing leaves the machine there). */
export interface DnsOps {
  /** CNAME target of `name`, or null when it has none. */
  cname(name: string): Promise<string | null>;
  /** NS names of `name`; [] when `name` is not a zone apex. Throws when DNS cannot answer. */
  ns(name: string): Promise<string[]>;
  /** Whether the name server at IPv6 address `server` answers a question about `zone` within `timeoutMs`. */
  answersOverIpv6(server: string, zone: string, timeoutMs: number): Promise<boolean>;
}

const NO_DATA = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'NXDOMAIN']);
const MAX_CNAMES = 8;
const MAX_NAME_SERVERS = 4;
const NS_TIMEOUT_MS = 3_000;

/** DnsOps over the system's configured DNS servers (node:dns). */
export function systemDnsOps(timeoutMs = NS_TIMEOUT_MS): DnsOps {
  const dns = new DnsResolver({ timeout: timeoutMs, tries: 1 });
  return {
    async cname(name) {
      try {
        return (await dns.resolveCname(name))[0] ?? null;
      } catch (err) {
        if (NO_DATA.has((err as { code?: string }).code ?? '')) return null;
        throw err;
      }
    },
    async ns(name) {
      try {
        return await dns.resolveNs(name);
      } catch (err) {
        if (NO_DATA.has((err as { code?: string }).code ?? '')) return [];
        throw err;
      }
    },
    async answersOverIpv6(server, zone, ms) {
      const one = new DnsResolver({ timeout: ms, tries: 1 });
      one.setServers([server]);
      try {
        await one.resolveSoa(zone);
        return true;
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        return code === 'ENODATA' || code === 'ENOTFOUND';
      }
    },
  };
}

/** Whether `host` is resolved from the config's `resolve` map (case-insensitive). */
export function isOverridden(host: string, overrides: Record<string, string[]>): boolean {
  const h = host.toLowerCase();
  return Object.keys(overrides).some((k) => k.toLowerCase().replace(/^\[|\]$/g, '') === h);
}

/** Addresses of one family; [] when the host has none of that family; `error` for other failures. */
export async function addressesOf(resolver: Resolver, host: string, family: 4 | 6): Promise<{ list: string[]; error?: string }> {
  try {
    return { list: (await resolver.lookup(host, family)).map((a) => a.address).sort() };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (NO_DATA.has(code)) return { list: [] };
    return { list: [], error: `${code ? `${code}: ` : ''}${(err as Error).message ?? String(err)}` };
  }
}

/** A and AAAA of `host` (and its CNAME chain when real DNS answers for it). */
export async function hostDns(host: string, resolver: Resolver, overrides: Record<string, string[]>, ops: DnsOps): Promise<Ipv6HostDns> {
  const source: Ipv6HostDns['source'] = isIP(host) ? 'literal' : isOverridden(host, overrides) ? 'override' : 'system';
  const [v4, v6] = await Promise.all([addressesOf(resolver, host, 4), addressesOf(resolver, host, 6)]);
  const out: Ipv6HostDns = { host, source, a: v4.list, aaaa: v6.list, cname: source === 'system' ? await cnameChain(host, ops) : [] };
  const error = v4.error ?? v6.error;
  if (error && out.a.length === 0 && out.aaaa.length === 0) out.error = error;
  return out;
}

async function cnameChain(host: string, ops: DnsOps): Promise<string[]> {
  const chain: string[] = [];
  let name = host;
  try {
    for (let i = 0; i < MAX_CNAMES; i++) {
      const next = await ops.cname(name);
      if (!next || chain.includes(next)) break;
      chain.push(next);
      name = next;
    }
  } catch {
    // a CNAME chain is a detail: a failure here leaves it as far as it got
  }
  return chain;
}

/**
 * The authoritative name servers of `host`'s zone (found by walking up its labels) and whether each answers over
 * IPv6. `unknown` when the host is mapped by the config (its DNS is not the real one) or DNS cannot tell.
 */
export async function nameServersIpv6(host: string, resolver: Resolver, overrides: Record<string, string[]>, ops: DnsOps): Promise<Ipv6NameServers> {
  if (isIP(host)) return { status: 'unknown', servers: [], reason: 'the homepage is addressed by IP' };
  if (isOverridden(host, overrides)) return { status: 'unknown', servers: [], reason: 'the host is resolved from the config (resolve), not from its name servers' };
  let zone: string | undefined;
  let names: string[] = [];
  try {
    const labels = host.split('.');
    for (let i = 0; i < labels.length - 1 && !names.length; i++) {
      zone = labels.slice(i).join('.');
      names = await ops.ns(zone);
    }
  } catch (err) {
    return { status: 'unknown', servers: [], reason: `NS lookup failed: ${(err as Error).message ?? String(err)}` };
  }
  if (!names.length || !zone) return { status: 'unknown', servers: [], reason: 'no NS record found' };
  const servers: Ipv6NameServer[] = [];
  for (const name of [...new Set(names.map((n) => n.toLowerCase()))].sort().slice(0, MAX_NAME_SERVERS)) {
    const { list } = await addressesOf(resolver, name, 6);
    let reachable: boolean | null = null;
    for (const address of list.slice(0, 2)) {
      reachable = await ops.answersOverIpv6(address, zone, NS_TIMEOUT_MS).catch(() => false);
      if (reachable) break;
    }
    servers.push({ name, aaaa: list, reachable });
  }
  const status = servers.some((s) => s.reachable) ? 'reachable' : servers.some((s) => s.aaaa.length) ? 'unreachable' : 'no-aaaa';
  return { status, zone, servers };
}
