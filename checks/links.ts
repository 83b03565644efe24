// Broken links: every checked link target that failed (status ≥ 400, network error), timed out, looped or is a
// soft 404. The finding's url is the target; the pages it appears on are in evidence.foundOn.
import type { Finding } from './finding.ts';
import type { LinkTarget } from './artifacts.ts';
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
    for (const t of targets) {
      if (t.skipped) continue;
      checked++;
      const f = judge(t);
      if (!f) continue;
      broken++;
      findings.push({
        check: 'links',
        code: f.code,
        severity: t.onHomepage ? 'major' : 'minor',
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
        brokenOnHomepage: findings.filter((f) => f.evidence.onHomepage).length,
        requests: crawl.requests,
      },
    };
  },
};

function judge(t: LinkTarget): { code: string; message: string } | null {
  if (t.error === 'timeout') return { code: 'link.timeout', message: strings.timeout };
  if (t.error === 'redirect-loop' || t.error === 'too-many-redirects') return { code: 'link.redirect-loop', message: strings.redirectLoop };
  if (t.error === 'robots' || t.error === 'blocked-address' || t.error === 'unsupported-scheme') return null;
  if (t.error) return { code: 'link.broken', message: strings.broken(strings.errors[t.error] ?? t.error) };
  if (t.status !== null && t.status >= 400) return { code: 'link.broken', message: strings.broken(`HTTP ${t.status}`) };
  if (t.soft404) return { code: 'link.soft-404', message: strings.soft404 };
  return null;
}
