// Every URL a site references, with where it was found and what became of it; becomes the LinkTarget list.
import type { LinkTag, LinkTarget } from '../checks/artifacts.ts';

/** How a target is treated: crawled as a page, checked as a resource or external link, or not fetchable. */
export type TargetKind = 'page' | 'resource' | 'external' | 'other';

export type TargetOutcome = Pick<LinkTarget, 'method' | 'status' | 'error' | 'errorMessage' | 'finalUrl' | 'redirects' | 'soft404' | 'soft404Reason' | 'skipped'>;

export interface TargetEntry {
  url: string;
  internal: boolean;
  kind: TargetKind;
  foundOn: Set<string>;
  tags: Set<LinkTag>;
  onHomepage: boolean;
  outcome?: TargetOutcome;
}

export interface LinkIndex {
  /** Records a reference to `url` (found on page `from`, null for a seed). A page reference upgrades a resource. */
  add(url: string, kind: TargetKind, internal: boolean, ref: { tag?: LinkTag; from?: string; onHomepage?: boolean }): TargetEntry;
  get(url: string): TargetEntry | undefined;
  entries(): IterableIterator<TargetEntry>;
  readonly size: number;
  /** The LinkTarget list, sorted by URL, foundOn sorted. Entries without an outcome are left out. */
  toTargets(): LinkTarget[];
}

export function createLinkIndex(): LinkIndex {
  const map = new Map<string, TargetEntry>();
  return {
    add(url, kind, internal, ref) {
      let e = map.get(url);
      if (!e) {
        e = { url, internal, kind, foundOn: new Set(), tags: new Set(), onHomepage: false };
        map.set(url, e);
      } else if (kind === 'page' && e.kind === 'resource') e.kind = 'page';
      if (ref.from) e.foundOn.add(ref.from);
      if (ref.tag) e.tags.add(ref.tag);
      if (ref.onHomepage) e.onHomepage = true;
      return e;
    },
    get: (url) => map.get(url),
    entries: () => map.values(),
    get size() {
      return map.size;
    },
    toTargets() {
      const out: LinkTarget[] = [];
      for (const e of map.values()) {
        if (!e.outcome) continue;
        const t: LinkTarget = {
          url: e.url,
          internal: e.internal,
          method: e.outcome.method,
          status: e.outcome.status,
          redirects: e.outcome.redirects,
          foundOn: [...e.foundOn].sort(),
          onHomepage: e.onHomepage,
          tags: [...e.tags].sort(),
        };
        const o = e.outcome;
        if (o.error) t.error = o.error;
        if (o.errorMessage) t.errorMessage = o.errorMessage;
        if (o.finalUrl !== undefined) t.finalUrl = o.finalUrl;
        if (o.soft404) t.soft404 = true;
        if (o.soft404Reason) t.soft404Reason = o.soft404Reason;
        if (o.skipped) t.skipped = o.skipped;
        out.push(t);
      }
      return out.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    },
  };
}
