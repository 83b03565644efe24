// Shared link references: identical references (a site's navigation repeats on every page) share one LinkRef
// object, so a large crawl holds each distinct link once. Artifacts are plain data nobody mutates: sharing is safe.
import type { LinkRef } from '../../contract/artifacts/crawl.ts';
import type { LinkIndex } from '../linkindex.ts';

/** References kept per URL for sharing; further variants are not shared. */
const MAX_VARIANTS = 64;

/** Returns `intern(ref)`: the shared copy of an identical reference seen before, or `ref` (its URL as indexed). */
export function createRefInterner(index: Pick<LinkIndex, 'get'>): (ref: LinkRef) => LinkRef {
  const refsByUrl = new Map<string, LinkRef[]>();
  return (ref) => {
    const url = index.get(ref.url)?.url ?? ref.url;
    let list = refsByUrl.get(url);
    if (!list) {
      list = [];
      refsByUrl.set(url, list);
    }
    const known = list.find((k) => k.tag === ref.tag && k.text === ref.text && k.hidden === ref.hidden && k.rel === ref.rel);
    if (known) return known;
    const shared = { ...ref, url };
    if (list.length < MAX_VARIANTS) list.push(shared);
    return shared;
  };
}
