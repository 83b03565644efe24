// The crawler's honest User-Agent: product, version and how to reach the center that runs it.
import type { DistrictConfig } from '../config/schema.ts';

/** Token matched against robots.txt `User-agent:` groups. */
export const ROBOTS_TOKEN = 'govaudit';
export const CRAWLER_VERSION = '0.1';

/** `crawl.userAgent` when configured, else `govaudit/0.1 (+<contact>)`. */
export function buildUserAgent(config: Pick<DistrictConfig, 'contact' | 'crawl'>): string {
  if (config.crawl.userAgent) return config.crawl.userAgent;
  const base = `${ROBOTS_TOKEN}/${CRAWLER_VERSION}`;
  const contact = config.contact?.replace(/[\r\n()]/g, ' ').trim();
  return contact ? `${base} (+${contact})` : base;
}
