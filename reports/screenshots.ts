// Which findings get a problem screenshot and how to find the element on the page (pure; the browser work is in
// crawler/browser/screenshots.ts, run by scheduler/screenshots.ts). The kinds where a picture helps a clerk: hidden
// links and spam blocks, tampered pages, commercial ads, accessibility violations, broken images and links, stale or
// empty column lists, personal data on a page (masked before the picture), and the homepage. Gravest kinds first,
// capped per site. Files live beside the scorecard: scorecards/<siteId>/<identity>.png.
import type { Scorecard, ScorecardFinding } from './scorecard.ts';

export interface ShotPlan {
  /** Finding identity, or `homepage`. */
  id: string;
  page: string;
  selector?: string;
  hrefs?: string[];
  text?: string;
  /** Path relative to the scorecards folder. */
  path: string;
}

type E = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : undefined);

/** How to picture one finding, or null when a picture would not help (a whole-site fact, an attachment, …). */
function shotFor(f: ScorecardFinding): Omit<ShotPlan, 'id' | 'path'> | null {
  const e = f.evidence as E;
  const c = f.code;
  if (!f.url) return null;
  if (c === 'security.hidden-link') {
    const hrefs = Array.isArray(e.links) ? (e.links as E[]).map((l) => str(l.url)).filter((u): u is string => Boolean(u)) : [];
    return { page: str(first(e.pages)) ?? f.url, hrefs };
  }
  if (c === 'security.spam-content') return { page: str(first(e.pages)) ?? f.url, ...(e.kind === 'cloaking' ? {} : { text: str(first(e.terms)) }) };
  if (c === 'security.tampered-title') return { page: f.url, ...(str(e.articleTitle) ? { text: str(e.articleTitle) } : {}) };
  if (c === 'security.commercial-ad') return { page: str(first(e.foundOn)) ?? f.url, ...(str(e.element) ? { selector: str(e.element) } : str(e.text) ? { text: str(e.text) } : {}) };
  if (c.startsWith('a11y.')) {
    const sample = first(e.samples) as E | undefined;
    const selector = str(first(e.selectors)) ?? str(sample?.selector) ?? str((first(e.layers) as E | undefined)?.selector);
    if (!selector && c !== 'a11y.floating-ad') return null;
    return { page: f.url, ...(selector ? { selector } : {}) };
  }
  if (c.startsWith('link.')) {
    const page = str(e.locatedOn) ?? str(first(e.foundOn));
    if (!page || !str(e.cssPath)) return null;
    return { page, selector: str(e.cssPath) };
  }
  if (c === 'freshness.column-stale' || c === 'freshness.column-empty' || c === 'freshness.homepage-stale') return { page: f.url };
  if (c.startsWith('privacy.') && e.source !== 'attachment') return { page: f.url, text: str(first(e.values)) };
  return null;
}

/** Rank of a finding kind for the per-site cap (lower first). */
function rank(f: ScorecardFinding): number {
  const c = f.code;
  if (c.startsWith('security.hidden-link') || c.startsWith('security.spam') || c.startsWith('security.tampered')) return 0;
  if (c.startsWith('privacy.')) return 1;
  if (c.startsWith('freshness.')) return 2;
  if (c.startsWith('security.')) return 3;
  if (c.startsWith('link.') && Array.isArray(f.evidence.tags) && (f.evidence.tags as string[]).includes('img')) return 4;
  if (c.startsWith('a11y.')) return 5;
  return 6;
}

/** The pictures to take for one scorecard: the homepage, then findings by kind, at most `max` in all. */
export function planShots(card: Pick<Scorecard, 'siteId' | 'homepage' | 'findings'>, max: number): ShotPlan[] {
  const plans: ShotPlan[] = [{ id: 'homepage', page: card.homepage, path: `${card.siteId}/homepage.png` }];
  const ranked = card.findings.map((f) => ({ f, how: shotFor(f) })).filter((x) => x.how !== null).sort((a, b) => rank(a.f) - rank(b.f) || a.f.identity.localeCompare(b.f.identity));
  for (const { f, how } of ranked) {
    if (plans.length >= max) break;
    plans.push({ id: f.identity, ...how!, path: `${card.siteId}/${f.identity}.png` });
  }
  return plans;
}

/** The scorecard with the pictures taken (paths relative to the scorecards folder). */
export function withScreenshots(card: Scorecard, taken: Map<string, string>): Scorecard {
  return {
    ...card,
    ...(taken.has('homepage') ? { homepageScreenshot: taken.get('homepage') } : {}),
    findings: card.findings.map((f) => (taken.has(f.identity) ? { ...f, screenshot: taken.get(f.identity) } : f)),
  };
}
