// Gatherers: everything that does I/O for a site and turns it into artifacts (Lighthouse's gather phase).
// Each gatherer owns artifact keys; it runs only when some enabled check needs one of them. This is the registry;
// the Gatherer type its members implement lives in gatherer.ts.
import type { GatherContext, Gatherer, RunResources, SiteArtifacts } from './gatherer.ts';
import { crawlGatherer } from './gather-crawl.ts';
import { ipv6Gatherer } from './gather-ipv6.ts';
import { attachmentsGatherer } from './gather-attachments.ts';
import { renderedListsGatherer } from './gather-rendered-lists.ts';
import { probesGatherer } from './gather-probes.ts';
import { recordsGatherer } from './gather-records.ts';
import { browserGatherer } from './gather-browser.ts';
import { tlsGatherer } from './gather-tls.ts';
import { cloakingGatherer } from './gather-cloaking.ts';
import { linkVisibilityGatherer } from './gather-link-visibility.ts';
import { searchGatherer } from './gather-search.ts';
import { documentMetaGatherer } from './gather-document-meta.ts';
import { listPagesGatherer } from './gather-list-pages.ts';

/** All gatherers in run order. Adding one adds a line here. */
export const allGatherers: Gatherer[] = [crawlGatherer, documentMetaGatherer, listPagesGatherer, ipv6Gatherer, attachmentsGatherer, renderedListsGatherer, probesGatherer, recordsGatherer, browserGatherer, tlsGatherer, cloakingGatherer, linkVisibilityGatherer, searchGatherer];

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
