// One problem injected into a site's template shows on every page: pages with the same signature become one
// finding about the homepage (or the first page in URL order), the other pages listed in evidence.

export interface PageGroup<T> {
  /** The page the finding is about. */
  url: string;
  /** The representative page's item. */
  item: T;
  /** Every page of the group, sorted (the representative first). */
  pages: string[];
}

/** Maximum pages listed in evidence. */
export const MAX_LISTED_PAGES = 20;

/** Groups `(url, item)` pairs by `signature(item)`; `homepage` represents a group it belongs to. */
export function groupBySignature<T>(entries: { url: string; item: T }[], signature: (item: T) => string, homepage: string | null): PageGroup<T>[] {
  const groups = new Map<string, { url: string; item: T }[]>();
  for (const e of entries) {
    const key = signature(e.item);
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  const out: PageGroup<T>[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => (a.url === homepage ? -1 : b.url === homepage ? 1 : a.url.localeCompare(b.url)));
    out.push({ url: list[0].url, item: list[0].item, pages: list.map((e) => e.url) });
  }
  return out.sort((a, b) => a.url.localeCompare(b.url));
}
