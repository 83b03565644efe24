// Compares each tool's broken set with the site's ground truth. Every difference is listed with its cause; only
// the causes below count as explained (a known limit of that tool); anything else fails the bench.
import type { BrokenCause } from './site/model.ts';
import type { LinkTool } from './tools/types.ts';

export interface Difference {
  tool: LinkTool;
  url: string;
  /** `missed`: broken, the tool did not say so; `extra`: the tool says broken, it is not. */
  kind: 'missed' | 'extra';
  /** The site's reason for the URL being broken (missed), or what the tool said (extra). */
  detail: string;
  cause: string;
  explained: boolean;
}

/** Known limits: a tool that judges by the HTTP status alone cannot see a "not found" page served with 200. */
const EXPLAINED: Partial<Record<LinkTool, Partial<Record<BrokenCause, string>>>> = {
  linkinator: { 'soft-404': 'answers HTTP 200 with a "页面不存在" page: linkinator judges by the status code only' },
  linkchecker: { 'soft-404': 'answers HTTP 200 with a "页面不存在" page: linkchecker judges by the status code only' },
};

/**
 * `redirects`: each broken link that is a redirect to a missing page → that page. A tool that names such a link by
 * where it ended (linkchecker does) reports the same fault under the other URL: explained, both ways.
 */
export function compareWithTruth(tool: LinkTool, reported: Map<string, string>, truth: Map<string, BrokenCause>, redirects: Map<string, string> = new Map()): Difference[] {
  const out: Difference[] = [];
  const landing = new Map([...redirects].map(([from, to]) => [to, from]));
  for (const [url, cause] of truth) {
    if (reported.has(url)) continue;
    const to = redirects.get(url);
    const why = EXPLAINED[tool]?.[cause] ?? (to && reported.has(to) ? `reported under the URL the redirect leads to (${to})` : undefined);
    out.push({ tool, url, kind: 'missed', detail: cause, cause: why ?? `not reported (${cause})`, explained: why !== undefined });
  }
  for (const [url, said] of reported) {
    if (truth.has(url)) continue;
    const from = landing.get(url);
    const why = from && !reported.has(from) ? `the missing page the broken link ${from} redirects to, named instead of the link` : undefined;
    out.push({ tool, url, kind: 'extra', detail: said, cause: why ?? 'reported broken, but it is not a broken link of the site', explained: why !== undefined });
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
