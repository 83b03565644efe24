// The browser gatherer against the `a11y` fixture site in a real Chromium: exactly the known violations on the known
// pages (image without alt, unlabeled input, low contrast, missing lang), nothing on the clean pages, the homepage's
// elderly-friendly probes, Lighthouse's score; and "not measured" with the reason when there is no browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext, RunResources } from '../../crawler/gatherer.ts';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { accessibility } from '../../checks/accessibility.ts';
import { runChecks } from '../../checks/runner.ts';
import type { CheckContext } from '../../checks/types.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { findChrome } from '../../browser/chrome-path.ts';
import { browserGatherer, createBrowserGatherer } from '../../crawler/gather-browser.ts';
import { createRunResources } from '../../crawler/gatherers.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';
import { diffFindings, expectedFor } from '../support/expected.ts';

const chrome = findChrome();
let server: FixtureServer;
let config: DistrictConfig;
let origin: string;
let shared: RunResources;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['a11y'] });
  config = parseConfig(server.config(), demoConfigFile);
  origin = server.sites.a11y.origin;
  shared = createRunResources();
});
afterAll(async () => {
  await shared?.closeAll();
  await server?.close();
});

const ctxFor = (cfg: DistrictConfig, resources: RunResources) =>
  ({ site: cfg.sites[0], config: cfg, now: new Date(cfg.asOf!), shared: resources, needed: new Set(['accessibility']) }) as unknown as GatherContext;
const checkCtx = () => ({ now: new Date(config.asOf!), timezone: config.timezone, config, site: config.sites[0], calendar: {} }) as unknown as CheckContext;

/** What the crawl would have found: the column pages link to the three articles. */
function crawledPages(): PageArtifact[] {
  const page = (path: string, links: string[] = []): PageArtifact => ({
    url: `${origin}${path}`, finalUrl: `${origin}${path}`, depth: 1, status: 200, redirects: [], contentType: 'text/html; charset=utf-8',
    charset: 'utf-8', bytes: 1, fetchedAt: '', timeMs: 1, isHtml: true, title: null, meta: {}, links: links.map((l) => ({ url: `${origin}${l}`, tag: 'a' as const })),
  });
  return [
    page('/'),
    page('/gzdt/', ['/gzdt/202611/t20261118_101.htm', '/gzdt/202611/t20261113_102.htm']),
    page('/tzgg/', ['/tzgg/202611/t20261110_103.htm']),
    page('/gzdt/202611/t20261118_101.htm'),
    page('/gzdt/202611/t20261113_102.htm'),
    page('/tzgg/202611/t20261110_103.htm'),
    page('/images/zhuanti.png'),
  ].map((p) => (p.url.endsWith('.png') ? { ...p, isHtml: false, contentType: 'image/png' } : p));
}

describe.skipIf(!chrome)('browser gatherer on the a11y fixture site', { timeout: 240_000 }, () => {
  let artifacts: SiteArtifacts;
  beforeAll(async () => {
    artifacts = { site: config.sites[0], unavailable: {}, pages: crawledPages() };
    await browserGatherer.gather(ctxFor(config, shared), artifacts);
  }, 240_000);

  it('checks the homepage, both columns and the sampled articles, and finds exactly the known violations', () => {
    const a = artifacts.accessibility!;
    expect(artifacts.unavailable).toEqual({});
    const seen = Object.fromEntries(a.pages.map((p) => [`${p.kind} ${p.url.slice(origin.length)}`, { error: p.error, violations: p.violations.map((v) => v.id), incomplete: p.incomplete.map((v) => v.id) }]));
    const clean = { error: undefined, violations: [], incomplete: [] };
    expect(seen).toEqual({
      'homepage /': clean,
      'column /gzdt/': clean,
      'column /tzgg/': { ...clean, violations: ['color-contrast'] },
      'article /gzdt/202611/t20261118_101.htm': { ...clean, violations: ['image-alt'] },
      'article /gzdt/202611/t20261113_102.htm': { ...clean, violations: ['label'] },
      'article /tzgg/202611/t20261110_103.htm': { ...clean, violations: ['html-has-lang'] },
    });
    expect(a.locale).toBe('zh_CN');
    expect(a.pages.find((p) => p.url.endsWith('_101.htm'))!.violations[0]).toMatchObject({ impact: 'critical', help: '图像必须有替代文本', nodeCount: 1 });
  });

  it('probes the homepage: no accessible-mode entry, one floating layer, one line of small text', () => {
    expect(artifacts.accessibility!.homepage).toMatchObject({
      modeEntries: [],
      floatingLayers: [{ selector: '#piaochuang', position: 'absolute' }],
      smallTextCount: 1,
      smallText: [{ fontSizePx: 10, text: '本站信息仅供参考，以正式文件为准' }],
    });
  });

  it("scores the homepage with Lighthouse's accessibility category", () => {
    const lh = artifacts.accessibility!.lighthouse!;
    expect(lh.error).toBeUndefined();
    expect(lh.score).toBeGreaterThanOrEqual(90);
    expect(lh.version).toBe('12.2.3');
  });

  it('gives exactly the findings of expected/accessibility.json', () => {
    const result = runChecks([accessibility], artifacts, checkCtx())[0];
    expect(result.status).toBe('failed');
    expect(diffFindings(result.findings, expectedFor('a11y', 'accessibility'), origin)).toEqual([]);
  });
});

describe('without a usable browser', () => {
  it('marks accessibility unavailable with the reason, and the check "not measured"', async () => {
    const artifacts: SiteArtifacts = { site: config.sites[0], unavailable: {} };
    await createBrowserGatherer({ findChrome: () => null }).gather(ctxFor(config, createRunResources()), artifacts);
    expect(artifacts.accessibility).toBeUndefined();
    expect(artifacts.unavailable.accessibility).toMatch(/^未找到浏览器 \(Chromium\).*\/usr\/bin\/chromium/);
    const result = runChecks([accessibility], artifacts, checkCtx())[0];
    expect(result).toMatchObject({ status: 'not-measured', reason: artifacts.unavailable.accessibility, findings: [] });
  });

  it('says the browser would not start when the executable is not a browser', async () => {
    const broken = parseConfig({ ...(server.config() as object), accessibility: { chromePath: '/bin/false' } }, demoConfigFile);
    const resources = createRunResources();
    const artifacts: SiteArtifacts = { site: broken.sites[0], unavailable: {} };
    await browserGatherer.gather(ctxFor(broken, resources), artifacts);
    await resources.closeAll();
    expect(artifacts.accessibility).toBeUndefined();
    expect(artifacts.unavailable.accessibility).toMatch(/^浏览器 \(Chromium\) 无法启动/);
  });
});
