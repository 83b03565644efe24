// robots.txt for a crawl: loaded once per origin (the first time a URL of that origin comes up) and asked whether
// a URL may be fetched. Refused URLs are listed in the summary.
import type { CrawlSummary } from '../../contract/artifacts/crawl.ts';
import type { Fetcher } from '../fetcher.ts';
import { loadRobots, type RobotsRules } from '../robots.ts';
import { originOf } from '../url.ts';
import { noteDisallowed } from './summary.ts';

export interface RobotsGate {
  /** The rules of `url`'s origin, loaded on first use; null for a URL without an origin. */
  rulesFor(url: string): Promise<RobotsRules | null>;
  /** Loads the rules of every origin of `urls` (in origin order), when robots.txt is respected. */
  loadFor(urls: Iterable<string>): Promise<void>;
  /** robots.txt (already loaded) refuses `url` and robots.txt is respected; such a URL is listed in the summary. */
  disallowed(url: string): boolean;
}

export function createRobotsGate(o: {
  fetcher: Fetcher;
  respect: boolean;
  summary: CrawlSummary;
  delayMs: number;
  concurrencyPerHost: number;
  signal?: AbortSignal;
  /** Requests spent loading robots.txt. */
  spent(requests: number): void;
  warn(message: string, url?: string): void;
}): RobotsGate {
  const robots = new Map<string, RobotsRules>();
  const rulesFor = async (url: string): Promise<RobotsRules | null> => {
    const origin = originOf(url);
    if (!origin) return null;
    let rules = robots.get(origin);
    if (!rules) {
      rules = await loadRobots(o.fetcher, origin, o.signal);
      o.spent(rules.requests);
      if (rules.problem) o.warn(rules.problem, rules.url);
      if (o.respect && rules.crawlDelayMs && rules.crawlDelayMs > o.delayMs) {
        o.warn(`robots.txt asks for a Crawl-delay of ${rules.crawlDelayMs / 1000} s; the crawl keeps crawl.delayMs (${o.delayMs} ms) and crawl.concurrencyPerHost (${o.concurrencyPerHost})`, rules.url);
      }
      robots.set(origin, rules);
    }
    return rules;
  };
  return {
    rulesFor,
    async loadFor(urls) {
      if (!o.respect) return;
      const origins = [...new Set([...urls].map((u) => originOf(u) ?? ''))].sort();
      for (const origin of origins) if (origin) await rulesFor(`${origin}/`);
    },
    disallowed(url) {
      if (!o.respect) return false;
      const rules = robots.get(originOf(url) ?? '');
      if (!rules || rules.isAllowed(url)) return false;
      noteDisallowed(o.summary, url);
      return true;
    },
  };
}
