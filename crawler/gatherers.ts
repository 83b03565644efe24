// Gatherers: everything that does I/O for a site and turns it into artifacts (Lighthouse's gather phase).
// Each gatherer owns artifact keys; it runs only when some enabled check needs one of them.
import type { ArtifactMap, ArtifactName, PageArtifact, SiteArtifacts } from '../checks/artifacts.ts';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import type { CrawlEvent } from './events.ts';
import type { ExternalLinkCache } from './crawl.ts';
import type { Fetcher } from './fetcher.ts';
import type { Resolver } from './resolver.ts';
import { crawlGatherer } from './gather-crawl.ts';
import { ipv6Gatherer } from './gather-ipv6.ts';
import { attachmentsGatherer } from './gather-attachments.ts';
import { renderedListsGatherer } from './gather-rendered-lists.ts';
import { probesGatherer } from './gather-probes.ts';
import { errorReportsGatherer } from './gather-records.ts';
import { disclosureRequestsGatherer } from './gather-disclosure-requests.ts';
import { browserGatherer } from './gather-browser.ts';
import { tlsGatherer } from './gather-tls.ts';
import { cloakingGatherer } from './gather-cloaking.ts';
import { linkVisibilityGatherer } from './gather-link-visibility.ts';
import { searchGatherer } from './gather-search.ts';

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

/** All gatherers in run order. Adding one adds a line here. */
export const allGatherers: Gatherer[] = [crawlGatherer, ipv6Gatherer, attachmentsGatherer, renderedListsGatherer, probesGatherer, errorReportsGatherer, disclosureRequestsGatherer, browserGatherer, tlsGatherer, cloakingGatherer, linkVisibilityGatherer, searchGatherer];

export function createRunResources(): RunResources {
  const items = new Map<string, { value: Promise<unknown>; dispose?: (v: unknown) => Promise<void> | void }>();
  return {
    async get<T>(key: string, create: () => Promise<T> | T, dispose?: (value: T) => Promise<void> | void): Promise<T> {
      let item = items.get(key);
      if (!item) {
        item = { value: Promise.resolve().then(create), dispose: dispose as (v: unknown) => Promise<void> | void };
        items.set(key, item);
      }
      return item.value as Promise<T>;
    },
    async closeAll() {
      for (const [key, item] of [...items].reverse()) {
        items.delete(key);
        try {
          const v = await item.value;
          await item.dispose?.(v);
        } catch {
          /* a resource that failed to open has nothing to close */
        }
      }
    },
  };
}

/** Runs the gatherers a site needs; one failing gatherer marks its artifacts unavailable and the rest go on. */
export async function gatherSite(ctx: GatherContext, gatherers: Gatherer[] = allGatherers): Promise<SiteArtifacts> {
  const artifacts: SiteArtifacts = { site: ctx.site, unavailable: {} };
  for (const g of gatherers) {
    if (!g.produces.some((k) => ctx.needed.has(k))) continue;
    if (ctx.signal?.aborted) break;
    try {
      await g.gather(ctx, artifacts);
    } catch (e) {
      const reason = `${g.id}: ${(e as Error)?.message ?? String(e)}`;
      for (const k of g.produces) if (artifacts[k] === undefined) artifacts.unavailable[k] = reason;
    }
  }
  return artifacts;
}
