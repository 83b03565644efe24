// DNS facts of the IPv6 gatherer: A/AAAA through the crawler's resolver, CNAME chains and the name servers'
// IPv6 reachability from real DNS (here a fake DnsOps and resolver: nothing leaves the machine).
import { describe, expect, it } from 'vitest';
import { hostDns, nameServersIpv6, type DnsOps } from '../../crawler/ipv6-dns.ts';
import { createResolver, notFoundError, type ResolvedAddress, type Resolver } from '../../crawler/resolver.ts';

/** A resolver answering from a table (what getaddrinfo would give after following CNAMEs). */
function tableResolver(table: Record<string, string[] | Error>): Resolver {
  return {
    async lookup(host, family) {
      const entry = table[host];
      if (entry instanceof Error) throw entry;
      const all: ResolvedAddress[] = (entry ?? []).map((a) => ({ address: a, family: a.includes(':') ? 6 : 4 }));
      const out = family ? all.filter((a) => a.family === family) : all;
      if (!out.length) throw notFoundError(host, family);
      return out;
    },
  };
}

function fakeDns(opts: { cnames?: Record<string, string>; ns?: Record<string, string[] | Error>; answering?: string[] }): DnsOps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    cname: async (n) => (asked.push(`cname ${n}`), opts.cnames?.[n] ?? null),
    ns: async (n) => {
      asked.push(`ns ${n}`);
      const v = opts.ns?.[n];
      if (v instanceof Error) throw v;
      return v ?? [];
    },
    answersOverIpv6: async (server, zone) => (asked.push(`ask ${server} ${zone}`), (opts.answering ?? []).includes(server)),
  };
}

describe('hostDns', () => {
  it('reports A, AAAA and the CNAME chain of a host resolved by real DNS', async () => {
    const resolver = tableResolver({ 'www.x.gov.cn': ['203.0.113.5', '2001:db8::5'] });
    const dns = fakeDns({ cnames: { 'www.x.gov.cn': 'x.cdn.example.net', 'x.cdn.example.net': 'edge.example.net' } });
    expect(await hostDns('www.x.gov.cn', resolver, {}, dns)).toEqual({
      host: 'www.x.gov.cn', source: 'system', a: ['203.0.113.5'], aaaa: ['2001:db8::5'], cname: ['x.cdn.example.net', 'edge.example.net'],
    });
  });

  it('answers `resolve`-mapped hosts from the config only, without asking DNS', async () => {
    const dns = fakeDns({});
    const resolver = createResolver({ 'WWW.X.gov.cn': ['127.0.0.1'] });
    expect(await hostDns('www.x.gov.cn', resolver, { 'WWW.X.gov.cn': ['127.0.0.1'] }, dns)).toEqual({ host: 'www.x.gov.cn', source: 'override', a: ['127.0.0.1'], aaaa: [], cname: [] });
    expect(dns.asked).toEqual([]);
  });

  it('tells "no address" from a failing lookup', async () => {
    const servfail = Object.assign(new Error('queryA ESERVFAIL www.x.gov.cn'), { code: 'ESERVFAIL' });
    const out = await hostDns('www.x.gov.cn', tableResolver({ 'www.x.gov.cn': servfail }), {}, fakeDns({}));
    expect(out).toMatchObject({ a: [], aaaa: [], error: 'ESERVFAIL: queryA ESERVFAIL www.x.gov.cn' });
    expect(await hostDns('gone.x.gov.cn', tableResolver({}), {}, fakeDns({}))).not.toHaveProperty('error');
  });
});

describe('nameServersIpv6', () => {
  const resolver = tableResolver({ 'ns1.x.gov.cn': ['203.0.113.53', '2001:db8::53'], 'ns2.x.gov.cn': ['203.0.113.54', '2001:db8::54'], 'ns.v4only.cn': ['198.51.100.1'] });

  it('walks up to the zone apex and asks each name server over IPv6', async () => {
    const dns = fakeDns({ ns: { 'x.gov.cn': ['NS2.x.gov.cn', 'ns1.x.gov.cn'] }, answering: ['2001:db8::54'] });
    const out = await nameServersIpv6('www.x.gov.cn', resolver, {}, dns);
    expect(out).toEqual({
      status: 'reachable',
      zone: 'x.gov.cn',
      servers: [
        { name: 'ns1.x.gov.cn', aaaa: ['2001:db8::53'], reachable: false },
        { name: 'ns2.x.gov.cn', aaaa: ['2001:db8::54'], reachable: true },
      ],
    });
    expect(dns.asked.slice(0, 2)).toEqual(['ns www.x.gov.cn', 'ns x.gov.cn']);
  });

  it('says unreachable when servers have AAAA but none answers, no-aaaa when none has one', async () => {
    expect((await nameServersIpv6('www.x.gov.cn', resolver, {}, fakeDns({ ns: { 'x.gov.cn': ['ns1.x.gov.cn'] } }))).status).toBe('unreachable');
    const v4 = await nameServersIpv6('www.x.gov.cn', resolver, {}, fakeDns({ ns: { 'x.gov.cn': ['ns.v4only.cn'] } }));
    expect(v4).toMatchObject({ status: 'no-aaaa', servers: [{ name: 'ns.v4only.cn', aaaa: [], reachable: null }] });
  });

  it('is unknown for hosts mapped by the config, IP literals and when DNS fails', async () => {
    const dns = fakeDns({ ns: { 'www.x.gov.cn': new Error('timeout') } });
    expect((await nameServersIpv6('www.x.gov.cn', resolver, { 'www.x.gov.cn': ['::1'] }, dns)).status).toBe('unknown');
    expect((await nameServersIpv6('2001:db8::1', resolver, {}, dns)).status).toBe('unknown');
    expect(dns.asked).toEqual([]);
    expect(await nameServersIpv6('www.x.gov.cn', resolver, {}, dns)).toMatchObject({ status: 'unknown', reason: 'NS lookup failed: timeout' });
  });
});
