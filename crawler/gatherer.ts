// The gatherer contract: what a gatherer is given (GatherContext) and what it implements (Gatherer). Gatherers import
// their type from here, never from the registry (gatherers.ts), so the registry and its members form no circle.
import type { ArtifactMap, ArtifactName, SiteArtifactsOf } from '../contract/artifacts.ts';
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import type { CrawlEvent } from './events.ts';
import type { ExternalLinkCache } from './crawl.ts';
import type { Fetcher } from './fetcher.ts';
import type { IncrementalCache } from './incremental.ts';
import type { Resolver } from './resolver.ts';

/** The artifacts gathered for one site, with its config. */
export type SiteArtifacts = SiteArtifactsOf<SiteConfig>;

export interface GatherContext {
  site: SiteConfig;
  config: DistrictConfig;
  now: Date;
  fetcher: Fetcher;
  resolver: Resolver;
  store: Store;
  /** Every artifact name some enabled check requires. */
  needed: Set<ArtifactName>;
  /** Cap from --max-pages, if any. */
  maxPages?: number;
  /**
   * Saves pages of this site's run as they are crawled. Given, and no check or later gatherer needs the pages
   * themselves, the crawl streams them here instead of holding them (`artifacts.pages` stays unset).
   */
  savePages?: (pages: PageArtifact[]) => Promise<void>;
  externalCache: ExternalLinkCache;
  /** Opens this site's cache of earlier nights (crawler/incremental.ts); absent when incremental crawls are off. */
  openIncremental?: () => Promise<IncrementalCache>;
  /** Shared per-run resources gatherers may lazily create (e.g. a browser pool); closed at the end of the run. */
  shared: RunResources;
  onEvent?: (e: CrawlEvent) => void;
  signal?: AbortSignal;
}

/** Per-run resources created on first use and disposed of when the run ends. */
export interface RunResources {
  get<T>(key: string, create: () => Promise<T> | T, dispose?: (value: T) => Promise<void> | void): Promise<T>;
  closeAll(): Promise<void>;
}

export interface Gatherer {
  id: string;
  /** Artifact keys it produces. */
  produces: (keyof ArtifactMap)[];
  /** Runs after these gatherers (by id). */
  after?: string[];
  /**
   * Adds its artifacts to `artifacts`. When it cannot measure (no browser, …) it sets
   * `artifacts.unavailable[key] = reason` and leaves the key undefined. Throwing does the same with the error message.
   */
  gather(ctx: GatherContext, artifacts: SiteArtifacts): Promise<void>;
}
