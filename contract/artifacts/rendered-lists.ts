// The `renderedLists` artifact: configured column pages whose raw HTML lists no item but runs scripts, rendered in
// the run's browser so the freshness check can read the list the visitor sees. Plain data.
import type { LinkRef, ListItem } from './crawl.ts';

/** One column page after rendering. */
export interface RenderedList {
  /** The column's configured URL. */
  url: string;
  finalUrl?: string;
  /** Dated rows of the rendered DOM (same rule as the crawler's list reader). */
  listItems: ListItem[];
  /** Links of the rendered DOM. */
  links: LinkRef[];
  /** Set when the page could not be rendered (load failure, HTTP error, time limit). */
  error?: string;
}

export interface RenderedListsArtifact {
  /** `rendered`: the browser ran; `not-needed`: no column needed it; `unavailable`: no browser (see `reason`). */
  browser: 'rendered' | 'not-needed' | 'unavailable';
  reason?: string;
  pages: RenderedList[];
}
