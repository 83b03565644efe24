// robots.txt: fetched once per origin, read with robots-parser for our token; its Sitemap lines seed the crawl.
// A missing file (4xx) allows everything; an unreadable one (5xx, network) allows everything with a warning.
import robotsParserModule from 'robots-parser';
import type { Fetcher } from './fetcher.ts';
import { compileRobotsRules, type RobotsRule } from './robots-match.ts';
import { ROBOTS_TOKEN } from './useragent.ts';

// The package is CommonJS with an ESM-style declaration: at run time the default import is the function itself.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
  /** robots-parser's parsed groups (user-agent, lower case → rules); read to match fast (robots-match.ts). */
  _rules?: Record<string, RobotsRule[] | undefined>;
};

/** Bytes of robots.txt read at most (Google reads 500 KiB and ignores the rest); rules past it do not count. */
export const MAX_ROBOTS_BYTES = 512 * 1024;

export interface RobotsRules {
  /** URL of the robots.txt file. */
  url: string;
  /** HTTP status it answered with; null when it could not be fetched. */
  status: number | null;
  isAllowed(url: string): boolean;
  /** Sitemap URLs it lists. */
  sitemaps: string[];
  /** Crawl-delay for our token or `*`, in ms. */
  crawlDelayMs?: number;
  /** Why the rules could not be read, when they could not. */
  problem?: string;
  /** HTTP requests spent getting it. */
  requests: number;
}

/** Rules from the text of a robots.txt file found at `robotsUrl` (pure). */
export function parseRobots(robotsUrl: string, text: string, status: number | null = 200): RobotsRules {
  const robot = robotsParser(robotsUrl, text);
  const delay = robot.getCrawlDelay(ROBOTS_TOKEN);
  const rules: RobotsRules = {
    url: robotsUrl,
    status,
    isAllowed: fastIsAllowed(robot, robotsUrl) ?? ((url) => robot.isAllowed(url, ROBOTS_TOKEN) !== false),
    sitemaps: robot.getSitemaps().slice(0, 50),
    requests: 0,
  };
  if (typeof delay === 'number' && Number.isFinite(delay) && delay > 0) rules.crawlDelayMs = Math.round(delay * 1000);
  return rules;
}

/** The group for our token (else `*`) compiled for fast matching; null when robots-parser's shape is not the known one. */
function fastIsAllowed(robot: ReturnType<typeof robotsParser>, robotsUrl: string): ((url: string) => boolean) | null {
  const groups = robot._rules;
  if (!groups || typeof groups !== 'object') return null;
  const group = groups[ROBOTS_TOKEN] ?? groups['*'] ?? [];
  if (!Array.isArray(group) || !group.every((r) => typeof r?.pattern === 'string' && typeof r.allow === 'boolean')) return null;
  const match = compileRobotsRules(group);
  let origin: string;
  try {
    origin = new URL(robotsUrl).origin;
  } catch {
    return null;
  }
  return (url) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return true;
    }
    if (u.origin !== origin) return true;
    return match((u.pathname + u.search).replace(/%[0-9a-f]{2}/gi, (m) => m.toUpperCase()));
  };
}

function allowAll(robotsUrl: string, status: number | null, problem?: string): RobotsRules {
  return { url: robotsUrl, status, isAllowed: () => true, sitemaps: [], problem, requests: 0 };
}

/** Fetches and reads `<origin>/robots.txt`. Never throws. */
export async function loadRobots(fetcher: Fetcher, origin: string, signal?: AbortSignal): Promise<RobotsRules> {
  const robotsUrl = `${origin}/robots.txt`;
  const res = await fetcher.fetch(robotsUrl, { maxBytes: MAX_ROBOTS_BYTES, signal, headers: { accept: 'text/plain,*/*;q=0.5' } });
  let rules: RobotsRules;
  if (res.status === null) rules = allowAll(robotsUrl, null, `robots.txt could not be fetched (${res.error}: ${res.errorMessage ?? ''}); crawling as if it allowed everything`);
  else if (res.status >= 500) rules = allowAll(robotsUrl, res.status, `robots.txt answered HTTP ${res.status}; crawling as if it allowed everything`);
  else if (res.status >= 400) rules = allowAll(robotsUrl, res.status);
  else if (res.status >= 300) rules = allowAll(robotsUrl, res.status, `robots.txt redirected too often or in a loop; ignored`);
  else {
    const text = res.text ?? res.body?.toString('utf8') ?? '';
    // a line cut by the cap could turn `Disallow: /private/x` into `Disallow: /`: only whole lines count
    rules = parseRobots(robotsUrl, res.truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text, res.status);
    if (res.truncated) rules.problem = `robots.txt is larger than ${MAX_ROBOTS_BYTES / 1024} KB: only its first ${MAX_ROBOTS_BYTES / 1024} KB were read (as search engines do)`;
  }
  rules.requests = res.requests ?? 0;
  return rules;
}
