// The rendered-lists gatherer: a configured column whose list page shows no item in its raw HTML but runs scripts
// is opened in the run's shared browser, and the list the visitor sees is read from the rendered DOM. Without a
// browser the artifact says so (the freshness check then marks such columns for review); it never fails the run.
import type { SiteArtifacts, GatherContext, Gatherer } from './gatherer.ts';
import { readColumn } from '../util/columns.ts';
import { indexPages } from '../util/site-pages.ts';
import { chromeCandidates, findChrome } from '../browser/chrome-path.ts';
import type { BrowserPool } from './browser/pool.ts';
import { sharedBrowserPool } from './gather-browser.ts';
import { parseHtml } from './html.ts';
import type { RenderedList } from '../contract/artifacts/rendered-lists.ts';

/** Reasons shown in the evidence (zh-CN). */
export const renderReasons = {
  noBrowser: (tried: string[]) => `未找到浏览器 (Chromium)，脚本生成的栏目列表未渲染（已查找：${tried.join('、')}）`,
  launchFailed: (detail: string) => `浏览器 (Chromium) 无法启动，脚本生成的栏目列表未渲染：${detail}`,
  failed: (detail: string) => `脚本生成的栏目列表未能渲染：${detail}`,
};

export interface RenderedListsOptions {
  findChrome?: typeof findChrome;
}

/** The gatherer; options exist for tests (a machine without a browser). */
export function createRenderedListsGatherer(opts: RenderedListsOptions = {}): Gatherer {
  const find = opts.findChrome ?? findChrome;
  return {
    id: 'rendered-lists',
    produces: ['renderedLists'],
    after: ['crawl'],
    async gather(ctx, artifacts) {
      try {
        await renderLists(ctx, artifacts, find);
      } catch (e) {
        artifacts.renderedLists = { browser: 'unavailable', reason: renderReasons.failed(firstLine(e)), pages: [] };
      }
    },
  };
}

/** Finds the columns to render and renders them in the shared browser. */
async function renderLists(ctx: GatherContext, artifacts: SiteArtifacts, find: typeof findChrome): Promise<void> {
  const urls = scriptFilledColumns(ctx, artifacts);
  if (urls.length === 0) {
    artifacts.renderedLists = { browser: 'not-needed', pages: [] };
    return;
  }
  const cfg = ctx.config.accessibility;
  const executablePath = find({ configured: cfg.chromePath });
  if (!executablePath) {
    artifacts.renderedLists = { browser: 'unavailable', reason: renderReasons.noBrowser(chromeCandidates({ configured: cfg.chromePath })), pages: [] };
    return;
  }
  let pool: BrowserPool;
  try {
    pool = await sharedBrowserPool(ctx, executablePath);
  } catch (e) {
    artifacts.renderedLists = { browser: 'unavailable', reason: renderReasons.launchFailed(firstLine(e)), pages: [] };
    return;
  }
  const session = pool.session();
  try {
    const pages = await Promise.all(urls.map((url) => render(session, url, cfg.pageTimeoutMs, ctx.signal)));
    artifacts.renderedLists = { browser: 'rendered', pages };
  } finally {
    await session.close();
  }
}

export const renderedListsGatherer: Gatherer = createRenderedListsGatherer();

/** Configured column URLs whose crawled list page has no item in its raw HTML: a column is empty only if the browser agrees. */
function scriptFilledColumns(ctx: GatherContext, artifacts: SiteArtifacts): string[] {
  if (!artifacts.pages?.length) return [];
  const index = indexPages(artifacts.pages);
  return ctx.site.columns.filter((c) => readColumn(c, index).emptyRaw).map((c) => c.url);
}

async function render(session: ReturnType<BrowserPool['session']>, url: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<RenderedList> {
  if (signal?.aborted) return { url, listItems: [], links: [], error: 'aborted' };
  try {
    return await session.withPage(
      async (page) => {
        page.on('dialog', (d) => void d.dismiss().catch(() => {}));
        const response = await page.goto(url, { waitUntil: 'networkidle0', timeout: timeoutMs });
        const status = response?.status() ?? null;
        const finalUrl = page.url();
        if (status !== null && status >= 400) return { url, finalUrl, listItems: [], links: [], error: `HTTP ${status}` };
        const parsed = parseHtml(await page.content(), finalUrl, { listMin: 1 });
        return { url, finalUrl, listItems: parsed.listItems ?? [], links: parsed.links };
      },
      { timeoutMs },
    );
  } catch (e) {
    return { url, listItems: [], links: [], error: firstLine(e) };
  }
}

function firstLine(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).split('\n')[0].slice(0, 300);
}
