// The CMS families of fixtures/cms (TRS WCM, 大汉 JCMS, 政府信息公开平台, gov.cn style, 开普云, 南威; GBK and UTF-8),
// crawled over real HTTP on 127.0.0.1: the whole document-metadata extraction of every page, every list's items (JCMS
// datastore, TRS script pagination, static 下一页/尾页 pagers, month-day dates), and the interpretation and freshness findings, each compared whole with the
// family's expected.json — a false finding fails like a missed one.
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteArtifacts, GatherContext } from '../../crawler/gatherer.ts';
import type { ColumnKind } from '../../contract/column.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { crawlSite } from '../../crawler/crawl.ts';
import { createFetcher, type Fetcher } from '../../crawler/fetcher.ts';
import { documentMetaGatherer } from '../../crawler/gather-document-meta.ts';
import { listPagesGatherer } from '../../crawler/gather-list-pages.ts';
import { interpretations } from '../../checks/interpretations.ts';
import { freshness } from '../../checks/freshness.ts';
import { runChecks } from '../../checks/runner.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { fixturesRoot } from '../../fixtures/server.ts';
import { relativeUrl } from '../support/expected.ts';
import { startServer, type TestServer } from './server.ts';

const NOW = new Date('2026-11-20T10:00:00+08:00');
const FAMILIES = ['trs', 'jcms', 'xxgk', 'govcn', 'kaipuyun', 'nanwei'];
const root = join(fixturesRoot, 'cms');

interface SiteSpec {
  family: string;
  encoding: 'utf-8' | 'gbk';
  host: string;
  columns: { name: string; path: string; kind: ColumnKind }[];
}

interface Extraction {
  meta: Record<string, Record<string, { value: string; source: string }>>;
  lists: Record<string, [string, string | null, string | null][]>;
  findings: Record<string, [string, string | null, boolean][]>;
}

/**
 * Serves a family's www/ folder; GBK pages go out without a charset in the header (the page's meta says it). A query
 * names its own file: `index.htm?pageIndex=2` is `index.pageIndex-2.htm` (query pagination of Java CMSs).
 */
function serve(dir: string, spec: SiteSpec): Promise<TestServer> {
  return startServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(u.pathname);
    const query = u.search.slice(1).replace(/[^\w]+/g, '-');
    const candidates = path.endsWith('/') ? [`${path}index.html`, `${path}index.htm`] : query ? [path.replace(/(\.\w+)$/, `.${query}$1`)] : [path];
    const file = candidates.map((c) => join(dir, c)).find((f) => f.startsWith(dir) && existsSync(f));
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<title>404</title>未找到');
      return;
    }
    const type = /^\.s?html?$/.test(extname(file)) ? (spec.encoding === 'gbk' ? 'text/html' : 'text/html; charset=utf-8') : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
}

/** Crawls a family's site and reads everything the checks need; returns the extraction as expected.json has it. */
async function extract(family: string): Promise<Extraction> {
  const spec = JSON.parse(readFileSync(join(root, family, 'site.json'), 'utf8')) as SiteSpec;
  const server = await serve(join(root, family, 'www'), spec);
  let fetcher: Fetcher | undefined;
  try {
    const origin = `http://${spec.host}:${server.port}`;
    const config: DistrictConfig = parseConfig(
      {
        district: '测试区',
        resolve: { [spec.host]: ['127.0.0.1'] },
        sites: [{ id: family, name: spec.family, unit: spec.family, homepage: `${origin}/`, columns: spec.columns.map((c) => ({ name: c.name, url: `${origin}${c.path}`, kind: c.kind })) }],
      },
      join(root, 'district.json'),
    );
    const site = config.sites[0];
    fetcher = createFetcher({ config });
    const crawled = await crawlSite({ site, config, fetcher, keep: { text: true, html: true }, now: () => NOW });
    const artifacts: SiteArtifacts = { site, unavailable: {}, ...crawled, renderedLists: { browser: 'not-needed', pages: [] } };
    const ctx = { site, config, now: NOW, fetcher, needed: new Set(['documentMeta', 'listPages']) } as unknown as GatherContext;
    await documentMetaGatherer.gather(ctx, artifacts);
    await listPagesGatherer.gather(ctx, artifacts);
    const rel = (u: string | null) => relativeUrl(u, origin);
    const meta: Extraction['meta'] = {};
    for (const m of artifacts.documentMeta!.pages) {
      const { url, ...fields } = m;
      meta[rel(url)!] = fields as Extraction['meta'][string];
    }
    const lists: Extraction['lists'] = {};
    for (const p of artifacts.pages!) if (p.listItems?.length) lists[rel(p.url)!] = p.listItems.map((i) => [i.title, rel(i.url), i.date]);
    for (const p of artifacts.listPages!.pages) lists[rel(p.url)!] = p.error ? [[p.error, null, null]] : p.listItems.map((i) => [i.title, rel(i.url), i.date]);
    const results = runChecks([interpretations, freshness], artifacts, { now: NOW, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() });
    const findings: Extraction['findings'] = {};
    for (const r of results) {
      expect(r.status, `${family} ${r.id}: ${r.reason ?? ''}`).not.toBe('error');
      findings[r.id] = r.findings.map((f) => [f.code, rel(f.url), f.review === true]);
    }
    return { meta: sortKeys(meta), lists: sortKeys(lists), findings };
  } finally {
    await fetcher?.close();
    await server.close();
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe.each(FAMILIES)('CMS family %s', { timeout: 60_000 }, (family) => {
  let got: Extraction;
  let expected: Extraction;
  beforeAll(async () => {
    got = await extract(family);
    const file = join(root, family, 'expected.json');
    // GOVAUDIT_WRITE_CMS_EXPECTED=1 writes the extraction for review when a family is added; never in CI.
    if (process.env.GOVAUDIT_WRITE_CMS_EXPECTED === '1') writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
    expected = JSON.parse(readFileSync(file, 'utf8')) as Extraction;
  }, 60_000);
  afterAll(() => {});

  it('reads every page\'s document metadata, with the shape each field came from', () => {
    expect(got.meta).toEqual(expected.meta);
  });
  it('reads every list\'s items (all of them, with their dates)', () => {
    expect(got.lists).toEqual(expected.lists);
  });
  it('pairs interpretations and judges freshness: exactly the expected findings', () => {
    expect(got.findings).toEqual(expected.findings);
  });
});
