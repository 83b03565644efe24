// Broken links: every checked link target that failed (status ≥ 400, network error), timed out, looped or is a
// soft 404 — the one place "broken" is decided, from the facts the crawler recorded (status, error, redirects,
// soft-404 signals weighed by util/soft404.ts). The finding's url is the target; the pages it appears on are in
// evidence.foundOn, whether one is the homepage in evidence.onHomepage (the indicators select by it; severity is
// gravity only). A server asking us to come back later (429, 503 with Retry-After, not retried within the run's
// budget) and a target not fetched (private address, non-http scheme) are not checked: shown for review, never
// broken.
import type { Finding } from '../contract/finding.ts';
import type { CappedBody, LinkTarget, RateLimit } from '../contract/artifacts/crawl.ts';
import { soft404Verdict } from '../util/soft404.ts';
import type { Check } from './types.ts';
import { strings } from './links.strings.ts';

/** Where the link sits on the first page that carries it (recorded by the crawler): text, heading, region, CSS path. */
function whereOnPage(t: LinkTarget): Record<string, string> {
  const loc = t.locations?.find((l) => l.page === t.foundOn[0]) ?? t.locations?.[0];
  if (!loc) return {};
  return {
    ...(loc.text ? { linkText: loc.text } : {}),
    ...(loc.heading ? { nearHeading: loc.heading } : {}),
    ...(loc.region ? { region: loc.region } : {}),
    cssPath: loc.path,
    ...(loc.page !== t.foundOn[0] ? { locatedOn: loc.page } : {}),
  };
}

export const links: Check = {
  id: 'links',
  title: strings.title,
  requires: ['linkTargets', 'crawl'],
  run(artifacts) {
    const targets = artifacts.linkTargets!;
    const findings: Finding[] = [];
    let checked = 0;
    let broken = 0;
    let notFetched = 0;
    let rateLimited = 0;
    for (const t of targets) {
      const refused = notFetchedMessage(t);
      if (refused) {
        notFetched++;
        findings.push({
          check: 'links',
          code: 'link.not-fetched',
          severity: 'info',
          review: true,
          siteId: artifacts.site.id,
          url: t.url,
          message: refused,
          evidence: {
            error: t.error,
            ...(t.errorMessage ? { detail: t.errorMessage } : {}),
            ...(t.finalUrl && t.finalUrl !== t.url ? { finalUrl: t.finalUrl } : {}),
            internal: t.internal,
            onHomepage: t.onHomepage,
            foundOn: t.foundOn,
            tags: t.tags,
          },
        });
        continue;
      }
      if (t.skipped) continue;
      if (t.rateLimited) {
        rateLimited++;
        findings.push({
          check: 'links',
          code: 'link.not-checked',
          severity: 'info',
          review: true,
          siteId: artifacts.site.id,
          url: t.url,
          message: strings.notChecked(t.rateLimited.status, rateLimitReason(t.rateLimited)),
          evidence: {
            status: t.rateLimited.status,
            ...(t.rateLimited.retryAfterMs !== null ? { retryAfterSeconds: Math.round(t.rateLimited.retryAfterMs / 1000) } : {}),
            notCheckedBecause: t.rateLimited.why,
            internal: t.internal,
            onHomepage: t.onHomepage,
            foundOn: t.foundOn,
            tags: t.tags,
          },
        });
        continue;
      }
      checked++;
      const f = judgeTarget(t);
      if (!f) continue;
      broken++;
      findings.push({
        check: 'links',
        code: f.code,
        // a link that does not work is the same defect wherever it sits; where it sits (evidence.onHomepage) weighs
        // in the indicators, not here
        severity: 'minor',
        siteId: artifacts.site.id,
        url: t.url,
        message: f.message,
        evidence: {
          ...(t.status !== null ? { status: t.status } : {}),
          ...(t.error ? { error: t.error } : {}),
          ...(t.errorMessage ? { detail: t.errorMessage } : {}),
          ...(f.soft404Reason ? { soft404Reason: f.soft404Reason } : {}),
          ...(t.finalUrl && t.finalUrl !== t.url ? { finalUrl: t.finalUrl } : {}),
          internal: t.internal,
          onHomepage: t.onHomepage,
          foundOn: t.foundOn,
          tags: t.tags,
          ...whereOnPage(t),
        },
      });
    }
    const crawl = artifacts.crawl!;
    // pages and files read only in part (larger than the cap, or a compression bomb): not fully checked, and a defect
    // of the site for the unit to fix
    const capped = crawl.capped ?? [];
    for (const c of capped) findings.push(tooLarge(c, artifacts.site.id));
    // No link at all (the homepage unread, or a page without one): the homepage counts as one unjudged candidate.
    const candidates = Math.max(1, targets.length);
    const coverage = { candidates, judged: checked, ...(checked < candidates ? { reason: targets.length ? strings.someNotChecked(candidates - checked) : strings.noLinks } : {}) };
    return {
      findings,
      coverage,
      metrics: {
        pagesCrawled: crawl.pagesCrawled,
        crawlTruncated: crawl.truncated,
        linksChecked: checked,
        linksSkipped: targets.length - checked,
        broken,
        brokenOnHomepage: findings.filter((f) => f.evidence.onHomepage && !f.review).length,
        notFetched,
        rateLimited,
        capped: capped.length,
        ...(capped.length ? { cappedPages: capped.map(({ url, bytesRead, cap, setting, why }) => ({ url, bytesRead, cap, setting, why })) } : {}),
        requests: crawl.requests,
      },
    };
  },
};

/**
 * Targets the crawler refused to fetch: a private, loopback or link-local address (blocked-address), or a scheme
 * other than http(s) (a link to `ftp:`/`file:`, or a redirect to `file:`/`javascript:`/`data:`). Not broken as far
 * as we know, not scored: shown for a person to confirm, since the public cannot open them either.
 */
function notFetchedMessage(t: LinkTarget): string | null {
  const via = t.finalUrl && t.finalUrl !== t.url ? t.finalUrl : null;
  if (t.error === 'blocked-address') return strings.notFetchedAddress(hostOfUrl(via ?? t.url), via);
  if (t.error === 'unsupported-scheme') return strings.notFetchedScheme(schemeOfUrl(via ?? t.url), via);
  return null;
}

function hostOfUrl(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 100);
  }
}

function schemeOfUrl(url: string): string {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase() ?? '?';
}

/**
 * Whether a checked target is broken, and how: the one rule. Targets not fetched on purpose (robots, a blocked
 * address, another scheme) and rate-limited ones are not judged here (see above): they are not broken.
 */
export function judgeTarget(t: LinkTarget): { code: string; message: string; soft404Reason?: string } | null {
  if (t.skipped || t.rateLimited) return null;
  if (t.error === 'timeout') return { code: 'link.timeout', message: strings.timeout };
  if (t.error === 'redirect-loop' || t.error === 'too-many-redirects') return { code: 'link.redirect-loop', message: strings.redirectLoop };
  if (t.error === 'robots' || t.error === 'blocked-address' || t.error === 'unsupported-scheme') return null;
  if (t.error) return { code: 'link.broken', message: strings.broken(strings.errors[t.error] ?? t.error) };
  if (t.status !== null && t.status >= 400) return { code: 'link.broken', message: strings.broken(`HTTP ${t.status}`) };
  const soft = soft404Verdict(t.soft404Signals);
  if (soft) return { code: 'link.soft-404', message: strings.soft404, soft404Reason: soft };
  return null;
}

/** The target answered a page that is really "not found" (a soft 404): other checks leave such pages out. */
export function isSoft404(t: Pick<LinkTarget, 'soft404Signals'>): boolean {
  return soft404Verdict(t.soft404Signals) !== null;
}

function tooLarge(c: CappedBody, siteId: string): Finding {
  return {
    check: 'links',
    code: 'link.too-large',
    severity: 'minor',
    siteId,
    url: c.url,
    message: c.why === 'compression-bomb' ? strings.compressionBomb(c.cap, c.setting) : c.setting === 'attachments.maxBytes' ? strings.attachmentTooLarge(c.cap) : strings.tooLarge(c.cap),
    evidence: {
      bytesRead: c.bytesRead,
      cap: c.cap,
      capSetting: c.setting,
      cappedBecause: c.why,
      ...(c.compressedBytes !== undefined ? { compressedBytes: c.compressedBytes } : {}),
      ...(c.encoding ? { encoding: c.encoding } : {}),
      foundOn: c.foundOn ?? [],
    },
  };
}

function rateLimitReason(r: RateLimit): string {
  const wait = r.retryAfterMs !== null ? strings.waitAsked(r.retryAfterMs) : '';
  if (r.why === 'wait-over-cap') return strings.overCap(wait);
  if (r.why === 'budget-spent') return strings.budgetSpent(wait);
  return strings.retriesSpent(wait);
}
