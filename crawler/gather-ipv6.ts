// The IPv6 gatherer (runs after the crawl): DNS of the site's hosts and its name servers, the homepage over IPv4
// and over IPv6 with the family pinned, the second- and third-level pages over IPv6, and the hosts of resources and
// outbound links. Same fetcher and politeness budget as the crawl; it measures, the ipv6 check judges.
import type { Ipv6Artifact, Ipv6Level } from '../contract/artifacts/ipv6.ts';
import { hostDns, nameServersIpv6, systemDnsOps, type DnsOps } from './ipv6-dns.ts';
import { probeHomepage } from './ipv6-homepage.ts';
import { collectHosts, usedHosts } from './ipv6-hosts.ts';
import { levelCandidates, probeLevel } from './ipv6-levels.ts';
import type { Gatherer } from './gatherer.ts';
import { hostOf, normalizeUrl } from './url.ts';

/** Errors that say this machine cannot send IPv6 at all: nothing about the site can be concluded. */
const LOCAL_NO_IPV6 = /ENETUNREACH|EADDRNOTAVAIL|EAFNOSUPPORT/;

export interface Ipv6GathererOptions {
  /** Real-DNS questions (CNAME, NS, name servers over IPv6); default the system's DNS. */
  dnsOps?: DnsOps;
}

/** Builds the gatherer; tests inject `dnsOps` so no query leaves the machine. */
export function createIpv6Gatherer(opts: Ipv6GathererOptions = {}): Gatherer {
  return {
    id: 'ipv6',
    produces: ['ipv6'],
    after: ['crawl'],
    async gather(ctx, artifacts) {
      const ops = opts.dnsOps ?? systemDnsOps();
      const { fetcher, resolver, config, site, signal } = ctx;
      const homepage = normalizeUrl(site.homepage) ?? site.homepage;
      const host = hostOf(homepage) ?? '';
      const scope = [...new Set([host, ...site.scope.map((h) => h.toLowerCase().replace(/^\[|\]$/g, ''))])];
      const dns = await Promise.all(scope.map((h) => hostDns(h, resolver, config.resolve, ops)));
      const nameServers = await nameServersIpv6(host, resolver, config.resolve, ops);
      const home = dns[0];

      const ipv4 = home.a.length ? await probeHomepage(fetcher, homepage, 4, signal) : null;
      const ipv6 = home.aaaa.length ? await probeHomepage(fetcher, homepage, 6, signal) : null;
      if (ipv6?.errorMessage && LOCAL_NO_IPV6.test(ipv6.errorMessage)) {
        throw new Error(`this machine cannot reach IPv6 addresses (${ipv6.errorMessage}); IPv6 support was not measured`);
      }

      const pages = artifacts.pages;
      const skipped = !home.aaaa.length
        ? 'no AAAA record'
        : ipv6?.status === null
          ? 'homepage not reachable over IPv6'
          : !pages
            ? `no crawl (${artifacts.unavailable.pages ?? 'the crawl did not run'})`
            : undefined;
      const candidates = pages ? levelCandidates(pages) : { second: [], third: [] };
      const max = config.ipv6.maxLinksPerLevel;
      const levels: Ipv6Level[] = skipped
        ? [
            { level: 2, candidates: candidates.second.length, probed: [], skipped },
            { level: 3, candidates: candidates.third.length, probed: [], skipped },
          ]
        : [await probeLevel(fetcher, 2, candidates.second, max, signal), await probeLevel(fetcher, 3, candidates.third, max, signal)];

      const used = pages ? await usedHosts(collectHosts(pages, host, new Set(scope)), resolver, artifacts.linkTargets) : { hosts: [], truncated: false };
      const artifact: Ipv6Artifact = { homepage, host, dns, nameServers, ipv4, ipv6, levels, hosts: used.hosts };
      if (used.truncated) artifact.hostsTruncated = true;
      if (artifacts.crawl?.truncated) artifact.crawlTruncated = true;
      artifacts.ipv6 = artifact;
    },
  };
}

export const ipv6Gatherer: Gatherer = createIpv6Gatherer();
