// Soft 404: a page that answers 200 but is really "not found". The site's own not-found answer is learnt first
// from a seeded, non-existent URL; a 200 page that resembles it, or shows one of the usual Chinese not-found
// texts with little else, is a soft 404.
import { seededHex } from './hash.ts';

/** Texts Chinese sites (and a few English ones) show on a missing page. Data: add phrases here. */
export const NOT_FOUND_PHRASES = [
  '您访问的页面不存在或已被删除',
  '您访问的页面不存在',
  '您要访问的页面不存在',
  '您所访问的页面不存在',
  '访问的页面不存在',
  '页面不存在',
  '该页面已被删除',
  '页面已被删除',
  '找不到该页面',
  '找不到页面',
  '页面找不到了',
  '页面未找到',
  '网页不存在',
  '信息不存在',
  '文章不存在',
  '该信息已被删除',
  '内容不存在',
  '抱歉，页面无法访问',
  '404 Not Found',
  'Page Not Found',
  '找不到文件或目录',
];

/** Other text allowed beside a not-found phrase (characters, after normalisation) for it still to count. */
const LITTLE_CONTENT = 200;
const SIMILAR = 0.9;
const COMPARE_CHARS = 6000;

/** A URL on the homepage's host that should not exist: seeded by the site id, so the same on every run. */
export function notFoundProbeUrl(homepage: string, siteId: string): string {
  const u = new URL(homepage);
  return `${u.origin}/govaudit-${seededHex(`soft404:${siteId}`, 16)}.html`;
}

/** What the site answers for a missing page. */
export interface NotFoundProfile {
  status: number | null;
  /** Where the probe ended after redirects. */
  finalUrl: string;
  /** Normalised text of the answer, when it was a 200 HTML page. */
  text: string | null;
}

/** Text reduced to what identifies a page: no whitespace, digits, punctuation or URL-like tokens (first 20,000 characters read). */
export function normaliseForCompare(text: string): string {
  return text
    .slice(0, 20_000)
    .toLowerCase()
    .replace(/[a-z0-9_:-]{0,100}[/.?=&%][a-z0-9_/.?=&%#:-]{0,300}/g, '')
    .replace(/[\s\d\p{P}\p{S}]+/gu, '')
    .slice(0, COMPARE_CHARS);
}

/** Dice coefficient of the character bigrams of two normalised texts (0…1). */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g);
    if (n) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

export interface PageForSoft404 {
  url: string;
  finalUrl: string;
  status: number | null;
  title: string | null;
  /** Visible text, whitespace-collapsed. */
  text: string;
}

/** Paths that legitimately redirect to a homepage (`/`, `/index.html`, …). */
const HOME_ALIAS = /^\/(?:(?:index|default|main|home)\.[a-z]+)?$/i;

/**
 * Why a page is a soft 404, or null. Only 200 answers qualify; the homepage never does.
 * `homepage` is the homepage's URL and where it ends after redirects (a missing page that lands there is a
 * disguised 404 when the site does the same for the probe).
 */
export function soft404Reason(page: PageForSoft404, profile: NotFoundProfile | null, homepage: { url: string; finalUrl: string }): string | null {
  if (page.status !== 200 || page.url === homepage.url || page.url === homepage.finalUrl) return null;
  if (profile?.status === 200 && profile.finalUrl === homepage.finalUrl && page.finalUrl === homepage.finalUrl && !HOME_ALIAS.test(new URL(page.url).pathname)) {
    return 'redirects to the homepage, as the site does for a missing page';
  }
  const title = page.title ?? '';
  for (const phrase of NOT_FOUND_PHRASES) {
    if (title.includes(phrase) && title.length <= phrase.length + 20) return `title says "${phrase}"`;
  }
  const phrase = NOT_FOUND_PHRASES.find((p) => page.text.includes(p));
  const compareWithProfile = profile?.status === 200 && !!profile.text && profile.finalUrl !== homepage.finalUrl && profile.text.length >= 4;
  if (!phrase && !compareWithProfile) return null;
  const norm = normaliseForCompare(page.text);
  if (phrase && norm.length - normaliseForCompare(phrase).length <= LITTLE_CONTENT) return `page says "${phrase}" and little else`;
  if (compareWithProfile) {
    const lengthRatio = norm.length / profile!.text!.length;
    if (lengthRatio > 0.6 && lengthRatio < 1.67 && textSimilarity(norm, profile!.text!) >= SIMILAR) return "same content as the site's answer for a missing page";
  }
  return null;
}
