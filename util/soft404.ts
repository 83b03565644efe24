// The soft-404 rule: whether the facts the crawler recorded about a 200 page (contract Soft404Signals) make it a
// "not found" page in disguise, and why. The one place the thresholds live; the links check judges with it, other
// checks use it to leave such pages out, and the crawler to not follow the links of a not-found page.
import type { Soft404Signals } from '../contract/artifacts/crawl.ts';

/** Other title characters allowed beside a not-found phrase. */
export const TITLE_EXTRA_CHARS = 20;
/** Other text allowed beside a not-found phrase (characters, after normalisation) for it still to count. */
export const LITTLE_CONTENT = 200;
/** Likeness to the site's answer for a missing page from which a page is the same page. */
export const SIMILAR = 0.9;
/** Length ratios (page ÷ missing-page answer) within which the likeness counts. */
export const LENGTH_RATIO: readonly [number, number] = [0.6, 1.67];

/** Why the signals make the page a soft 404, or null (in order: lands on the homepage, title, text, likeness). */
export function soft404Verdict(s: Soft404Signals | undefined): string | null {
  if (!s) return null;
  if (s.landsOnHomepageLikeMissing) return 'redirects to the homepage, as the site does for a missing page';
  if (s.title) {
    const phrase = s.title.phrases.find((p) => s.title!.text.length <= p.length + TITLE_EXTRA_CHARS);
    if (phrase) return `title says "${phrase}"`;
  }
  if (s.text && s.text.otherChars <= LITTLE_CONTENT) return `page says "${s.text.phrase}" and little else`;
  const like = s.likeMissingPage;
  if (like?.similarity !== undefined && like.lengthRatio > LENGTH_RATIO[0] && like.lengthRatio < LENGTH_RATIO[1] && like.similarity >= SIMILAR) {
    return "same content as the site's answer for a missing page";
  }
  return null;
}
