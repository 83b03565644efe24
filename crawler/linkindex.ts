// Every URL a site references, with where it was found and what became of it; becomes the LinkTarget list.
// Compact for large crawls: each target is one small object, and "found on" is kept as runs of integer target
// ids per source page (4 bytes a reference) instead of a Set of strings per target; the sorted `foundOn` lists
// are built only when the LinkTarget list is asked for.
import type { LinkTag, LinkTarget } from '../contract/artifacts/crawl.ts';

/** How a target is treated: crawled as a page, checked as a resource or external link, or not fetchable. */
export type TargetKind = 'page' | 'resource' | 'external' | 'other';

export type TargetOutcome = Pick<LinkTarget, 'method' | 'status' | 'error' | 'errorMessage' | 'finalUrl' | 'redirects' | 'soft404Signals' | 'rateLimited' | 'skipped'>;

export interface TargetEntry {
  /** Dense number of the target in its index (0, 1, 2, …). */
  readonly id: number;
  url: string;
  internal: boolean;
  kind: TargetKind;
  onHomepage: boolean;
  outcome?: TargetOutcome;
}

export interface LinkIndex {
  /** Records a reference to `url` (found on page `from`, none for a seed). A page reference upgrades a resource. */
  add(url: string, kind: TargetKind, internal: boolean, ref: { tag?: LinkTag; from?: string; onHomepage?: boolean }): TargetEntry;
  get(url: string): TargetEntry | undefined;
  entries(): IterableIterator<TargetEntry>;
  readonly size: number;
  /**
   * The LinkTarget list, sorted by URL, foundOn sorted. Entries without an outcome are left out. With
   * `foundOnWhen`, targets whose outcome it refuses get an empty foundOn (a very large crawl lists where a link
   * was found only for the links that failed).
   */
  toTargets(opts?: { foundOnWhen?: (o: TargetOutcome) => boolean }): LinkTarget[];
}

const TAGS: LinkTag[] = ['a', 'area', 'img', 'script', 'link', 'iframe', 'frame', 'source', 'embed', 'object', 'meta-refresh', 'redirect', 'form'];
const TAG_BIT = new Map<LinkTag, number>(TAGS.map((t, i) => [t, 1 << i]));
const CHUNK = 1 << 16;

/** Plain successes (no redirect, no error) are the bulk of a large site: one shared object per method and status. */
const plainOutcomes = new Map<string, TargetOutcome>();

function compactOutcome(url: string, o: TargetOutcome | undefined): TargetOutcome | undefined {
  if (o?.redirects !== 0 || o.finalUrl !== url || Object.keys(o).length !== 4) return o;
  const key = `${o.method} ${o.status}`;
  let shared = plainOutcomes.get(key);
  if (!shared) {
    shared = Object.freeze({ method: o.method, status: o.status, redirects: 0 });
    plainOutcomes.set(key, shared);
  }
  return shared;
}

class Entry implements TargetEntry {
  onHomepage = false;
  tagBits = 0;
  /** Source id of the last reference, so a page's repeated links count once. */
  lastFrom = -1;
  private settled: TargetOutcome | undefined = undefined;
  constructor(
    readonly id: number,
    public url: string,
    public internal: boolean,
    public kind: TargetKind,
  ) {}
  get outcome(): TargetOutcome | undefined {
    return this.settled;
  }
  set outcome(o: TargetOutcome | undefined) {
    this.settled = compactOutcome(this.url, o);
  }
}

/** A growable list of 32-bit integers in fixed chunks (no doubling, no copying). */
class IntList {
  private chunks: Int32Array[] = [];
  length = 0;
  push(v: number): void {
    const c = this.length >>> 16;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[c][this.length & (CHUNK - 1)] = v;
    this.length++;
  }
  at(i: number): number {
    return this.chunks[i >>> 16][i & (CHUNK - 1)];
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createLinkIndex(): LinkIndex {
  const map = new Map<string, Entry>();
  const byId: Entry[] = [];
  const sources: string[] = [];
  const sourceIds = new Map<string, number>();
  /** Runs of references: runSource[k] found the targets refs[runStart[k] … runStart[k+1]). */
  const runSource = new IntList();
  const runStart = new IntList();
  const refs = new IntList();
  let currentSource = -1;

  const sourceId = (from: string): number => {
    let id = sourceIds.get(from);
    if (id === undefined) {
      id = sources.length;
      sources.push(from);
      sourceIds.set(from, id);
    }
    return id;
  };

  /** For each target, the source ids that reference it (unsorted), as one flat array with offsets. */
  const invert = (): { offsets: Int32Array; list: Int32Array } => {
    const counts = new Int32Array(byId.length + 1);
    for (let i = 0; i < refs.length; i++) counts[refs.at(i) + 1]++;
    for (let t = 0; t < byId.length; t++) counts[t + 1] += counts[t];
    const offsets = counts.slice();
    const fill = counts.slice(0, byId.length);
    const list = new Int32Array(refs.length);
    for (let k = 0; k < runSource.length; k++) {
      const end = k + 1 < runStart.length ? runStart.at(k + 1) : refs.length;
      const s = runSource.at(k);
      for (let i = runStart.at(k); i < end; i++) list[fill[refs.at(i)]++] = s;
    }
    return { offsets, list };
  };

  /** Sources in string order (`order[rank]` is a source id) and each source's rank, so sources sort as numbers. */
  const sourceOrder = (): { order: number[]; rank: Int32Array } => {
    const order = sources.map((_, i) => i).sort((a, b) => compare(sources[a], sources[b]));
    const rank = new Int32Array(sources.length);
    order.forEach((s, r) => {
      rank[s] = r;
    });
    return { order, rank };
  };

  const sortedSources = (ids: Int32Array, by: { order: number[]; rank: Int32Array }): string[] => {
    const ranked = Int32Array.from(ids, (s) => by.rank[s]).sort();
    const out: string[] = [];
    let last = -1;
    for (const r of ranked) {
      if (r === last) continue;
      last = r;
      out.push(sources[by.order[r]]);
    }
    return out;
  };

  
  return {
    add(url, kind, internal, ref) {
      let e = map.get(url);
      if (!e) {
        e = new Entry(byId.length, url, internal, kind);
        map.set(url, e);
        byId.push(e);
      } else if (kind === 'page' && e.kind === 'resource') e.kind = 'page';
      if (ref.from !== undefined) {
        const s = sourceId(ref.from);
        if (e.lastFrom !== s) {
          e.lastFrom = s;
          if (s !== currentSource) {
            currentSource = s;
            runSource.push(s);
            runStart.push(refs.length);
          }
          refs.push(e.id);
        }
      }
      if (ref.tag) e.tagBits |= TAG_BIT.get(ref.tag) ?? 0;
      if (ref.onHomepage) e.onHomepage = true;
      return e;
    },
    get: (url) => map.get(url),
    entries: () => map.values(),
    get size() {
      return map.size;
    },
    toTargets(opts = {}) {
      const { offsets, list } = invert();
      const by = sourceOrder();
      /** Targets with the same kinds of reference share one tags list. */
      const tagLists = new Map<number, LinkTag[]>();
      const tagsOf = (bits: number) => {
        let list = tagLists.get(bits);
        if (!list) tagLists.set(bits, (list = TAGS.filter((t) => bits & TAG_BIT.get(t)!).sort()));
        return list;
      };
      const out: LinkTarget[] = [];
      for (const e of map.values()) {
        if (!e.outcome) continue;
        const o = e.outcome;
        const t: LinkTarget = {
          url: e.url,
          internal: e.internal,
          method: o.method,
          status: o.status,
          redirects: o.redirects,
          foundOn: !opts.foundOnWhen || opts.foundOnWhen(o) ? sortedSources(list.subarray(offsets[e.id], offsets[e.id + 1]), by) : [],
          onHomepage: e.onHomepage,
          tags: tagsOf(e.tagBits),
        };
        if (o.error) t.error = o.error;
        if (o.errorMessage) t.errorMessage = o.errorMessage;
        if (o.finalUrl !== undefined) t.finalUrl = o.finalUrl;
        else if (!o.skipped) t.finalUrl = e.url;
        if (o.soft404Signals) t.soft404Signals = o.soft404Signals;
        if (o.rateLimited) t.rateLimited = o.rateLimited;
        if (o.skipped) t.skipped = o.skipped;
        out.push(t);
      }
      return out.sort((a, b) => compare(a.url, b.url));
    },
  };
}
