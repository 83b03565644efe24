// What the browser may request, by the crawler's own rule (crawl.allowPrivateNetworks): a page under audit is
// untrusted, and its images, scripts, frames and redirects must not reach loopback, private or link-local
// addresses (the intranet, a cloud metadata service) from the audit machine unless the host is one the district
// configured (a site's homepage or scope, or the `resolve` map). A name is judged by what our resolver answers for
// it; a name that does not resolve is left to Chromium, which fails it anyway.
import { isIP } from 'node:net';
import type { DistrictConfig } from '../../config/schema.ts';
import { createAddressRule } from '../addresses.ts';
import type { Resolver } from '../resolver.ts';

/** Resolves true when the browser may fetch `url`. */
export type RequestGuard = (url: string) => Promise<boolean>;

/** The guard for a district, or null when private networks are allowed (then nothing is intercepted). */
export function requestGuardFor(config: Pick<DistrictConfig, 'crawl' | 'resolve' | 'sites'>, resolver: Resolver): RequestGuard | null {
  if (config.crawl.allowPrivateNetworks) return null;
  const mayConnect = createAddressRule(config);
  return async (url) => {
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:' && parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return true;
      host = parsed.hostname.replace(/^\[|\]$/g, '');
    } catch {
      return true;
    }
    if (isIP(host)) return mayConnect(host, host);
    try {
      const addresses = await resolver.lookup(host);
      return addresses.some((a) => mayConnect(host, a.address));
    } catch {
      return true;
    }
  };
}
