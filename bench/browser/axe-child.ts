// govaudit's accessibility runner as the bench runs it, in its own process: one Chromium (the run's browser pool),
// an incognito session, each page loaded and checked with axe-core exactly as the browser gatherer does, the
// bench's concurrency. Writes the rule ids found per page as JSON.
import { writeFile } from 'node:fs/promises';
import { axeLocale, runAxe } from '../../crawler/browser/axe-run.ts';
import { findChrome } from '../../crawler/browser/chrome-path.ts';
import { BrowserPool, navigate } from '../../crawler/browser/pool.ts';

export interface AxeChildArgs {
  urls: string[];
  concurrency: number;
  tags: string[];
  out: string;
}

export interface AxeChildResult {
  pages: { url: string; rules: string[]; error?: string }[];
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as AxeChildArgs;
  const executablePath = findChrome();
  if (!executablePath) throw new Error('no Chromium found (apt-get install chromium)');
  const pool = await BrowserPool.open({ executablePath, resolve: {}, concurrency: args.concurrency });
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
