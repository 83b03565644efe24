// govaudit's accessibility runner as the bench runs it, in its own process: one Chromium (the run's browser pool),
// an incognito session, each page loaded and checked with axe-core exactly as the browser gatherer does, the
// bench's concurrency. Writes the rule ids found per page as JSON.
import { writeFile } from 'node:fs/promises';
import { axeLocale, runAxe } from '../../crawler/browser/axe-run.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { BrowserPool, navigate } from '../../crawler/browser/pool.ts';
import { requestGuardFor } from '../../crawler/browser/request-guard.ts';
import { createResolver } from '../../crawler/resolver.ts';

export interface AxeChildArgs {
  urls: string[];
  concurrency: number;
  tags: string[];
  out: string;
  /** Origins of the bench site's hosts (portal, the "external" hosts, the refused one): configured, so allowed. */
  siteHosts: string[];
}

export interface AxeChildResult {
  pages: { url: string; rules: string[]; error?: string }[];
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as AxeChildArgs;
  const executablePath = findChrome();
  if (!executablePath) throw new Error('no Chromium found (apt-get install chromium)');
  // as an audit with crawl.allowPrivateNetworks false runs it: every request judged by the address guard; the bench
  // site's hosts all live on loopback, so they are the configured site's scope (allowed), as public hosts would be
  const scope = args.siteHosts.map((h) => new URL(h).hostname);
  const config = { crawl: { allowPrivateNetworks: false }, resolve: {}, sites: [{ homepage: args.urls[0], scope }] };
  const guard = requestGuardFor(config as unknown as Parameters<typeof requestGuardFor>[0], createResolver({}));
  const pool = await BrowserPool.open({ executablePath, resolve: {}, concurrency: args.concurrency, guard });
  const session = pool.session();
  const locale = axeLocale();
  try {
    const pages = await Promise.all(
      args.urls.map(async (url) => {
        try {
          const rules = await session.withTab(
            async (page) => {
              await navigate(page, url, { timeoutMs: 60_000 });
              const axe = await runAxe(page, { tags: args.tags, locale });
              return axe.violations.map((v) => v.id).sort();
            },
            { timeoutMs: 90_000 },
          );
          return { url, rules };
        } catch (e) {
          return { url, rules: [], error: String((e as Error)?.message ?? e).split('\n')[0] };
        }
      }),
    );
    const result: AxeChildResult = { pages };
    await writeFile(args.out, JSON.stringify(result));
  } finally {
    await session.close();
    await pool.close();
  }
}

main().catch((err) => {
  process.stderr.write(`axe bench child: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
