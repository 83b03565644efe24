// Where a link sits on a page (recorded by the crawler for links that failed to load; the links check copies it into
// the finding so a clerk can find the link among fifty): its text, the nearest heading or column title before it,
// the page region, and a CSS path to the element. Plain data shared by gatherers and checks; imports nothing.

/** Page regions a link may sit in, from the element's ancestors (tags and common id/class names). */
export type LinkRegion = 'header' | 'nav' | 'footer' | 'aside';

export interface LinkLocation {
  /** The page the link is on. */
  page: string;
  /** Anchor text, or an image's alt text. */
  text?: string;
  /** Text of the nearest heading or column title before the link (e.g. 工作动态). */
  heading?: string;
  region?: LinkRegion;
  /** CSS path from the nearest element with an id (or from body), e.g. `#footer > ul > li:nth-of-type(3) > a`. */
  path: string;
}
