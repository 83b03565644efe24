// Cloaking: the homepage and a sample of pages as search-engine crawlers are served them, compared with what the
// crawl (an ordinary visitor) got. Spam terms only the crawler is served (a strong one or two; being served only to
// crawlers is the context), a different title, or a redirect to a host outside the government are
// security.spam-content (kind `cloaking`, both versions in evidence). A lighter version with the same title and
// nothing new (fewer blocks, no scripts) is what many sites serve crawlers: not a finding.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Finding } from '../../contract/finding.ts';
import type { CloakingArtifact, CrawlerView } from '../../contract/artifacts/cloaking.ts';
import { indexPages, pageKey } from '../../util/site-pages.ts';
import { strings } from '../security.strings.ts';
import { httpHost } from '../../util/hosts.ts';
import { titlesAgree, type PageView, type SpamRules } from './page-spam.ts';
import { termsIn, type SpamTerm } from './spam.ts';
import { viewOf } from './tampering.ts';

const EXCERPT = 200;

interface Difference {
  agent: string;
  view: CrawlerView;
  newTerms: string[];
  titleDiffers: boolean;
  redirectHost: string | null;
}

export function cloakingFindings(input: { siteId: string; pages: PageArtifact[]; cloaking: CloakingArtifact; rules: SpamRules }): { findings: Finding[]; metrics: Record<string, number> } {
  const { rules } = input;
  const index = indexPages(input.pages);
  const findings: Finding[] = [];
  let compared = 0;
  let notCompared = 0;
  for (const cp of input.cloaking.pages) {
    const normal = index.get(pageKey(cp.url));
    if (!normal?.isHtml || normal.status === null || normal.status >= 300) {
      notCompared += cp.views.length;
      continue;
    }
    const normalView = viewOf(normal);
    const normalTerms = new Set(termsOf(normalView, rules).map((t) => t.term));
    const diffs: Difference[] = [];
    for (const view of cp.views) {
      if (view.error || view.status === null || view.status < 200 || view.status >= 400) {
        notCompared++;
        continue;
      }
      compared++;
      const d = differenceOf(normal, view, normalTerms, rules);
      if (d) diffs.push(d);
    }
    if (!diffs.length) continue;
    const first = diffs[0];
    const what = [
      ...(first.titleDiffers ? [strings.cloakingTitle(normal.title ?? '', first.view.title ?? '')] : []),
      ...(first.newTerms.length ? [strings.cloakingTerms(first.newTerms)] : []),
      ...(first.redirectHost ? [strings.cloakingRedirect(first.redirectHost)] : []),
    ].join('；');
    findings.push({
      check: 'security', code: 'security.spam-content', severity: 'veto', review: true, siteId: input.siteId, url: cp.url,
      message: strings.cloaking(diffs.map((d) => d.agent), what),
      evidence: {
        kind: 'cloaking',
        agents: diffs.map((d) => d.agent),
        terms: [...new Set(diffs.flatMap((d) => d.newTerms))],
        normal: versionOf(normalView, normal.finalUrl),
        crawler: { agent: first.agent, ...versionOf(crawlerView(cp.url, first.view), first.view.finalUrl) },
      },
    });
  }
  return { findings, metrics: { cloakingCompared: compared, cloakingNotCompared: notCompared } };
}

function crawlerView(url: string, v: CrawlerView): PageView {
  return { url, title: v.title, meta: v.meta, text: v.text, links: v.links };
}

/** Spam terms anywhere in a version: title, description, keywords, text and link texts. */
function termsOf(view: PageView, rules: SpamRules): SpamTerm[] {
  const all = [view.title ?? '', view.meta.description ?? '', view.meta.keywords ?? '', view.text, ...view.links.map((l) => l.text ?? '')].join('\n');
  return termsIn(all, rules.vocab);
}

function differenceOf(normal: PageArtifact, view: CrawlerView, normalTerms: Set<string>, rules: SpamRules): Difference | null {
  const added = termsOf(crawlerView(normal.url, view), rules).filter((t) => !normalTerms.has(t.term));
  const newTerms = added.some((t) => !t.weak) || added.length >= 2 ? added.map((t) => t.term) : [];
  const titleDiffers = view.isHtml && !titlesAgree(normal.title, view.title);
  const host = httpHost(view.finalUrl);
  const redirectHost = host && host !== httpHost(normal.finalUrl) && !rules.isGovernmentHost(host) ? host : null;
  return newTerms.length || titleDiffers || redirectHost ? { agent: view.agent, view, newTerms, titleDiffers, redirectHost } : null;
}

function versionOf(view: PageView, finalUrl: string): { title: string | null; description?: string; finalUrl: string; excerpt: string } {
  return {
    title: view.title,
    ...(view.meta.description ? { description: view.meta.description } : {}),
    finalUrl,
    excerpt: view.text.slice(0, EXCERPT),
  };
}
