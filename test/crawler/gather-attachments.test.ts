// The attachments gatherer against the street fixture site (loopback): every linked PDF/DOCX/XLSX is downloaded and
// its text kept (the legacy .doc too), and the per-site cap leaves the rest unread with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { attachmentsGatherer, collectAttachmentLinks } from '../../crawler/gather-attachments.ts';
import { createResolver } from '../../crawler/resolver.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { demoConfigFile } from '../support/demo.ts';
import { relativeUrl } from '../support/expected.ts';
import { links } from '../../checks/links.ts';
import { runChecks } from '../../checks/runner.ts';
import type { CheckContext } from '../../checks/types.ts';

const now = new Date('2026-11-20T02:00:00Z');
let server: FixtureServer;
let config: DistrictConfig;
let fetcher: Fetcher;
let crawled: SiteArtifacts;
let origin: string;

beforeAll(async () => {
  server = await startFixtureServer({ sites: ['street'] });
  config = parseConfig(server.config(), demoConfigFile);
  fetcher = createFetcher({ config, resolver: createResolver(config.resolve) });
  const site = config.sites[0];
  crawled = { site, unavailable: {}, ...(await crawlSite({ site, config, fetcher, now: () => now })) };
  origin = server.sites.street.origin;
}, 30_000);
afterAll(async () => {
  await fetcher?.close();
  await server?.close();
});

async function gather(cfg: DistrictConfig): Promise<SiteArtifacts> {
  const a: SiteArtifacts = { ...crawled, unavailable: {} };
  const ctx = { site: cfg.sites[0], config: cfg, now, fetcher, needed: new Set(['attachments']) } as unknown as GatherContext;
  await attachmentsGatherer.gather(ctx, a);
  return a;
}

describe('attachments gatherer', () => {
  it('reads the text of every linked attachment, the legacy Word .doc included', async () => {
    const a = await gather(config);
    const rows = a.attachments!.map((f) => [relativeUrl(f.url, origin), f.format, f.foundOn.map((p) => relativeUrl(p, origin)), typeof f.text === 'string', f.notMeasured ?? null]);
    expect(rows).toEqual([
      ['/tzgg/202601/P020260108301234567890.doc', 'doc', ['/tzgg/202601/t20260108_1833.htm'], true, null],
      ['/tzgg/202601/P020260108301234567891.pdf', 'pdf', ['/tzgg/202601/t20260108_1833.htm'], true, null],
      ['/tzgg/202603/P020260310412298765432.docx', 'docx', ['/tzgg/202603/t20260310_1872.htm'], true, null],
      ['/tzgg/202605/P020260520390112345678.xlsx', 'xlsx', ['/tzgg/202605/t20260520_1905.htm'], true, null],
    ]);
    expect(a.attachments![3].text).toContain('陈某国');
    expect(a.attachments![0].text).toContain('身份证号：350502199304125613');
    expect(a.unavailable).toEqual({});
  });

  it('stops at attachments.maxFiles and skips files larger than attachments.maxBytes', async () => {
    const raw = server.config() as Record<string, unknown>;
    const capped = parseConfig({ ...raw, attachments: { maxFiles: 3, maxBytes: 8 * 1024 } }, demoConfigFile);
    const a = await gather(capped);
    expect(a.attachments!.map((f) => f.notMeasured ?? 'read')).toEqual([
      expect.stringContaining('attachments.maxBytes'),
      'read',
      expect.stringContaining('attachments.maxBytes'),
      expect.stringContaining('attachments.maxFiles'),
    ]);
    // the files cut at the cap are recorded beside the crawl's capped pages, and the links check reports them
    const big = a.attachments!.filter((f) => f.notMeasured?.includes('attachments.maxBytes')).map((f) => f.url);
    expect(a.crawl!.capped).toEqual(big.map((url) => ({ url, bytesRead: 8 * 1024, cap: 8 * 1024, why: 'too-large', setting: 'attachments.maxBytes', foundOn: a.attachments!.find((f) => f.url === url)!.foundOn })));
    expect(crawled.crawl!.capped).toBeUndefined();
    const ctx = { now, timezone: 'Asia/Shanghai', config: capped, site: capped.sites[0], calendar: {} } as unknown as CheckContext;
    const [result] = runChecks([links], a, ctx);
    expect(result.findings.filter((f) => f.code === 'link.too-large').map((f) => [f.url, f.message, f.evidence.capSetting])).toEqual(
      big.map((url) => [url, '附件超过8 KB，未读取其内容，未检测其中的个人信息；请压缩或拆分该附件', 'attachments.maxBytes']),
    );
  });

  it('collects only same-site attachment links of healthy pages', () => {
    const page = crawled.pages!.find((p) => p.url.endsWith('t20260108_1833.htm'))!;
    const foreign = { ...page, links: [...page.links, { url: 'http://other.gov.cn/a.pdf', tag: 'a' as const }, { url: `${origin}/x.htm`, tag: 'a' as const }] };
    const broken = { ...page, url: `${origin}/broken.htm`, status: 404 };
    const found = collectAttachmentLinks([foreign, broken], new Set([new URL(origin).hostname]));
    expect([...found.keys()].map((u) => relativeUrl(u, origin))).toEqual(['/tzgg/202601/P020260108301234567890.doc', '/tzgg/202601/P020260108301234567891.pdf']);
  });
});
