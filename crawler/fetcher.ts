// The one HTTP client of the gatherers: undici with keep-alive, our own resolver wired through `connect.lookup`
// (optionally pinned to one address family, with no fallback to the other), per-host politeness, retries on
// 429/503/resets with capped waits, timeouts, a decompressed-size cap, charset decoding and manual redirects.
// It never throws for network trouble: every outcome is a FetchResult.
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import type { FetchErrorCode } from '../contract/fetch-error.ts';
import type { BodyCap, PageArtifact, RateLimit } from '../contract/artifacts/crawl.ts';
import type { DistrictConfig } from '../config/schema.ts';
import { createAddressRule } from './addresses.ts';
import { readBody } from './body.ts';
import { patientAbortSignal, patientTimeout } from '../util/patient-timer.ts';
import { decodeBody } from './charset.ts';
import { BLOCKED_CODE, classifyError } from './errors.ts';
import { emit, type CrawlEvent } from './events.ts';
import { createHostQueue } from './hostqueue.ts';
import { createResolver, type Resolver } from './resolver.ts';
import { backoffMs, parseRetryAfter, RETRY_STATUSES } from './retry.ts';
import { normalizeUrl } from './url.ts';
import { buildUserAgent } from './useragent.ts';

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  /** Connect over this address family only (the IPv6 gatherer uses 6); no fallback to the other. */
  family?: 4 | 6;
  /** Cap on decompressed body bytes; default `crawl.maxBodyBytes`. */
  maxBytes?: number;
  headers?: Record<string, string>;
  /** Default true. When false a 3xx answer is returned as is. */
  followRedirects?: boolean;
  /** Redirects are not followed to a URL for which this returns true: that 3xx answer is returned as is. */
  stopBefore?: (url: string) => boolean;
  /** Decode text bodies to `text` (default true). */
  decode?: boolean;
  /** Read the body only when the answer is (or may be) HTML; other bodies are left unread. */
  htmlOnly?: boolean;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** URL asked for. */
  url: string;
  finalUrl: string;
  status: number | null;
  /** Headers of the final answer, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** URLs visited before finalUrl. */
  redirects: string[];
  body?: Buffer;
  text?: string;
  charset?: string | null;
  charsetSource?: PageArtifact['charsetSource'];
  bytes: number;
  /** The body was cut: at the cap (`capped`) or by a read failure (`error`). */
  truncated?: boolean;
  /** The body passed the size cap: what was read of it, the cap, why. */
  capped?: BodyCap;
  error?: FetchErrorCode;
  errorMessage?: string;
  timeMs: number;
  /** Remote address of the most recent connection to the final origin (over the requested family). */
  address?: string;
  /** HTTP requests this fetch made (redirect hops and retries included). */
  requests?: number;
  /** The final answer is a 429, or a 503 with Retry-After, that was not (or no longer) retried: why. */
  rateLimited?: RateLimit;
}

export interface Fetcher {
  /** Never throws for network errors. */
  fetch(url: string, opts?: FetchOptions): Promise<FetchResult>;
  /** HTTP requests made so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface FetcherOptions {
  config: DistrictConfig;
  resolver?: Resolver;
  userAgent?: string;
  onEvent?: (e: CrawlEvent) => void;
  /** Waits between retries and politeness delays; inject to test without real sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock for Retry-After dates. */
  now?: () => number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
const TEXT_TYPES = /^(text\/|application\/(xhtml\+xml|xml|json|javascript|rss\+xml|atom\+xml)|[^;]*\+xml)/i;

type Family = 0 | 4 | 6;

interface Exchange {
  status: number;
  headers: Record<string, string>;
  read?: Awaited<ReturnType<typeof readBody>>;
  /** A retryable answer whose wait was longer than the cap. */
  note?: string;
  rateLimited?: RateLimit;
}

interface Retryable {
  retry: true;
  status: number;
  headers: Record<string, string>;
  retryAfterMs: number | null;
}

/** Creates the crawler's HTTP client. Call `close()` when done to free sockets. */
export function createFetcher(opts: FetcherOptions): Fetcher {
  const { config } = opts;
  const crawl = config.crawl;
  const resolver = opts.resolver ?? createResolver(config.resolve);
  const mayConnect = createAddressRule(config);
  const userAgent = opts.userAgent ?? buildUserAgent(config);
  const sleep = opts.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = opts.now ?? Date.now;
  const deadlineMs = crawl.requestTimeoutMs ?? crawl.connectTimeoutMs + crawl.headersTimeoutMs + crawl.bodyTimeoutMs;
  const queue = createHostQueue({ concurrency: crawl.concurrencyPerHost, delayMs: crawl.delayMs, sleep });
  const agents = new Map<Family, Agent>();
  /**
   * undici closes the connection after every HEAD (in case a server sends a body anyway), which costs a new TCP (and
   * TLS) handshake per checked link: HEADs keep the connection alive, except on hosts caught sending such a body.
   */
  const headCloses = new Set<string>();
  const lastAddress = new Map<string, string>();
  let requests = 0;
  /** What is left of the run's time for waits on 429/503 answers (crawl.retryWaitBudgetMs). */
  let waitBudgetMs = crawl.retryWaitBudgetMs;

  function lookupFor(family: Family) {
    return (hostname: string, options: { all?: boolean; family?: number }, cb: (...args: unknown[]) => void) => {
      const want = family || (options.family === 4 || options.family === 6 ? options.family : undefined);
      resolver.lookup(hostname, want).then(
        (list) => {
          const usable = list.filter((a) => mayConnect(hostname, a.address));
          if (usable.length === 0) {
            const err = Object.assign(new Error(`${hostname} resolves only to non-public addresses (${list.map((a) => a.address).join(', ')})`), { code: BLOCKED_CODE });
            cb(err);
          } else if (options.all) cb(null, family ? usable : preferIpv4(usable));
          else cb(null, usable[0].address, usable[0].family);
        },
        (err) => cb(err),
      );
    };
  }

  function agentFor(family: Family): Agent {
    let agent = agents.get(family);
    if (!agent) {
      // Either family (family 0): IPv4 first, and the next address only after half the connect timeout (Node's
      // default 250 ms lets a busy event loop drift to IPv6, so the same site could be read over either family).
      const base = buildConnector({
        timeout: crawl.connectTimeoutMs,
        lookup: lookupFor(family),
        autoSelectFamily: family === 0,
        autoSelectFamilyAttemptTimeout: Math.max(250, Math.floor(crawl.connectTimeoutMs / 2)),
      } as buildConnector.BuildOptions);
      const connect: buildConnector.connector = (o, cb) =>
        base(o, (err, socket) => {
          if (socket?.remoteAddress) lastAddress.set(`${family}|${o.protocol}//${o.hostname}:${o.port || (o.protocol === 'https:' ? '443' : '80')}`, socket.remoteAddress);
          (cb as (e: Error | null, s: unknown) => void)(err, socket);
        });
      agent = new Agent({
        connect,
        // undici's timers are plain wall-clock timers: set to the patient timers' wall-clock cap (4 ×), they are only a
        // backstop, so a loop blocked by Lighthouse or a huge page does not turn a page that answered into a timeout
        headersTimeout: crawl.headersTimeoutMs * 4,
        bodyTimeout: crawl.bodyTimeoutMs * 4,
        keepAliveTimeout: 4_000,
        connections: crawl.concurrencyPerHost,
      });
      agents.set(family, agent);
    }
    return agent;
  }

  /** Refuses URLs whose literal IP host is non-public or of the wrong family (no DNS lookup happens for those). */
  function literalHostProblem(url: URL, family: Family): { code: FetchErrorCode; message: string } | null {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const kind = isIP(host);
    if (!kind) return null;
    if (family && kind !== family) return { code: 'dns', message: `${host} is an IPv${kind} address; IPv${family} was required` };
    if (!mayConnect(host, host)) return { code: 'blocked-address', message: `${host} is not a public address` };
    return null;
  }

  async function exchange(url: URL, method: 'GET' | 'HEAD', family: Family, fo: FetchOptions, maxBytes: number, counter: { n: number }): Promise<Exchange> {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
      'accept-encoding': 'gzip, deflate, br',
      ...lowerKeys(fo.headers ?? {}),
    };
    const dispatcher: Dispatcher = agentFor(family);
    /** One request and its body, under `deadline`; a retryable answer is returned as such while retries remain. */
    const exchangeOnce = async (deadline: AbortSignal, attempt: number): Promise<Exchange | Retryable> => {
      const reset = method === 'HEAD' && !headCloses.has(url.host) ? false : undefined;
      const res = await requestWithHeadersDeadline(url, { dispatcher, method, headers, reset }, deadline, crawl.headersTimeoutMs, fo.signal);
      const flat = flattenHeaders(res.headers);
      const body = res.body as unknown as Readable & { dump(o?: { limit: number }): Promise<void> };
      if (RETRY_STATUSES.has(res.statusCode) && attempt < crawl.retries) {
        await body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        return { retry: true, status: res.statusCode, headers: flat, retryAfterMs: parseRetryAfter(flat['retry-after'], now()) };
      }
      const wantsBody =
        method === 'GET' &&
        res.statusCode !== 204 &&
        res.statusCode !== 304 &&
        !(REDIRECT_STATUSES.has(res.statusCode) && fo.followRedirects !== false && flat.location) &&
        !(fo.htmlOnly && flat['content-type'] && !HTML_TYPES.test(flat['content-type']));
      if (!wantsBody) {
        await body.dump({ limit: 16 * 1024 }).catch(() => undefined);
        return { status: res.statusCode, headers: flat };
      }
      const read = await readBody(body, flat['content-encoding'], maxBytes);
      return { status: res.statusCode, headers: flat, read };
    };
    for (let attempt = 0; ; attempt++) {
      counter.n++;
      requests++;
      let outcome: Exchange | Retryable;
      try {
        outcome = await queue.run(url.host, async (): Promise<Exchange | Retryable> => {
          // the deadline starts when the request does, not while it waits for a free slot on its host
          fo.signal?.throwIfAborted();
          const deadline = patientAbortSignal(deadlineMs);
          try {
            return await exchangeOnce(deadline.signal, attempt);
          } finally {
            deadline.timer.clear();
          }
        });
      } catch (err) {
        if (fo.signal?.aborted) throw err;
        if (isParserError(err) && !headCloses.has(url.host)) {
          // most likely the leftover body of an earlier HEAD on this connection: not this URL's fault
          headCloses.add(url.host);
          continue;
        }
        if (classifyError(err).code === 'reset' && attempt < crawl.retries) {
          await wait(url.href, attempt + 1, Math.min(backoffMs(attempt + 1, url.href), crawl.maxRetryWaitMs), 'connection reset');
          continue;
        }
        throw err;
      }
      if (!('retry' in outcome)) {
        // retries used up on a "come back later" answer: a fact for the links check, which does not call it broken
        if (RETRY_STATUSES.has(outcome.status)) {
          const asked = parseRetryAfter(outcome.headers['retry-after'], now());
          if (outcome.status === 429 || asked !== null) outcome.rateLimited = { status: outcome.status, retryAfterMs: asked, why: 'retries-spent' };
        }
        return outcome;
      }
      const asked = outcome.retryAfterMs;
      if (asked !== null && asked > crawl.maxRetryWaitMs) {
        const seconds = Math.round(asked / 1000);
        return {
          status: outcome.status,
          headers: outcome.headers,
          note: `HTTP ${outcome.status} with Retry-After ${seconds} s, longer than the ${crawl.maxRetryWaitMs} ms cap: not obeyed, not retried`,
          rateLimited: { status: outcome.status, retryAfterMs: asked, why: 'wait-over-cap' },
        };
      }
      const waitMs = asked ?? Math.min(backoffMs(attempt + 1, url.href), crawl.maxRetryWaitMs);
      if (waitMs > waitBudgetMs) {
        return {
          status: outcome.status,
          headers: outcome.headers,
          note: `HTTP ${outcome.status}: a wait of ${Math.round(waitMs / 1000)} s does not fit in what is left of the run's wait budget (crawl.retryWaitBudgetMs): not retried`,
          ...(outcome.status === 429 || asked !== null ? { rateLimited: { status: outcome.status, retryAfterMs: asked, why: 'budget-spent' as const } } : {}),
        };
      }
      waitBudgetMs -= waitMs;
      await wait(url.href, attempt + 1, waitMs, `HTTP ${outcome.status}`);
    }
  }

  async function wait(url: string, attempt: number, ms: number, reason: string): Promise<void> {
    emit(opts.onEvent, { type: 'retry', url, attempt, waitMs: ms, reason });
    if (ms > 0) await sleep(ms);
  }

  async function fetchUrl(url: string, fo: FetchOptions = {}): Promise<FetchResult> {
    const started = performance.now();
    const family: Family = fo.family ?? 0;
    const maxBytes = fo.maxBytes ?? crawl.maxBodyBytes;
    let method = fo.method ?? 'GET';
    const result: FetchResult = { url, finalUrl: url, status: null, headers: {}, redirects: [], bytes: 0, timeMs: 0 };
    const counter = { n: 0 };
    const visited = new Set<string>();
    let current = url;
    const finish = (): FetchResult => {
      result.timeMs = Math.round(performance.now() - started);
      result.requests = counter.n;
      return result;
    };
    const fail = (code: FetchErrorCode, message: string): FetchResult => {
      result.error = code;
      result.errorMessage = message;
      return finish();
    };

    for (;;) {
      result.finalUrl = current;
      visited.add(current);
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        return fail('unsupported-scheme', `not a valid URL: ${current}`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return fail('unsupported-scheme', `${parsed.protocol} URLs are not fetched`);
      const literal = literalHostProblem(parsed, family);
      if (literal) return fail(literal.code, literal.message);
      if (fo.signal?.aborted) return fail('network', 'aborted');

      let ex: Exchange;
      try {
        ex = await exchange(parsed, method, family, fo, maxBytes, counter);
      } catch (err) {
        if (fo.signal?.aborted) return fail('network', 'aborted');
        const { code, message } = classifyError(err);
        return fail(code, message);
      }
      result.status = ex.status;
      result.headers = ex.headers;
      result.address = lastAddress.get(`${family}|${parsed.protocol}//${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`);
      if (ex.note) result.errorMessage = ex.note;
      if (ex.rateLimited) result.rateLimited = ex.rateLimited;

      const location = ex.headers.location;
      if (REDIRECT_STATUSES.has(ex.status) && location && fo.followRedirects !== false) {
        const next = normalizeUrl(location, current);
        if (next && !visited.has(next) && fo.stopBefore?.(next)) return finish();
        result.redirects.push(current);
        if (!next) {
          result.status = null;
          return fail('network', `redirect to an invalid URL: ${location.slice(0, 200)}`);
        }
        if (visited.has(next)) {
          result.finalUrl = next;
          result.status = null;
          return fail('redirect-loop', `redirect loop: ${[...result.redirects, next].join(' → ')}`);
        }
        if (result.redirects.length > crawl.maxRedirects) {
          result.finalUrl = next;
          result.status = null;
          return fail('too-many-redirects', `more than ${crawl.maxRedirects} redirects`);
        }
        if (ex.status === 303) method = 'GET';
        current = next;
        continue;
      }

      if (ex.read) {
        const { read } = ex;
        result.bytes = read.bytes;
        if (read.truncated) {
          result.truncated = true;
          result.capped = bodyCap(read, maxBytes);
        }
        if (read.decodeProblem) result.errorMessage = read.decodeProblem;
        if (read.readError !== undefined) {
          const { code, message } = classifyError(read.readError);
          result.error = fo.signal?.aborted ? 'network' : code;
          result.errorMessage = `body: ${fo.signal?.aborted ? 'aborted' : message}`;
          result.truncated = true;
        }
        result.body = read.body;
        const type = ex.headers['content-type'] ?? null;
        if (fo.decode !== false && (type === null || TEXT_TYPES.test(type))) {
          const decoded = decodeBody(read.body, type);
          result.text = decoded.text;
          result.charset = decoded.charset;
          result.charsetSource = decoded.source;
        }
      }
      return finish();
    }
  }

  return {
    fetch: fetchUrl,
    get requests() {
      return requests;
    },
    async close() {
      await Promise.all([...agents.values()].map((a) => a.destroy().catch(() => undefined)));
      agents.clear();
    },
  };
}

/**
 * undici's own timers are coarse (about half a second for long timeouts), which makes a 1.5 s headers timeout
 * fire anywhere up to 2 s: a precise timer of our own ends the wait for headers, and the overall deadline ends
 * the whole exchange (body included). Both are patient timers (patient-timer.ts): time the event loop spent
 * blocked does not count, so a page that answered in time is not recorded as a timeout.
 */
async function requestWithHeadersDeadline(
  url: URL,
  opts: { dispatcher: Dispatcher; method: 'GET' | 'HEAD'; headers: Record<string, string>; reset?: boolean },
  deadline: AbortSignal,
  headersMs: number,
  outer?: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const waitForHeaders = new AbortController();
  const signals = [deadline, waitForHeaders.signal];
  if (outer) signals.push(outer);
  const timer = patientTimeout(headersMs, () => waitForHeaders.abort());
  try {
    return await request(url, { ...opts, signal: AbortSignal.any(signals) });
  } catch (err) {
    // undici's own headers timer (set to the same limit) may fire first under load: the same failure, told the same
    // way, so a finding's evidence does not depend on which of two equal timers won
    const undiciHeadersTimeout = (err as { code?: unknown } | null)?.code === 'UND_ERR_HEADERS_TIMEOUT';
    if ((waitForHeaders.signal.aborted || undiciHeadersTimeout) && !outer?.aborted) {
      throw Object.assign(new Error(`no response headers within ${headersMs} ms`), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    }
    throw err;
  } finally {
    timer.clear();
  }
}

/** Decompressed bytes per compressed byte from which a body that passed the cap counts as a compression bomb. */
const BOMB_RATIO = 100;

/** The facts of a body cut at the cap `cap`. */
function bodyCap(read: { bytes: number; wireBytes: number; encoding?: string }, cap: number): BodyCap {
  const out: BodyCap = { bytesRead: read.bytes, cap, why: read.encoding && read.bytes >= BOMB_RATIO * Math.max(1, read.wireBytes) ? 'compression-bomb' : 'too-large' };
  if (read.encoding) Object.assign(out, { compressedBytes: read.wireBytes, encoding: read.encoding });
  return out;
}

/** undici could not read the answer as HTTP/1.1 (e.g. bytes left over from a body sent with a HEAD answer). */
function isParserError(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown } | null;
  return e?.name === 'HTTPParserError' || (typeof e?.code === 'string' && e.code.startsWith('HPE_'));
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Orders resolved addresses IPv4 first (stable within a family), so the ordinary crawl is deterministic. */
function preferIpv4<T extends { family: number }>(list: T[]): T[] {
  return [...list.filter((a) => a.family === 4), ...list.filter((a) => a.family !== 4)];
}
