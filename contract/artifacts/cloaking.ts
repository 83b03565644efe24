// The cloaking artifact (gathered by crawler/gather-cloaking.ts): the homepage and a deterministic sample of pages
// fetched again with search-engine crawlers' User-Agents, reduced to what the comparison needs.
import type { LinkRef } from './crawl.ts';

/** One page as one crawler was served it. */
export interface CrawlerView {
  /** Crawler name, e.g. `Baiduspider`. */
  agent: string;
  status: number | null;
  finalUrl: string;
  error?: string;
  isHtml: boolean;
  title: string | null;
  /** Meta tags as the crawl keeps them (articletitle, description, keywords, …). */
  meta: Record<string, string>;
  /** Visible text, capped. */
  text: string;
  /** Links with anchor text and the raw-HTML hidden flag (capped). */
  links: LinkRef[];
}

export interface CloakingPage {
  /** The page's URL as the crawl has it (its artifact in `pages` is the normal view). */
  url: string;
  views: CrawlerView[];
}

export interface CloakingArtifact {
  /** Crawler names used. */
  agents: string[];
  pages: CloakingPage[];
  /** Not compared at all: why (no crawl, turned off). */
  skipped?: string;
}
