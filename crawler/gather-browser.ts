// The browser gatherer: opens the run's Chromium (shared by every site), checks the planned pages of one site with
// axe-core in a fresh incognito context, probes the homepage for the elderly-friendly rules and runs Lighthouse on
// it. No browser, or a browser that will not start, leaves `accessibility` unavailable with the reason.
import type { SiteArtifacts, GatherContext, Gatherer } from './gatherer.ts';
import type { A11yPage, HomepageProbe, LighthouseResult } from '../contract/artifacts/accessibility.ts';
import { axeEngine, axeLocale, runAxe } from './browser/axe-run.ts';
import { chromeCandidates, findChrome } from '../browser/chrome-path.ts';
import { accessibilityFor, type AccessibilityConfig } from '../config/crawler/accessibility.ts';
import { probeHomepage } from './browser/homepage-probe.ts';
import { lighthouseOnce, runLighthouse, stopLighthouse } from './browser/lighthouse-run.ts';
import { BrowserPool, navigate, type BrowserSession } from './browser/pool.ts';
import { selectPages, type PlannedPage } from './browser/select-pages.ts';
import { TimeLimitError, withTimeLimit } from '../util/time-limit.ts';
import { connectRuleFor, requestGuardFor } from './browser/request-guard.ts';

/** Key of the run's shared browser in `ctx.shared`. */
export const browserResourceKey = 'browser';

/**
 * The run's one browser, launched by whichever browser gatherer needs it first (accessibility, rendered lists, link
 * visibility) with the config's host map, page concurrency and request guard, and closed at the end of the run.
 */
export function sharedBrowserPool(ctx: GatherContext, executablePath: string): Promise<BrowserPool> {
  return ctx.shared.get(
    browserResourceKey,
    () => BrowserPool.open({ executablePath, resolve: ctx.config.resolve, guard: requestGuardFor(ctx.config, ctx.resolver), connect: connectRuleFor(ctx.config, ctx.resolver), concurrency: ctx.config.accessibility.concurrency }),
    (p) => p.close(),
  );
}

/** Reasons shown on the scorecard (zh-CN). */
export const browserReasons = {
  noBrowser: (tried: string[]) =>
    `未找到浏览器 (Chromium)，无障碍检测未进行。已查找：${tried.join('、')}。请安装 Chromium（apt-get install chromium fonts-noto-cjk）或设置 CHROME_PATH。`,
  launchFailed: (detail: string) => `浏览器 (Chromium) 无法启动，无障碍检测未进行：${detail}`,
  aborted: '检测已中止',
  notHtml: (type: string) => `不是网页（${type}）`,
  homepageFailed: '首页未能在浏览器中打开',
};

export interface BrowserGathererOptions {
  /** Finds the browser executable (default: config, CHROME_PATH, the usual paths). */
  findChrome?: typeof findChrome;
}

/** The gatherer; options exist for tests (a machine without a browser). */
export function createBrowserGatherer(opts: BrowserGathererOptions = {}): Gatherer {
  const find = opts.findChrome ?? findChrome;
  return {
    id: 'browser',
    produces: ['accessibility'],
    after: ['crawl'],
    async gather(ctx, artifacts) {
      const cfg = ctx.config.accessibility;
      const executablePath = find({ configured: cfg.chromePath });
      if (!executablePath) {
        artifacts.unavailable.accessibility = browserReasons.noBrowser(chromeCandidates({ configured: cfg.chromePath }));
        return;
      }
      let pool: BrowserPool;
      try {
        pool = await sharedBrowserPool(ctx, executablePath);
      } catch (e) {
        artifacts.unavailable.accessibility = browserReasons.launchFailed(firstLine(e));
        return;
      }
      await gatherAccessibility(ctx, artifacts, pool);
    },
  };
}

export const browserGatherer: Gatherer = createBrowserGatherer();

/** Checks one site's pages in `pool` and sets `artifacts.accessibility`. */
export async function gatherAccessibility(ctx: GatherContext, artifacts: SiteArtifacts, pool: BrowserPool): Promise<void> {
  const cfg = accessibilityFor(ctx.config.accessibility, ctx.site);
  const restartsBefore = pool.restarts;
  const maxPages = Math.min(cfg.maxPages, ctx.maxPages ?? Infinity);
  const plan = selectPages(ctx.site, artifacts.pages, maxPages);
  const locale = axeLocale();
  const session = pool.session();
  let homepage: HomepageProbe | null = null;
  let pages: A11yPage[];
  try {
    pages = await Promise.all(
      plan.map((p) =>
        checkPage(session, p, cfg, locale, ctx.signal, (probe) => {
          homepage = probe;
        }),
      ),
    );
  } finally {
    await session.close();
  }
  const home = pages.find((p) => p.kind === 'homepage');
  const lighthouse = cfg.lighthouse && home ? await lighthouseOf(pool, home, cfg, ctx.signal) : null;
  artifacts.accessibility = {
    axeVersion: axeEngine().version,
    locale: locale?.name ?? 'en',
    tags: cfg.tags,
    pages,
    homepage,
    lighthouse,
    browserRestarts: pool.restarts - restartsBefore,
    browserVersion: pool.version,
  };
}

async function checkPage(
  session: BrowserSession,
  planned: PlannedPage,
  cfg: AccessibilityConfig,
  locale: ReturnType<typeof axeLocale>,
  signal: AbortSignal | undefined,
  onProbe: (probe: HomepageProbe) => void,
): Promise<A11yPage> {
  const base = { url: planned.url, kind: planned.kind, ...(planned.column ? { column: planned.column } : {}) };
  let started = Date.now();
  const failed = (error: string, status: number | null = null, finalUrl?: string): A11yPage => ({
    ...base,
    ...(finalUrl ? { finalUrl } : {}),
    status,
    error,
    violations: [],
    incomplete: [],
    timeMs: Date.now() - started,
  });
  if (signal?.aborted) return failed(browserReasons.aborted);
  try {
    return await session.withTab(
      async (page) => {
        started = Date.now();
        const response = await navigate(page, planned.url, { timeoutMs: cfg.pageTimeoutMs });
        const status = response?.status() ?? null;
        const finalUrl = page.url();
        if (status !== null && status >= 400) return failed(`HTTP ${status}`, status, finalUrl);
        const type = response?.headers()['content-type'] ?? '';
        if (type && !/html/i.test(type)) return failed(browserReasons.notHtml(type.split(';')[0]), status, finalUrl);
        if (planned.kind === 'homepage') onProbe(await probeHomepage(page, { minFontPx: cfg.minFontPx }));
        const axe = await runAxe(page, { tags: cfg.tags, locale });
        return { ...base, finalUrl, status, violations: axe.violations, incomplete: axe.incomplete, timeMs: Date.now() - started };
      },
      { timeoutMs: cfg.pageTimeoutMs },
    );
  } catch (e) {
    return failed(firstLine(e));
  }
}

async function lighthouseOf(pool: BrowserPool, home: A11yPage, cfg: AccessibilityConfig, signal: AbortSignal | undefined): Promise<LighthouseResult> {
  const started = Date.now();
  const url = home.finalUrl ?? home.url;
  if (home.error) return { url, score: null, error: browserReasons.homepageFailed, timeMs: 0 };
  if (signal?.aborted) return { url, score: null, error: browserReasons.aborted, timeMs: 0 };
  const once = () =>
    pool.slot(async () => {
      const port = await pool.debuggingPort();
      const run = runLighthouse(url, port, Math.min(30_000, Math.floor(cfg.lighthouseTimeoutMs / 2)));
      try {
        return await withTimeLimit(run, cfg.lighthouseTimeoutMs, `Lighthouse time limit (${cfg.lighthouseTimeoutMs} ms) exceeded`);
      } catch (e) {
        if (e instanceof TimeLimitError) {
          // The abandoned run would still hold Lighthouse's global marks: end its thread, then the browser it drove.
          await stopLighthouse((e as Error).message);
          await pool.restart();
          await settleWithin(run, 10_000);
        } else run.catch(() => {});
        throw e;
      }
    });
  try {
    const r = await lighthouseOnce(once, { retries: 1, aborted: () => signal?.aborted === true });
    return { url, score: r.score, version: r.version, failedAudits: r.failedAudits, timeMs: Date.now() - started };
  } catch (e) {
    return { url, score: null, error: firstLine(e), timeMs: Date.now() - started };
  }
}

/** Waits for `p` to settle, at most `ms`. */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.then(() => {}, () => {}), new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); })]);
  clearTimeout(timer);
}

function firstLine(e: unknown): string {
  const text = (e as Error)?.message ?? String(e);
  return text.split('\n')[0].slice(0, 300);
}
