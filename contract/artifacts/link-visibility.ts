// The link-visibility artifact (gathered by crawler/gather-link-visibility.ts): on pages whose raw HTML hides links,
// every link's visibility by computed style in a real browser, to confirm (or refute) what the raw HTML suggests.

export interface RenderedLink {
  /** Absolute href as the browser resolved it. */
  url: string;
  hidden: boolean;
  /** What hides it: `display`, `visibility`, `opacity`, `size`, `off-screen`, `font-size`, `clip`. */
  how?: string;
}

export interface RenderedPage {
  url: string;
  error?: string;
  links: RenderedLink[];
}

export interface LinkVisibilityArtifact {
  /** No browser, or it would not start: why (the raw-HTML reading stands alone). */
  unavailable?: string;
  pages: RenderedPage[];
}
