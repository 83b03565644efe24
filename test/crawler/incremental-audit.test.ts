// An incremental night gives the findings a full night gives: two stores audit the same loopback site on night 1;
// between the nights some pages change (a page gone, a new broken link, a changed title, a new page); on night 2 one
// store crawls incrementally (conditional requests, 304s rebuilt from what it kept), the other in full (`--full`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity } from '../../checks/identity.ts';
import { interaction } from '../../checks/interaction.ts';
import { interpretations } from '../../checks/interpretations.ts';
import { links } from '../../checks/links.ts';
import { crawlGatherer } from '../../crawler/gather-crawl.ts';
import { documentMetaGatherer } from '../../crawler/gather-document-meta.ts';
import { runAudit } from '../../scheduler/audit.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store, StoredFinding } from '../../store/types.ts';
import { siteConfig, startIncrementalSite, type Exchange, type IncrementalSite } from './incremental-site.ts';
import { page } from './server.ts';

const checks = [links, identity, interaction, interpretations];
const gatherers = [crawlGatherer, documentMetaGatherer];
const footer = '<footer><p>主办：测试区人民政府办公室 网站标识码：3505020001 闽ICP备12345678号 <a href="/contact.html">联系我们</a></p></footer>';
const filler = '<p>' + '为进一步做好政务公开工作，现将有关事项通知如下。'.repeat(30) + '</p>';

let site: IncrementalSite;
let dir: string;
const stores: Store[] = [];
let incremental: { findings: StoredFinding[]; exchanges: Exchange[] };
let full: { findings: StoredFinding[]; exchanges: Exchange[] };

async function night(store: Store, now: string, isFull: boolean) {
  site.reset();
  const { run } = await runAudit({ config: siteConfig(site), store, now: new Date(now), checks, gatherers, full: isFull });
  return { findings: await store.listFindings(run.id), exchanges: [...site.exchanges] };
}

beforeAll(async () => {
  site = await startIncrementalSite({
    '/': { body: page('测试区人民政府', `<nav><a href="/zwgk/">政务公开</a><a href="/a.html">通知一</a><a href="/b.html">通知二</a><a href="/c.html">通知三</a></nav><img src="/logo.png" alt="标志"><img src="/missing.png" alt="缺图">${filler}${footer}`) },
    '/zwgk/': { body: page('政务公开', `<ul><li><a href="/a.html">通知一</a><span>2026-11-30</span></li><li><a href="/b.html">通知二</a><span>2026-11-20</span></li></ul>${footer}`) },
    '/a.html': { body: page('通知一', `<h1>通知一</h1>${filler}<a href="/old.html">旧文</a>${footer}`) },
    '/b.html': { body: page('通知二', `<h1>通知二</h1>${filler}${footer}`), etag: false, lastModified: 'Mon, 30 Nov 2026 08:00:00 GMT' },
    '/c.html': { body: page('通知三', `<h1>通知三</h1>${filler}${footer}`) },
    '/contact.html': { body: page('联系我们', `<p>电话 0595-12345678</p>${footer}`) },
    '/logo.png': { body: Buffer.alloc(1_000, 7), type: 'image/png' },
  });
  dir = await mkdtemp(join(tmpdir(), 'govaudit-incremental-audit-'));
  stores.push(await openSqliteStore(join(dir, 'incremental')), await openSqliteStore(join(dir, 'full')));
  for (const store of stores) await night(store, '2026-12-01T18:00:00.000Z', false);

  // between the nights: a page is gone, one gains a broken link and a new title, a new page appears
  site.docs.delete('/c.html');
  site.docs.set('/b.html', { body: page('通知二（修订）', `<h1>通知二</h1>${filler}<a href="/new.html">新文</a><a href="/gone.pdf">附件</a>${footer}`), etag: false, lastModified: 'Wed, 02 Dec 2026 08:00:00 GMT' });
  site.docs.set('/new.html', { body: page('新文', `<h1>新文</h1>${filler}${footer}`) });

  incremental = await night(stores[0], '2026-12-02T18:00:00.000Z', false);
  full = await night(stores[1], '2026-12-02T18:00:00.000Z', true);
}, 120_000);

afterAll(async () => {
  for (const s of stores) await s.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byKey = (f: StoredFinding[]) => [...f].sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));

describe('an incremental night after some pages changed', () => {
  it('gives exactly the findings of a full night', () => {
    expect(byKey(incremental.findings)).toEqual(byKey(full.findings));
    expect(incremental.findings.map((f) => `${f.code} ${(f.url ?? '').replace(site.origin, '')} ${f.state}`).sort()).toEqual([
      'identity.missing-error-report-entrance / persisting',
      'identity.missing-party-mark / persisting',
      'identity.missing-police-record / persisting',
      'interaction.no-channel / persisting',
      'link.broken /c.html new',
      'link.broken /gone.pdf new',
      'link.broken /missing.png persisting',
      'link.broken /old.html persisting',
    ]);
    // the changes show: the gone page and the new broken attachment are new broken links
    const broken = incremental.findings.filter((f) => f.check === 'links').map((f) => [f.code, (f.url ?? '').replace(site.origin, '')]);
    expect(broken.sort()).toEqual(
      [
        ['link.broken', '/c.html'],
        ['link.broken', '/gone.pdf'],
        ['link.broken', '/missing.png'],
        ['link.broken', '/old.html'],
      ].sort(),
    );
  });

  it('asked for the unchanged pages conditionally and got 304s, while the full night fetched every page', () => {
    const pagesAsked = (n: typeof full, pred: (e: Exchange) => boolean) =>
      n.exchanges
        .filter((e) => e.method === 'GET' && pred(e))
        .map((e) => e.path)
        .sort();
    expect(pagesAsked(incremental, (e) => e.status === 304)).toEqual(['/', '/a.html', '/contact.html', '/zwgk/']);
    expect(pagesAsked(incremental, (e) => e.conditional === 'date')).toEqual(['/b.html']);
    expect(pagesAsked(full, (e) => e.conditional !== null)).toEqual([]);
    const bytes = (n: typeof full) => n.exchanges.reduce((s, e) => s + e.bytes, 0);
    expect(bytes(incremental)).toBeLessThan(bytes(full) / 2);
    // the healthy image was checked on night 1 and is not checked again; the full night checks it
    expect(incremental.exchanges.filter((e) => e.path === '/logo.png')).toEqual([]);
    expect(full.exchanges.filter((e) => e.path === '/logo.png').map((e) => e.method)).toEqual(['HEAD']);
  });
});
