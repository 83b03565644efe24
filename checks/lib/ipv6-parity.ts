// Content parity of the homepage read over IPv4 and over IPv6: the same status, final URL (host and path),
// title and, after normalisation, similar enough text. Anything else means IPv6 reaches another site or a default page.
import type { Ipv6HomepageProbe } from '../../contract/artifacts/ipv6.ts';
import { normaliseForComparison, textSimilarity } from './text-similarity.ts';

export type ParityDifference = 'status' | 'finalUrl' | 'title' | 'text';

export interface Parity {
  match: boolean;
  /** Jaccard similarity of the normalised texts, rounded to 3 decimals. */
  similarity: number;
  differences: ParityDifference[];
}

/** Compares two homepage probes that both got an HTTP answer. */
export function compareHomepages(v4: Ipv6HomepageProbe, v6: Ipv6HomepageProbe, similarityMin: number): Parity {
  const differences: ParityDifference[] = [];
  if (v4.status !== v6.status) differences.push('status');
  if (hostAndPath(v4.finalUrl) !== hostAndPath(v6.finalUrl)) differences.push('finalUrl');
  if (normaliseForComparison(v4.title ?? '') !== normaliseForComparison(v6.title ?? '')) differences.push('title');
  const similarity = Math.round(textSimilarity(v4.text ?? '', v6.text ?? '') * 1000) / 1000;
  if (similarity < similarityMin) differences.push('text');
  return { match: differences.length === 0, similarity, differences };
}

function hostAndPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
