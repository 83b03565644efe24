// Test support: compare a site's findings of one check with fixtures/sites/<site>/expected/<check>.json.
// The whole set is compared (a missing expected file means "no findings"), so false positives fail like misses.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../contract/finding.ts';

export interface ExpectedFinding {
  code: string;
  url: string | null;
  severity?: string;
  review?: boolean;
  evidence?: Record<string, unknown>;
}

const sitesDir = fileURLToPath(new URL('../../fixtures/sites/', import.meta.url));

export function expectedFor(siteId: string, check: string): ExpectedFinding[] {
  const file = `${sitesDir}${siteId}/expected/${check}.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ExpectedFinding[]) : [];
}

/** `http://www.x.gov.cn:41234/a.htm` → `/a.htm` when on the site's origin, else the URL without its port. */
export function relativeUrl(url: string | null, origin: string): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    const o = new URL(origin);
    if (u.protocol === o.protocol && u.host === o.host) return `${u.pathname}${u.search}`;
    u.port = '';
    return u.href;
  } catch {
    return url;
  }
}

/** Rewrites URLs (strings and arrays of strings) inside evidence into the expected form. */
export function relativeValue(v: unknown, origin: string): unknown {
  if (typeof v === 'string' && /^https?:\/\//.test(v)) return relativeUrl(v, origin);
  if (Array.isArray(v)) return v.map((x) => relativeValue(x, origin));
  return v;
}

/**
 * Returns a list of human-readable differences between actual findings and the expected set (empty = equal).
 * Keys compared: code + url (multiset); then severity/review/evidence subset where the expectation states them.
 */
export function diffFindings(actual: Finding[], expected: ExpectedFinding[], origin: string): string[] {
  const problems: string[] = [];
  const remaining = actual.map((f) => ({ f, url: relativeUrl(f.url, origin) }));
  for (const e of expected) {
    const i = remaining.findIndex((r) => r.f.code === e.code && r.url === e.url);
    if (i < 0) {
      problems.push(`missing: ${e.code} ${e.url}`);
      continue;
    }
    const { f } = remaining.splice(i, 1)[0];
    if (e.severity && f.severity !== e.severity) problems.push(`${e.code} ${e.url}: severity ${f.severity}, expected ${e.severity}`);
    if (e.review !== undefined && Boolean(f.review) !== e.review) problems.push(`${e.code} ${e.url}: review ${Boolean(f.review)}, expected ${e.review}`);
    for (const [k, v] of Object.entries(e.evidence ?? {})) {
      const got = relativeValue(f.evidence[k], origin);
      if (JSON.stringify(got) !== JSON.stringify(v)) problems.push(`${e.code} ${e.url}: evidence.${k} = ${JSON.stringify(got)}, expected ${JSON.stringify(v)}`);
    }
  }
  for (const r of remaining) problems.push(`unexpected: ${r.f.code} ${r.url} — ${r.f.message} ${JSON.stringify(r.f.evidence).slice(0, 200)}`);
  return problems;
}
