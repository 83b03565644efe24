// Lighthouse one at a time per process (its performance marks are global, GoogleChrome/lighthouse#9845): the queue
// never runs two at once, retries a failed run once and names both reasons; and in a real Chromium, three sites
// audited at once each get their homepage's Lighthouse score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatherContext, RunResources, SiteArtifacts } from '../../crawler/gatherer.ts';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { browserGatherer } from '../../crawler/gather-browser.ts';
import { lighthouseOnce, lighthouseQueueSize } from '../../crawler/browser/lighthouse-run.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';

describe('the Lighthouse queue', () => {
  it('runs one task at a time however many are started at once', async () => {
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setImmediate(r));
      order.push(n);
      active--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4].map((n) => lighthouseOnce(task(n))));
    expect(results).toEqual([1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(lighthouseQueueSize()).toBe(0);
  });

  it('retries a failed run once', async () => {
    let calls = 0;
    const r = await lighthouseOnce(async () => {
      calls++;
      if (calls === 1) throw new Error('The "start lh:runner:gather" performance mark has not been set');
      return 'ok';
    });
    expect([r, calls]).toEqual(['ok', 2]);
  });

  it('names both reasons when the retry fails too, and does not retry once the audit is aborted', async () => {
    let n = 0;
    await expect(lighthouseOnce(async () => { throw new Error(`boom ${++n}\nstack`); })).rejects.toThrow('Lighthouse failed 2 times: (1) boom 1 (2) boom 2');
    let calls = 0;
    await expect(lighthouseOnce(async () => { calls++; throw new Error('stopped'); }, { aborted: () => true })).rejects.toThrow(/^stopped$/);
    expect(calls).toBe(1);
  });
});

const chrome = findChrome();
const SITES = ['a11y', 'portal', 'health'];

describe.skipIf(!chrome)('three sites audited at once in one process', { timeout: 300_000 }, () => {
  let server: FixtureServer;
  let config: DistrictConfig;
  let shared: RunResources;
  beforeAll(async () => {
    server = await startFixtureServer({ sites: SITES });
    // The demo turns Lighthouse off but for one site; here every site asks for it.
    const raw = server.config() as { accessibility?: object; sites: object[] };
    config = parseConfig({ ...raw, accessibility: { ...raw.accessibility, lighthouse: true }, sites: raw.sites.map((s) => ({ ...s, accessibility: { lighthouse: true } })) }, demoConfigFile);
    shared = createRunResources();
  });
  afterAll(async () => {
    await shared?.closeAll();
    await server?.close();
  });

  it('gives every site with a homepage its Lighthouse score', async () => {
    const home = (origin: string): PageArtifact => ({
      url: `${origin}/`, finalUrl: `${origin}/`, depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8',
      bytes: 1, fetchedAt: '', timeMs: 1, isHtml: true, title: null, meta: {}, links: [],
    });
    const runs = config.sites.map(async (site) => {
      const artifacts: SiteArtifacts = { site, unavailable: {}, pages: [home(new URL(site.homepage).origin)] };
      const ctx = { site, config, now: new Date(config.asOf!), shared, needed: new Set(['accessibility']), maxPages: 1 } as unknown as GatherContext;
      await browserGatherer.gather(ctx, artifacts);
      const lh = artifacts.accessibility?.lighthouse;
      return { site: site.id, hasScore: typeof lh?.score === 'number', error: lh?.error ?? null };
    });
    const got = await Promise.all(runs);
    expect(got.sort((a, b) => a.site.localeCompare(b.site))).toEqual(config.sites.map((s) => ({ site: s.id, hasScore: true, error: null })).sort((a, b) => a.site.localeCompare(b.site)));
  });
});
