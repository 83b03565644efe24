// Config section `security` (checks security and service, and their gatherers): the spam and ad-host lists, what
// counts as a government host, the HTTPS probe (port, extra CA bundle, expiry warning), the crawler re-fetch for
// cloaking and the browser confirmation of hidden links. config/schema.ts includes it.
import { z } from 'zod';

const term = z.string().trim().min(1).max(100);
const domain = z
  .string()
  .regex(/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'a host or domain name such as example.org.cn')
  .transform((s) => s.toLowerCase().replace(/^\./, ''));
const port = z.union([z.number().int().min(1).max(65_535), z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().int().min(1).max(65_535))]);

/** A User-Agent a search engine's crawler sends (for the cloaking comparison). */
export const crawlerAgentSchema = z.strictObject({
  name: z.string().min(1).max(50),
  userAgent: z.string().min(1).max(500),
});

export const defaultCrawlerAgents = [
  { name: 'Baiduspider', userAgent: 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)' },
  { name: 'Googlebot', userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
];

export const securityConfigSchema = z.strictObject({
  /** Replaces the shipped spam vocabulary (checks/data/spam-words.ts). */
  spamWords: z.array(term).optional(),
  /** Added to the spam vocabulary. */
  extraSpamWords: z.array(term).default([]),
  /** Distinct spam terms the visible text of an ordinary page must carry (with one strong term) to count as spam. */
  minSpamTerms: z.number().int().min(1).max(50).default(3),
  /** Hosts or domains counted as government besides `.gov.cn`, `conac.cn` and each site's own hosts. */
  governmentDomains: z.array(domain).default([]),
  /** Replaces the shipped ad-network hosts (checks/data/ad-hosts.ts). */
  adHosts: z.array(domain).optional(),
  /** Added to the ad-network hosts. */
  extraAdHosts: z.array(domain).default([]),
  /** Port of the HTTPS probe when the homepage is plain HTTP (the homepage's own port when it is HTTPS). */
  httpsPort: port.default(443),
  /** PEM bundle of extra trusted CAs (an intranet CA), relative to the config file. */
  caFile: z.string().min(1).optional(),
  /** A certificate ending within this many days is `security.tls-expiring`. */
  tlsExpiringDays: z.number().int().min(0).max(365).default(30),
  /** Time limit of the TLS handshake, ms. */
  tlsTimeoutMs: z.number().int().min(100).max(60_000).default(5_000),
  /** Inner pages fetched again as each search-engine crawler besides the homepage (0: the homepage only). */
  cloakingPages: z.number().int().min(0).max(100).default(4),
  /** The crawlers impersonated for the cloaking comparison; an empty list turns the comparison off. */
  crawlerAgents: z.array(crawlerAgentSchema).max(5).default(defaultCrawlerAgents),
  /** Pages opened in the browser to confirm hidden links by computed style (0: never). */
  browserPages: z.number().int().min(0).max(50).default(5),
});

export type SecurityConfig = z.output<typeof securityConfigSchema>;
