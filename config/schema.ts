// The district config (DESIGN.md "District config"): zod schema, the one place defaults live.
// Unknown fields are errors (strict objects), so each feature adds its fields here and a line per field to config/descriptions.ts (the generated reference docs/reference/config.md).
import { z } from 'zod';
import { columnSchema } from '../contract/column.ts';
import { attachmentsConfigSchema, freshnessConfigSchema, identityConfigSchema, interpretationsConfigSchema } from './checks/content.ts';
import { accessibilityConfigSchema, siteAccessibilitySchema } from './crawler/accessibility.ts';
import { districtDisclosureSchema, siteDisclosureSchema } from './checks/disclosure.ts';
import { catalogueIdIssues } from './checks/disclosure-catalogue.ts';
import { availabilitySchema, scheduleSchema } from './scheduler/schedule.ts';
import { indicatorOverridesSchema } from './reports/catalogue.ts';
import { bulletinConfigSchema } from './reports/bulletin.ts';
import { confirmationsConfigSchema, waiversConfigSchema } from './reports/review.ts';
import { errorReportRulesSchema } from './checks/error-reports.ts';
import { disclosureRequestRulesSchema } from './checks/disclosure-requests.ts';
import { interactionConfigSchema } from './checks/interaction.ts';
import { securityConfigSchema } from './checks/security.ts';
import { distributedConfigSchema } from './scheduler/distributed.ts';
import { screenshotsConfigSchema } from './screenshots.ts';
import { wordingConfigSchema } from './checks/wording.ts';
import { pathList } from './path-list.ts';
import { notifyConfigSchema, notifyUnitIssues } from './notify.ts';

const hostName = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9.-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'a host name or IP address');

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' });

const ipAddress = z.union([z.ipv4(), z.ipv6()], { error: 'an IPv4 or IPv6 address' });

export const crawlSchema = z.strictObject({
  /** Requests at once per host. */
  concurrencyPerHost: z.number().int().min(1).max(32).default(4),
  /** Pause between two requests to the same host, in ms. */
  delayMs: z.number().int().min(0).max(60_000).default(0),
  connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  headersTimeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  bodyTimeoutMs: z.number().int().min(100).max(600_000).default(20_000),
  /** Bytes of a body read at most (decompressed). */
  maxBodyBytes: z.number().int().min(1024).max(1024 ** 3).default(5 * 1024 * 1024),
  retries: z.number().int().min(0).max(10).default(2),
  /** Longest Retry-After / backoff wait obeyed, in ms; a longer one is reported, not obeyed. */
  maxRetryWaitMs: z.number().int().min(0).max(600_000).default(5_000),
  /**
   * Time a run may spend in all waits for 429/503 answers together (Retry-After or backoff), in ms. A wait that no
   * longer fits is not obeyed: the link is reported as not checked (待复核), never as broken.
   */
  retryWaitBudgetMs: z.number().int().min(0).max(3_600_000).default(60_000),
  maxRedirects: z.number().int().min(0).max(50).default(10),
  maxDepth: z.number().int().min(0).max(100).default(10),
  /** Check links to other hosts (HEAD, then GET). */
  checkExternal: z.boolean().default(true),
  /** External link targets checked at most per site. */
  maxExternalLinks: z.number().int().min(0).max(100_000).default(500),
  userAgent: z.string().min(1).optional(),
  /** Follow links and redirects to private, loopback and link-local addresses (intranet deployments). */
  allowPrivateNetworks: z.boolean().default(false),
  /** Overall deadline of one request (connect, headers and body), in ms; default the sum of the three timeouts. */
  requestTimeoutMs: z.number().int().min(100).max(900_000).optional(),
  /** Distinct query strings crawled per path before further variants count as a crawler trap (calendars). */
  maxQueryVariantsPerPath: z.number().int().min(1).max(10_000).default(20),
  /** Sitemap files read per site (sitemap indexes included). */
  maxSitemaps: z.number().int().min(0).max(1_000).default(10),
  /** Incremental nightly crawls: conditional requests, stored answers, healthy links rechecked on a schedule. */
  incremental: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Days a healthy link target's check is reused; broken and failed ones are checked every night. 0: every night. */
      recheckHealthyAfterDays: z.number().min(0).max(365).default(7),
      /** Days after which a page's stored answer is no longer trusted and the page is fetched in full. */
      refetchAfterDays: z.number().min(1).max(365).default(30),
    })
    .prefault({}),
});

/** IPv6 support thresholds (推进IPv6规模部署行动计划; defaults from ../shared/reference/INDICATORS.md). */
export const ipv6Schema = z.strictObject({
  /** Share of second-level links (same-site pages linked from the homepage) that must work over IPv6. */
  secondLevelMin: z.number().min(0).max(1).default(0.9),
  /** Share of third-level links (linked from those) that must work over IPv6. */
  thirdLevelMin: z.number().min(0).max(1).default(0.85),
  /** Normalised text similarity of the homepage over IPv6 and IPv4 at or above which the content counts as the same. */
  similarityMin: z.number().min(0).max(1).default(0.9),
  /** Links probed over IPv6 per level (the first ones in sorted order). */
  maxLinksPerLevel: z.number().int().min(0).max(10_000).default(50),
});

export const siteSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  name: z.string().min(1),
  unit: z.string().min(1),
  homepage: httpUrl,
  /** Hosts that count as the same site (the homepage's host always does). */
  scope: z.array(hostName).default([]),
  maxPages: z.number().int().min(1).max(1_000_000).optional(),
  columns: z.array(columnSchema).default([]),
  /** 网站标识码: 10 characters. */
  siteCode: z.string().regex(/^[0-9A-Za-z]{10}$/, '10 letters or digits').optional(),
  respectRobots: z.boolean().default(true),
  /** Overrides of the district's `accessibility` settings for this site (maxPages, lighthouse). */
  accessibility: siteAccessibilitySchema.optional(),
  /** Disclosure catalogue: the site's role (which items apply), its own items and removals. */
  disclosure: siteDisclosureSchema.prefault({}),
});

export const districtSchema = z.strictObject({
  /** JSON Schema reference for editors; ignored. */
  $schema: z.string().optional(),
  district: z.string().min(1),
  timezone: z.string().default('Asia/Shanghai').refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai'),
  /** The clock of the demo district: it is audited "as of" this instant unless --now says otherwise. */
  asOf: z.iso.datetime({ offset: true }).optional(),
  /** Contact put in the User-Agent, so a site's administrator can reach the center. */
  contact: z.string().min(1).optional(),
  resolve: z.record(hostName, z.array(ipAddress)).default({}),
  maxPages: z.number().int().min(1).max(1_000_000).default(500),
  crawl: crawlSchema.prefault({}),
  /** Accessibility in a real browser: pages per site, concurrency, axe tags, Lighthouse, elderly-friendly thresholds. */
  accessibility: accessibilityConfigSchema.prefault({}),
  ipv6: ipv6Schema.prefault({}),
  sites: z.array(siteSchema).min(1),
  /** Paths of error-report exports imported on each run (relative to the config file); one path may be a string. */
  errorReports: pathList(),
  /** Paths of disclosure-request exports imported on each run (relative to the config file); one path may be a string. */
  disclosureRequests: pathList(),
  /** The disclosure catalogue (主动公开基本目录): replaces the shipped default when `catalogue` is given; `add`, `remove`. */
  disclosure: districtDisclosureSchema.prefault({}),
  /** Additions to the official holiday calendar (next year's State Council notice before a package update). */
  calendar: z
    .strictObject({
      holidays: z.array(z.iso.date()).default([]),
      workdays: z.array(z.iso.date()).default([]),
    })
    .prefault({}),
  /** Where the store lives: a folder path (SQLite) or a postgres:// URL. */
  store: z.string().min(1).optional(),
  /** Overrides of the indicator catalogue by id: points, perFinding, countBy, codes, severities, triggers, enabled. */
  indicators: indicatorOverridesSchema,
  /** Waived findings (identity, reason, by, until), or the path of a JSON/YAML file listing them. */
  waivers: waiversConfigSchema,
  /** Confirmed review findings (identity, by, note), or the path of a file listing them. */
  confirmations: confirmationsConfigSchema,
  /** The monthly bulletin: rectification deadline in working days, issuer, addressees. */
  bulletin: bulletinConfigSchema.prefault({}),
  /** Problem screenshots beside the scorecards: on/off, per-site cap, size. */
  screenshots: screenshotsConfigSchema.prefault({}),
  /** Cron expressions of the service's jobs (`govaudit serve`), in `timezone`. */
  schedule: scheduleSchema.prefault({}),
  /** Homepage availability probes and their judgement. */
  availability: availabilitySchema.prefault({}),
  /** 三同步: working days an interpretation may follow its policy document; title patterns in and out of scope. */
  interpretations: interpretationsConfigSchema.prefault({}),
  /** Longest time without a new item: the homepage and each column kind. */
  freshness: freshnessConfigSchema.prefault({}),
  /** Identity marks: inner pages sampled besides the homepage. */
  identity: identityConfigSchema.prefault({}),
  /** Attachments read for personal data: count, size and time bounds. */
  attachments: attachmentsConfigSchema.prefault({}),
  /** Days raw page data (pages, link targets, probes) is kept; findings and scores are kept for good. */
  retentionDays: z.number().int().min(8).max(3_650).default(90),
  /** Error reports (我为政府网站找错): deadline in working days (district notice item 21: 2) and the period judged. */
  errorReportRules: errorReportRulesSchema.prefault({}),
  /** Disclosure requests (依申请公开): working days to answer, extension, "due soon" horizon, period judged. */
  disclosureRequestRules: disclosureRequestRulesSchema.prefault({}),
  /** Message boards: unanswered limit in months (national veto: 3), look-back, CSS-selector layouts. */
  interaction: interactionConfigSchema.prefault({}),
  /** Security and service checks: spam and ad-host lists, government domains, HTTPS probe, cloaking re-fetch, browser confirmation. */
  security: securityConfigSchema.prefault({}),
  /** Distributed mode (PostgreSQL store, pg-boss queue): site-job retries, expiry of a vanished worker's job, polling. */
  distributed: distributedConfigSchema.prefault({}),
  /** Wording (严重表述错误、错别字): district leaders and posts, official names, outdated terms, allow list, hits a page. */
  wording: wordingConfigSchema.prefault({}),
  /** Notifications (企业微信, 钉钉, 飞书, email, JSON webhooks): channels, recipients, digest time, quiet hours (docs/notify.md). */
  notify: notifyConfigSchema.prefault({}),
}).superRefine((cfg, ctx) => {
  const seen = new Set<string>();
  cfg.sites.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `duplicate site id "${s.id}"` });
    seen.add(s.id);
  });
  for (const issue of catalogueIdIssues(cfg.disclosure, cfg.sites)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  for (const issue of notifyUnitIssues(cfg.notify, cfg.sites)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  const units = new Set(cfg.sites.map((s) => s.unit));
  for (const unit of Object.keys(cfg.bulletin.rectifyWorkdaysByUnit))
    if (!units.has(unit)) ctx.addIssue({ code: 'custom', path: ['bulletin', 'rectifyWorkdaysByUnit', unit], message: `no site has the unit "${unit}"` });
});

export type DistrictConfigInput = z.input<typeof districtSchema>;
export type DistrictConfig = z.output<typeof districtSchema> & { /** Folder of the config file; relative paths resolve against it. */ baseDir: string; file: string };
export type SiteConfig = z.output<typeof siteSchema>;
export type CrawlConfig = z.output<typeof crawlSchema>;
export type IncrementalConfig = CrawlConfig['incremental'];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
