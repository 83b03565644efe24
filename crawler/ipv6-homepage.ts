// The homepage fetched with one address family pinned (the fetcher's `family` option: no fallback to the other),
// reduced to what content parity needs: status, final URL, title, visible text, TLS outcome, time.
import { textCap, type Ipv6HomepageProbe } from '../contract/artifacts/ipv6.ts';
import type { Fetcher } from './fetcher.ts';
import { parseHtml } from './html.ts';
import { isHtmlAnswer } from './page.ts';

/** Fetches `url` over IPv`family` only. Never throws for network trouble (the fetcher does not). */
export async function probeHomepage(fetcher: Fetcher, url: string, family: 4 | 6, signal?: AbortSignal): Promise<Ipv6HomepageProbe> {
  const r = await fetcher.fetch(url, { family, htmlOnly: true, signal });
  let title: string | null = null;
  let text: string | null = null;
  if (r.status !== null && r.text !== undefined && isHtmlAnswer(r.headers['content-type'] ?? null, r.text)) {
    const parsed = parseHtml(r.text, r.finalUrl, { text: true });
    title = parsed.title;
    text = (parsed.text ?? '').slice(0, textCap);
  }
  const https = url.startsWith('https:') || r.finalUrl.startsWith('https:');
  return {
    family,
    url,
    finalUrl: r.finalUrl,
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    ...(r.errorMessage ? { errorMessage: r.errorMessage } : {}),
    timeMs: r.timeMs,
    ...(r.address ? { address: r.address } : {}),
    tls: !https ? null : r.error === 'tls' ? 'failed' : r.status !== null ? 'ok' : null,
    title,
    text,
  };
}
