// Soft-404 signals: what a 200 page has of a "not found" page. The site's own not-found answer is learnt first
// from a seeded, non-existent URL; each page is compared with it and searched for the usual Chinese not-found
// texts. The crawler records these facts; util/soft404.ts weighs them (the links check judges).
import type { Soft404Signals } from '../contract/artifacts/crawl.ts';
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

/** Title characters kept in the signals. */
const MAX_TITLE = 200;

/**
 * What a page has of a "not found" page, or undefined when nothing (only 200 answers are looked at; never the
 * homepage). `homepage` is the homepage's URL and where it ends after redirects (a missing page that lands there
 * looks like the site's answer for a missing page when the site does the same for the probe). Facts only: the
 * rule that weighs them is util/soft404.ts.
 */
export function soft404Signals(page: PageForSoft404, profile: NotFoundProfile | null, homepage: { url: string; finalUrl: string }): Soft404Signals | undefined {
  if (page.status !== 200 || page.url === homepage.url || page.url === homepage.finalUrl) return undefined;
  const s: Soft404Signals = {};
  if (profile?.status === 200 && profile.finalUrl === homepage.finalUrl && page.finalUrl === homepage.finalUrl && !HOME_ALIAS.test(new URL(page.url).pathname)) {
    s.landsOnHomepageLikeMissing = true;
  }
  const title = page.title ?? '';
  const inTitle = NOT_FOUND_PHRASES.filter((p) => title.includes(p));
  if (inTitle.length) s.title = { text: title.slice(0, MAX_TITLE), phrases: inTitle };
  const phrase = NOT_FOUND_PHRASES.find((p) => page.text.includes(p));
  const compareWithProfile = profile?.status === 200 && !!profile.text && profile.finalUrl !== homepage.finalUrl && profile.text.length >= 4;
  if (phrase || compareWithProfile) {
    const norm = normaliseForCompare(page.text);
    if (phrase) s.text = { phrase, otherChars: norm.length - normaliseForCompare(phrase).length };
    if (compareWithProfile) {
      const lengthRatio = norm.length / profile!.text!.length;
      // the likeness costs a pass over both texts: only worth it when the lengths are close
      s.likeMissingPage = lengthRatio > 0.5 && lengthRatio < 2 ? { lengthRatio, similarity: textSimilarity(norm, profile!.text!) } : { lengthRatio };
    }
  }
  return Object.keys(s).length ? s : undefined;
}
