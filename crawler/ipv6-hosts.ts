// Hosts the site's pages use besides its own homepage host — embedded resources (images, scripts, styles, frames)
// on any host, outbound links to other sites — with whether each has A and AAAA records.
import pLimit from 'p-limit';
import type { LinkTag, LinkTarget, PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Ipv6UsedHost } from '../contract/artifacts/ipv6.ts';
import { addressesOf } from './ipv6-dns.ts';
import type { Resolver } from './resolver.ts';
import { hostOf, isHttpUrl } from './url.ts';

const RESOURCE_TAGS = new Set<LinkTag>(['img', 'script', 'link', 'iframe', 'frame', 'source', 'embed', 'object']);
/** Hosts looked up at most per site. */
export const MAX_HOSTS = 200;
const MAX_FOUND_ON = 20;
const MAX_EXAMPLES = 5;

interface Usage {
  uses: Set<'resource' | 'outbound'>;
  pages: Set<string>;
  urls: Set<string>;
}

/** Collects used hosts (sorted); `scope` holds the site's own hosts, `homeHost` is left out. */
export function collectHosts(pages: PageArtifact[], homeHost: string, scope: Set<string>): Map<string, Usage> {
  const hosts = new Map<string, Usage>();
  for (const page of pages) {
    for (const link of page.links) {
      if (!isHttpUrl(link.url)) continue;
      const host = hostOf(link.url);
      if (!host || host === homeHost) continue;
      const resource = RESOURCE_TAGS.has(link.tag);
      if (!resource && scope.has(host)) continue;
      let u = hosts.get(host);
      if (!u) hosts.set(host, (u = { uses: new Set(), pages: new Set(), urls: new Set() }));
      u.uses.add(resource ? 'resource' : 'outbound');
      u.pages.add(page.url);
      u.urls.add(link.url);
    }
  }
  return new Map([...hosts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether some link to `host` worked in the crawl: true / false, or null when none was checked. */
function workedInCrawl(urls: Set<string>, targets: Map<string, LinkTarget> | null): boolean | null {
  if (!targets) return null;
  let checked = false;
  for (const url of urls) {
    const t = targets.get(url);
    if (!t || t.skipped) continue;
    checked = true;
    if (!t.error && t.status !== null && t.status < 400) return true;
  }
  return checked ? false : null;
}

/** Looks up the first `MAX_HOSTS` used hosts; hosts whose every checked link failed in the crawl are left out (a broken link, not an IPv6 matter). */
export async function usedHosts(
  usage: Map<string, Usage>,
  resolver: Resolver,
  linkTargets: LinkTarget[] | undefined,
): Promise<{ hosts: Ipv6UsedHost[]; truncated: boolean }> {
  const targets = linkTargets ? new Map(linkTargets.map((t) => [t.url, t])) : null;
  const kept = [...usage].filter(([, u]) => workedInCrawl(u.urls, targets) !== false);
  const limit = pLimit(8);
  const hosts = await Promise.all(
    kept.slice(0, MAX_HOSTS).map(([host, u]) =>
      limit(async (): Promise<Ipv6UsedHost> => {
        const [v4, v6] = await Promise.all([addressesOf(resolver, host, 4), addressesOf(resolver, host, 6)]);
        const error = v4.list.length || v6.list.length ? undefined : (v4.error ?? v6.error);
        const foundOn = [...u.pages].sort();
        return {
          host,
          uses: (['resource', 'outbound'] as const).filter((x) => u.uses.has(x)),
          a: v4.list.length > 0,
          aaaa: v6.list.length > 0,
          ...(error ? { error } : {}),
          foundOn: foundOn.slice(0, MAX_FOUND_ON),
          pages: foundOn.length,
          examples: [...u.urls].sort().slice(0, MAX_EXAMPLES),
        };
      }),
    ),
  );
  return { hosts, truncated: kept.length > MAX_HOSTS };
}
