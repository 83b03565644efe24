// What the browser may request, by the crawler's own rule (crawl.allowPrivateNetworks): a page under audit is
// untrusted, and its images, scripts, frames and redirects must not reach loopback, private or link-local
// addresses (the intranet, a cloud metadata service) from the audit machine unless the host is one the district
// configured (a site's homepage or scope, or the `resolve` map). A name is judged by what our resolver answers for
// it; a name that does not resolve is left to Chromium, which fails it anyway. The same rule, judged on the address
// actually connected to, drives the guard proxy every tab goes through (connectRuleFor, browser/guard-proxy.ts).
import { isIP } from 'node:net';
import type { ConnectRule } from '../../browser/guard-proxy.ts';
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

/**
 * The same rule for the browser's guard proxy, judged on the address actually connected to: the first address our
 * resolver gives for `host` that the crawler may reach, or null (refused, or no address). Null when private networks
 * are allowed (then Chromium connects itself).
 */
export function connectRuleFor(config: Pick<DistrictConfig, 'crawl' | 'resolve' | 'sites'>, resolver: Resolver): ConnectRule | null {
  if (config.crawl.allowPrivateNetworks) return null;
  const mayConnect = createAddressRule(config);
  return async (host) => {
    if (isIP(host)) return mayConnect(host, host) ? host : null;
    try {
      const addresses = await resolver.lookup(host);
      return addresses.find((a) => mayConnect(host, a.address))?.address ?? null;
    } catch {
      return null;
    }
  };
}
