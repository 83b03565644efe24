// Which hosts belong to the government (the site itself, its scope, `.gov.cn`, the 党政机关 badge's conac.cn and
// configured domains), and which are ad-network hosts. A host matches a domain when equal to it or a subdomain of it.

/** Domains always counted as government: `.gov.cn` hosts and the 党政机关网站标识 service. */
export const builtInGovernmentDomains = ['gov.cn', 'conac.cn'];

/** Lower-case host of an http(s) URL, or null. */
export function httpHost(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Is `host` `domain` itself or one of its subdomains? */
export function inDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** A predicate telling government hosts from the rest, for one site. */
export function governmentHostTest(site: { homepage: string; scope: string[] }, extraDomains: string[]): (host: string) => boolean {
  const own = new Set([httpHost(site.homepage), ...site.scope.map((h) => h.toLowerCase().replace(/^\[|\]$/g, ''))].filter((h): h is string => Boolean(h)));
  const domains = [...builtInGovernmentDomains, ...extraDomains];
  return (host) => own.has(host) || domains.some((d) => inDomain(host, d));
}

/** The ad-network domain a host belongs to, or null. */
export function adDomainOf(host: string, adHosts: string[]): string | null {
  return adHosts.find((d) => inDomain(host, d)) ?? null;
}
