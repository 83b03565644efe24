// A finding's identity across runs: check, code, site, the url (port dropped: fixture ports change) and the
// evidence that tells two findings on one page apart. Same identity in two runs = the same problem.
import { createHash } from 'node:crypto';
import type { Finding } from '../contract/finding.ts';

/** Evidence keys that distinguish findings of one code on one page. */
const keyEvidence = ['reportId', 'requestId', 'itemId', 'rule', 'selector', 'column', 'host', 'masked', 'kind', 'level', 'documentNumber'];

export function urlKey(url: string | null): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

export function findingIdentity(f: Finding): string {
  const parts = [f.check, f.code, f.siteId, urlKey(f.url), ...keyEvidence.map((k) => (f.evidence[k] === undefined ? '' : JSON.stringify(f.evidence[k])))];
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}
