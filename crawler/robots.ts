// robots.txt: fetched once per origin, read with robots-parser for our token; its Sitemap lines seed the crawl.
// A missing file (4xx) allows everything; an unreadable one (5xx, network) allows everything with a warning.
import robotsParserModule from 'robots-parser';
import type { Fetcher } from './fetcher.ts';
import { ROBOTS_TOKEN } from './useragent.ts';

// The package is CommonJS with an ESM-style declaration: at run time the default import is the function itself.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
};

const MAX_ROBOTS_BYTES = 512 * 1024;

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
    isAllowed: (url) => robot.isAllowed(url, ROBOTS_TOKEN) !== false,
    sitemaps: robot.getSitemaps().slice(0, 50),
    requests: 0,
  };
  if (typeof delay === 'number' && Number.isFinite(delay) && delay > 0) rules.crawlDelayMs = Math.round(delay * 1000);
  return rules;
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
  else rules = parseRobots(robotsUrl, res.text ?? res.body?.toString('utf8') ?? '', res.status);
  rules.requests = res.requests ?? 0;
  return rules;
}
