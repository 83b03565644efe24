// Commercial advertising (security.commercial-ad): anything loaded from or linking to an ad-network host (one finding
// per ad domain, kind `ad-network`), and floating boxes (飘窗, 对联) that point to hosts outside the government or
// say 广告 (kind `floating`). A government 飘窗 leading to its own pages or other government sites is not an ad.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Finding } from '../../contract/finding.ts';
import { strings } from '../security.strings.ts';
import { groupBySignature, MAX_LISTED_PAGES } from './group.ts';
import { adDomainOf, httpHost } from '../../util/hosts.ts';
import type { FloatingBox, MarkupReading } from './markup.ts';

export interface AdsInput {
  siteId: string;
  homepage: string | null;
  pages: PageArtifact[];
  adHosts: string[];
  isGovernmentHost: (host: string) => boolean;
  markupOf: (page: PageArtifact) => MarkupReading | null;
}

export function adFindings(input: AdsInput): { findings: Finding[]; metrics: Record<string, number> } {
  const { siteId, adHosts } = input;
  const byDomain = new Map<string, { pages: Set<string>; resources: Set<string> }>();
  const floating: { url: string; item: { box: FloatingBox; hosts: string[] } }[] = [];
  for (const page of input.pages) {
    if (!page.isHtml) continue;
    for (const l of page.links) {
      const host = httpHost(l.url);
      const domain = host ? adDomainOf(host, adHosts) : null;
      if (!domain) continue;
      const entry = byDomain.get(domain) ?? { pages: new Set(), resources: new Set() };
      entry.pages.add(page.url);
      entry.resources.add(l.url);
      byDomain.set(domain, entry);
    }
    for (const box of input.markupOf(page)?.floating ?? []) {
      const hosts = [...new Set([...box.links.map((l) => l.url), ...box.resources].map(httpHost).filter((h): h is string => h !== null && !input.isGovernmentHost(h)))].sort();
      if (hosts.length || box.text.includes('广告')) floating.push({ url: page.url, item: { box, hosts } });
    }
  }
  const findings: Finding[] = [];
  for (const [domain, e] of [...byDomain].sort(([a], [b]) => a.localeCompare(b))) {
    const pages = [...e.pages].sort((a, b) => (a === input.homepage ? -1 : b === input.homepage ? 1 : a.localeCompare(b)));
    findings.push({
      check: 'security', code: 'security.commercial-ad', severity: 'major', siteId, url: pages[0],
      message: strings.adNetwork(domain, pages.length),
      evidence: { kind: 'ad-network', host: domain, resources: [...e.resources].sort().slice(0, 10), foundOn: pages.slice(0, MAX_LISTED_PAGES), pageCount: pages.length },
    });
  }
  for (const g of groupBySignature(floating, (i) => `${i.box.selector}\n${i.hosts.join('\n')}`, input.homepage)) {
    findings.push({
      check: 'security', code: 'security.commercial-ad', severity: 'major', siteId, url: g.url,
      message: strings.floatingAd(g.item.hosts, g.pages.length),
      evidence: {
        kind: 'floating', element: g.item.box.selector, how: g.item.box.how, hosts: g.item.hosts,
        links: g.item.box.links.slice(0, 10), text: g.item.box.text.slice(0, 200), foundOn: g.pages.slice(0, MAX_LISTED_PAGES), pageCount: g.pages.length,
      },
    });
  }
  return { findings, metrics: { adNetworkHosts: byDomain.size, floatingAdPages: floating.length } };
}
