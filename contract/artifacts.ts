// The artifacts: what gatherers (crawler/) produce and checks (checks/) read. Plain data, no methods.
// Each gatherer owns one key of ArtifactMap; a check names the keys it needs in `requires`. This folder (contract/)
// is the leaf every layer shares: it imports nothing of the project.
import type { CrawlSummary, LinkTarget, PageArtifact } from './artifacts/crawl.ts';
import type { AttachmentText } from './artifacts/attachments.ts';
import type { RenderedListsArtifact } from './artifacts/rendered-lists.ts';
import type { AccessibilityArtifact } from './artifacts/accessibility.ts';
import type { ProbesArtifact } from './artifacts/probes.ts';
import type { Ipv6Artifact } from './artifacts/ipv6.ts';
import type { RecordsArtifact } from './records/index.ts';
import type { TlsArtifact } from './artifacts/tls.ts';
import type { CloakingArtifact } from './artifacts/cloaking.ts';
import type { LinkVisibilityArtifact } from './artifacts/link-visibility.ts';
import type { SearchArtifact } from './artifacts/search.ts';
import type { DocumentMetaArtifact } from './document-meta.ts';
import type { ListPagesArtifact } from './artifacts/list-pages.ts';

/**
 * Everything gathered for one site. A gatherer that could not run leaves its key undefined and
 * writes the reason to `SiteArtifacts.unavailable`, so the check reports "not measured".
 */
export interface ArtifactMap {
  pages: PageArtifact[];
  linkTargets: LinkTarget[];
  crawl: CrawlSummary;
  /** Text of linked attachments (PDF, DOCX, XLSX) for the privacy check (crawler/gather-attachments.ts). */
  attachments: AttachmentText[];
  /** Column lists filled in by script, rendered in the browser (crawler/gather-rendered-lists.ts). */
  renderedLists: RenderedListsArtifact;
  /** axe-core, Lighthouse and elderly-friendly probes in a real browser (crawler/gather-browser.ts). */
  accessibility: AccessibilityArtifact;
  /** Homepage availability probes of the judged window, from the store (crawler/gather-probes.ts). */
  probes: ProbesArtifact;
  /** IPv6 support measurements (crawler/gather-ipv6.ts). */
  ipv6: Ipv6Artifact;
  /**
   * The site's imported records with a statutory deadline (error reports 我为政府网站找错, disclosure requests 依申请公开),
   * by record kind, from the store (crawler/gather-records.ts).
   */
  records: RecordsArtifact;
  /** HTTPS offered, certificate chain, HTTP→HTTPS redirect (crawler/gather-tls.ts). */
  tls: TlsArtifact;
  /** Homepage and sampled pages as search-engine crawlers are served them (crawler/gather-cloaking.ts). */
  cloaking: CloakingArtifact;
  /** Link visibility by computed style on pages whose raw HTML hides links (crawler/gather-link-visibility.ts). */
  linkVisibility: LinkVisibilityArtifact;
  /** The site-search form and one search for a recent article (crawler/gather-search.ts). */
  search: SearchArtifact;
  /** Each page's title, 文号, 索引号, dates, issuer and topic read from its HTML (crawler/gather-document-meta.ts). */
  documentMeta: DocumentMetaArtifact;
  /** Further pages of script-paginated column lists (crawler/gather-list-pages.ts). */
  listPages: ListPagesArtifact;
}

export type ArtifactName = keyof ArtifactMap | 'text' | 'html';

/**
 * The artifacts of one site with the site's config. `Site` is the config's site entry (config/schema.ts `SiteConfig`);
 * it is a parameter so the contract imports no layer: checks/types.ts and crawler/gatherer.ts bind it as `SiteArtifacts`.
 */
export interface SiteArtifactsOf<Site> extends Partial<ArtifactMap> {
  site: Site;
  unavailable: Partial<Record<ArtifactName, string>>;
}
