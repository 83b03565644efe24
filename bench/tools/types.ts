// What one link-checking run of a tool gives the bench.
import type { Measured } from './measure.ts';

export type LinkTool = 'govaudit' | 'linkinator' | 'linkchecker';

export interface LinkRun {
  tool: LinkTool;
  measured: Measured;
  /** Broken targets the tool reported: normalised URL → what it said (status or error). */
  broken: Map<string, string>;
  /** Numbers the tool reports about itself (govaudit: CPU before the crawl, audit time, stored pages, …). */
  own?: Record<string, number>;
}

/** One spelling per URL for comparing tools (WHATWG parsing, no fragment). */
export function sameUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    return url;
  }
}
