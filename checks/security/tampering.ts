// Tampering on the crawled pages: spam content (security.spam-content, kind `page`), tampered titles
// (security.tampered-title) and hidden links to hosts outside the government (security.hidden-link), confirmed or
// refuted by the browser's computed style when it looked. All marked for review: a person confirms tampering.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Finding } from '../../contract/finding.ts';
import type { LinkVisibilityArtifact, RenderedPage } from '../../contract/artifacts/link-visibility.ts';
import { pageKey } from '../../util/site-pages.ts';
import { strings } from '../security.strings.ts';
import { groupBySignature, MAX_LISTED_PAGES } from './group.ts';
import { httpHost } from '../../util/hosts.ts';
import type { HiddenGroup, MarkupLink, MarkupReading } from './markup.ts';
import { spamSignals, titleTampering, type PageView, type SpamRules, type SpamSignal } from './page-spam.ts';

export interface TamperingInput {
  siteId: string;
  homepage: string | null;
  pages: PageArtifact[];
  rules: SpamRules;
  linkVisibility: LinkVisibilityArtifact | undefined;
  /** The page's raw-HTML reading (shared with the ad rules), null without HTML. */
  markupOf: (page: PageArtifact) => MarkupReading | null;
}

/** Browser verdict on a page's hidden links. */
export type BrowserVerdict = 'confirmed' | 'visible' | 'not-checked';

interface HiddenLinkItem {
  groups: HiddenGroup[];
  links: MarkupLink[];
  browser: BrowserVerdict;
}

/** A PageArtifact as the spam rules read it, with the hidden elements of its raw HTML. */
export function viewOf(page: PageArtifact, hidden?: HiddenGroup[]): PageView {
  return { url: page.url, title: page.title, meta: page.meta, text: page.text ?? '', links: page.links, ...(hidden ? { hidden } : {}) };
}

export function tamperingFindings(input: TamperingInput): { findings: Finding[]; metrics: Record<string, number> } {
  const { siteId, rules } = input;
  const base = { check: 'security', severity: 'veto' as const, review: true as const, siteId };
  const spam: { url: string; item: SpamSignal[] }[] = [];
  const hiddenLinks: { url: string; item: HiddenLinkItem }[] = [];
  const findings: Finding[] = [];
  let refuted = 0;
  const rendered = renderedIndex(input.linkVisibility);

  for (const page of input.pages) {
    if (!page.isHtml || page.status === null || page.status < 200 || page.status >= 300) continue;
    const markup = input.markupOf(page);
    const view = viewOf(page, markup?.hidden);
    const tampered = titleTampering(view, rules.vocab);
    if (tampered) {
      findings.push({
        ...base, code: 'security.tampered-title', url: page.url,
        message: strings.tamperedTitle(tampered.title, tampered.articleTitle),
        evidence: { title: tampered.title, articleTitle: tampered.articleTitle, terms: tampered.terms },
      });
    }
    const signals = spamSignals(view, rules).filter((s) => !(tampered && s.where === 'title'));
    if (signals.length) spam.push({ url: page.url, item: signals });

    const outside = (markup?.hidden ?? []).filter((g) => g.links.some((l) => isOutside(l.url, rules)));
    if (outside.length) {
      const links = uniqueLinks(outside.flatMap((g) => g.links.filter((l) => isOutside(l.url, rules))));
      const browser = verdict(rendered.get(pageKey(page.finalUrl)) ?? rendered.get(pageKey(page.url)), links);
      if (browser === 'visible') refuted++;
      else hiddenLinks.push({ url: page.url, item: { groups: outside, links, browser } });
    }
  }

  for (const g of groupBySignature(spam, signature, input.homepage)) {
    const where = [...new Set(g.item.map((s) => s.where))];
    const terms = [...new Set(g.item.flatMap((s) => s.terms))];
    const links = [...new Set(g.item.flatMap((s) => (s.link ? [s.link] : [])))];
    findings.push({
      ...base, code: 'security.spam-content', url: g.url,
      message: strings.spamContent(where, terms, g.pages.length),
      evidence: {
        kind: 'page', where, terms, excerpts: g.item.slice(0, 5).map((s) => s.excerpt),
        ...(links.length ? { links } : {}), pages: g.pages.slice(0, MAX_LISTED_PAGES), pageCount: g.pages.length,
      },
    });
  }
  for (const g of groupBySignature(hiddenLinks, (i) => i.links.map((l) => l.url).sort().join('\n'), input.homepage)) {
    const hosts = [...new Set(g.item.links.map((l) => httpHost(l.url)!))].sort();
    findings.push({
      ...base, code: 'security.hidden-link', url: g.url,
      message: strings.hiddenLink(hosts, g.pages.length),
      evidence: {
        hosts, links: g.item.links.slice(0, 20), element: g.item.groups[0].selector, hiddenBy: [...new Set(g.item.groups.map((x) => x.how))],
        browser: g.item.browser, pages: g.pages.slice(0, MAX_LISTED_PAGES), pageCount: g.pages.length,
      },
    });
  }
  return { findings, metrics: { spamPages: spam.length, hiddenLinkPages: hiddenLinks.length, hiddenLinksRefutedByBrowser: refuted } };
}

function isOutside(url: string, rules: SpamRules): boolean {
  const host = httpHost(url);
  return host !== null && !rules.isGovernmentHost(host);
}

function uniqueLinks(links: MarkupLink[]): MarkupLink[] {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.url) && seen.add(l.url)).sort((a, b) => a.url.localeCompare(b.url));
}

function signature(signals: SpamSignal[]): string {
  return JSON.stringify(signals.map((s) => [s.where, [...s.terms].sort(), s.link ?? '']).sort());
}

function renderedIndex(artifact: LinkVisibilityArtifact | undefined): Map<string, RenderedPage> {
  const map = new Map<string, RenderedPage>();
  for (const p of artifact?.pages ?? []) if (!p.error) map.set(pageKey(p.url), p);
  return map;
}

/** `confirmed` when the browser found one of the links hidden; `visible` when it found them all shown. */
function verdict(page: RenderedPage | undefined, links: MarkupLink[]): BrowserVerdict {
  if (!page) return 'not-checked';
  const seen = links.map((l) => page.links.filter((r) => r.url === l.url));
  if (seen.some((list) => list.some((r) => r.hidden))) return 'confirmed';
  if (seen.every((list) => list.length > 0)) return 'visible';
  return 'not-checked';
}
