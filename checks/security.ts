// Security (国办秘函〔2019〕19号 veto 4 and the 安全防护 deductions; 泉鲤政办〔2018〕77号 item 27): tampering —
// spam content, tampered titles, hidden links, cloaking — marked for review (a person confirms; a confirmation in
// the config's `confirmations` makes it count for veto.security); transport — HTTPS offered and enforced, a valid
// certificate not about to expire, no mixed content; commercial ads. Rules in checks/security/*.ts.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Check } from './types.ts';
import { adHosts as shippedAdHosts } from './data/ad-hosts.ts';
import { publicHosts } from '../util/public-hosts.ts';
import { findHomepage, indexPages, isHealthyHtml } from '../util/site-pages.ts';
import { adFindings } from './security/ads.ts';
import { cloakingFindings } from './security/cloaking.ts';
import { governmentHostTest } from '../util/hosts.ts';
import { readMarkup, type MarkupReading } from './security/markup.ts';
import type { SpamRules } from './security/page-spam.ts';
import { vocabularyFor } from './security/spam.ts';
import { tamperingFindings } from './security/tampering.ts';
import { transportFindings } from './security/transport.ts';
import { strings } from './security.strings.ts';
import { pageCoverage } from './lib/page-coverage.ts';

export const security: Check = {
  id: 'security',
  title: strings.title,
  requires: ['pages', 'crawl', 'text', 'html', 'tls', 'cloaking', 'linkVisibility'],
  run(artifacts, ctx) {
    const pages = artifacts.pages!;
    const crawl = artifacts.crawl!;
    const cfg = ctx.config.security;
    const home = findHomepage(pages, crawl, indexPages(pages));
    if (!home || !isHealthyHtml(home)) return { findings: [], notMeasured: strings.noHomepage(crawl.fatal ?? home?.errorMessage ?? String(home?.status ?? '未抓取')) };
    const isGovernmentHost = governmentHostTest(artifacts.site, [...publicHosts, ...cfg.governmentDomains]);
    const rules: SpamRules = { vocab: vocabularyFor(cfg), isGovernmentHost, minTerms: cfg.minSpamTerms };
    const cache = new Map<PageArtifact, MarkupReading | null>();
    const markupOf = (p: PageArtifact) => {
      if (!cache.has(p)) cache.set(p, p.html && isHealthyHtml(p) ? readMarkup(p.html, p.finalUrl) : null);
      return cache.get(p)!;
    };
    const siteId = artifacts.site.id;
    const tampering = tamperingFindings({ siteId, homepage: home.url, pages, rules, linkVisibility: artifacts.linkVisibility, markupOf });
    const cloaking = cloakingFindings({ siteId, pages, cloaking: artifacts.cloaking!, rules });
    const transport = transportFindings({
      siteId, homepage: home.url, tls: artifacts.tls!, pages, now: ctx.now, expiringDays: cfg.tlsExpiringDays, timezone: ctx.timezone,
    });
    const ads = adFindings({ siteId, homepage: home.url, pages, adHosts: [...(cfg.adHosts ?? shippedAdHosts), ...cfg.extraAdHosts], isGovernmentHost, markupOf });
    const warnings = [
      ...(artifacts.tls!.caFileError ? [strings.caFileUnreadable(artifacts.tls!.caFileError)] : []),
    ];
    return {
      findings: [...tampering.findings, ...cloaking.findings, ...transport.findings, ...ads.findings],
      coverage: pageCoverage(pages, new Set(pages.filter(isHealthyHtml).map((p) => p.finalUrl)).size),
      metrics: {
        pagesScanned: pages.filter(isHealthyHtml).length,
        ...tampering.metrics,
        ...cloaking.metrics,
        ...(artifacts.cloaking!.skipped ? { cloakingSkipped: artifacts.cloaking!.skipped } : {}),
        browserConfirmation: artifacts.linkVisibility!.unavailable ?? `${artifacts.linkVisibility!.pages.length} pages`,
        ...transport.metrics,
        ...ads.metrics,
      },
      ...(warnings.length ? { warnings } : {}),
    };
  },
};
