// Broken links: every checked link target that failed (status ≥ 400, network error), timed out, looped or is a
// soft 404. The finding's url is the target; the pages it appears on are in evidence.foundOn. A 429 (the server
// refused us, not the public) and a target not fetched (private address, non-http scheme) are for review only.
import type { Finding } from '../contract/finding.ts';
import type { LinkTarget } from '../contract/artifacts/crawl.ts';
import type { Check } from './types.ts';
import { strings } from './links.strings.ts';

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
      checked++;
      const f = judge(t);
      if (!f) continue;
      if (!f.review) broken++;
      findings.push({
        check: 'links',
        code: f.code,
        severity: t.onHomepage ? 'major' : 'minor',
        ...(f.review ? { review: true as const } : {}),
        siteId: artifacts.site.id,
        url: t.url,
        message: f.message,
        evidence: {
          ...(t.status !== null ? { status: t.status } : {}),
          ...(t.error ? { error: t.error } : {}),
          ...(t.errorMessage ? { detail: t.errorMessage } : {}),
          ...(t.soft404Reason ? { soft404Reason: t.soft404Reason } : {}),
          ...(t.finalUrl && t.finalUrl !== t.url ? { finalUrl: t.finalUrl } : {}),
          internal: t.internal,
          onHomepage: t.onHomepage,
          foundOn: t.foundOn,
          tags: t.tags,
        },
      });
    }
    const crawl = artifacts.crawl!;
    return {
      findings,
      metrics: {
        pagesCrawled: crawl.pagesCrawled,
        crawlTruncated: crawl.truncated,
        linksChecked: checked,
        linksSkipped: targets.length - checked,
        broken,
        brokenOnHomepage: findings.filter((f) => f.evidence.onHomepage && !f.review).length,
        notFetched,
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

function judge(t: LinkTarget): { code: string; message: string; review?: boolean } | null {
  if (t.status === 429) return { code: 'link.broken', message: strings.rateLimited, review: true };
  if (t.error === 'timeout') return { code: 'link.timeout', message: strings.timeout };
  if (t.error === 'redirect-loop' || t.error === 'too-many-redirects') return { code: 'link.redirect-loop', message: strings.redirectLoop };
  if (t.error === 'robots' || t.error === 'blocked-address' || t.error === 'unsupported-scheme') return null;
  if (t.error) return { code: 'link.broken', message: strings.broken(strings.errors[t.error] ?? t.error) };
  if (t.status !== null && t.status >= 400) return { code: 'link.broken', message: strings.broken(`HTTP ${t.status}`) };
  if (t.soft404) return { code: 'link.soft-404', message: strings.soft404 };
  return null;
}
