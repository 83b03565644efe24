// What an incremental crawl keeps between nights (crawler/incremental.ts writes it through the store's page_cache
// and link_check_cache tables): shared by the crawler, which encodes and reads it, and the store, which keeps it.

/** What the incremental crawl keeps of one page of a site. */
export interface PageCacheRecord {
  siteId: string;
  url: string;
  etag: string | null;
  lastModified: string | null;
  contentHash: string;
  /** When the body was last received in full. */
  fetchedAt: string;
  /** The answer, encoded by the crawler (crawler/incremental.ts); opaque to the store. */
  payload: string;
}

/** A link target's last real check. */
export interface LinkCheckRecord {
  siteId: string;
  url: string;
  checkedAt: string;
  /** Answered without error below 400 and without a rate limit. */
  healthy: boolean;
  /** The check's outcome as the crawler recorded it. */
  outcome: Record<string, unknown>;
}
