// The `accessibility` artifact: what the browser gatherer saw on a site's pages (axe-core results, the homepage's
// elderly-friendly probes, Lighthouse's score). Plain data; the accessibility check judges it.

/** axe-core's impact levels. */
export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

/** Why a page was chosen. */
export type A11yPageKind = 'homepage' | 'column' | 'article';

/** One element axe flagged. */
export interface AxeNode {
  /** CSS selector path (axe's `target`; one entry per frame level). */
  target: string[];
  /** The element's outer HTML, truncated. */
  html: string;
  /** What to fix on this element, in the run's locale. */
  failureSummary?: string;
}

/** One axe rule that failed (or needs review) on a page. */
export interface AxeRuleResult {
  /** axe rule id, e.g. `image-alt`. */
  id: string;
  impact: AxeImpact | null;
  /** One-line help in the run's locale (zh-CN when axe ships it). */
  help: string;
  description: string;
  helpUrl: string;
  /** axe tags of the rule (`wcag2a`, `wcag111`, …). */
  tags: string[];
  /** First elements flagged (capped). */
  nodes: AxeNode[];
  /** All elements flagged. */
  nodeCount: number;
}

/** One page checked in the browser. */
export interface A11yPage {
  url: string;
  kind: A11yPageKind;
  /** Column name for column pages and articles found under a column. */
  column?: string;
  finalUrl?: string;
  status: number | null;
  /** Set when the page could not be checked (load failure, HTTP error, time limit, browser crash). */
  error?: string;
  violations: AxeRuleResult[];
  /** axe's "incomplete": a person must confirm. */
  incomplete: AxeRuleResult[];
  timeMs: number;
}

/** A link, button or toolbar offering an accessible / elderly mode. */
export interface ModeEntry {
  text: string;
  href: string | null;
  selector: string;
}

/** A fixed or floating layer over the content. */
export interface FloatingLayer {
  selector: string;
  position: string;
  /** Bounding box in CSS px at a 1280×800 viewport. */
  box: { x: number; y: number; width: number; height: number };
  text: string;
  html: string;
}

/** A run of visible text smaller than the minimum size. */
export interface SmallText {
  selector: string;
  fontSizePx: number;
  text: string;
}

/** The homepage's elderly-friendly probes (MIIT 适老化 rules, the automatable part). */
export interface HomepageProbe {
  modeEntries: ModeEntry[];
  floatingLayers: FloatingLayer[];
  /** Samples of small text (capped); `smallTextCount` counts them all. */
  smallText: SmallText[];
  smallTextCount: number;
  /** Size the probe compared against, px. */
  minFontPx: number;
}

/** Lighthouse's accessibility category on the homepage. */
export interface LighthouseResult {
  url: string;
  /** 0–100; null when Lighthouse failed (then `error` says why). */
  score: number | null;
  error?: string;
  version?: string;
  timeMs: number;
  /** Lighthouse audits that failed, by id, with their title (for the evidence). */
  failedAudits?: { id: string; title: string }[];
}

export interface AccessibilityArtifact {
  axeVersion: string;
  /** axe locale used for help texts: `zh_CN`, or `en` when the locale file is missing. */
  locale: string;
  tags: string[];
  pages: A11yPage[];
  /** null when the homepage could not be loaded. */
  homepage: HomepageProbe | null;
  /** null when Lighthouse is turned off in the config. */
  lighthouse: LighthouseResult | null;
  /** Browser restarts during this site (crashes, hangs). */
  browserRestarts: number;
  browserVersion: string;
}
