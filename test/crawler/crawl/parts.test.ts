// Unit tests of crawlSite's parts (crawler/crawl/): frontier, redirect handling, target checker plan, summary, refs.
import { describe, expect, it } from 'vitest';
import { createFrontier, type AdmitContext } from '../../../crawler/crawl/frontier.ts';
import { createRedirectEnds, settleStubs, stoppedAt, stubOutcome, stubPage, type RedirectStub } from '../../../crawler/crawl/redirects.ts';
import { createRefInterner } from '../../../crawler/crawl/refs.ts';
import { closeSummary, MAX_LISTED, noteTrap, settleUnreached, skip, startSummary } from '../../../crawler/crawl/summary.ts';
import { byHost, openTargets, planChecks } from '../../../crawler/crawl/target-checker.ts';
import type { FetchResult } from '../../../crawler/fetcher.ts';
import { createLinkIndex } from '../../../crawler/linkindex.ts';

const O = 'http://www.test.gov.cn';

function answer(url: string, status: number | null, headers: Record<string, string> = {}, redirects: string[] = []): FetchResult {
  return { url, finalUrl: url, status, headers, redirects, bytes: 0, timeMs: 5, requests: 1 };
}

describe('frontier', () => {
  const ctx = (over: Partial<AdmitContext> = {}): AdmitContext => ({ disallowed: () => false, known: () => false, pagesKept: 0, ...over });

  it('gives each URL of a level, in URL order, one verdict: robots, trap, known, page budget, fetch', () => {
    const f = createFrontier({ maxPages: 3, maxDepth: 5, maxQueryVariantsPerPath: 2 });
    const level = f.level([`${O}/z`, `${O}/cal?m=1`, `${O}/cal?m=2`, `${O}/cal?m=3`, `${O}/private/x`, `${O}/moved-here`, `${O}/a`, `${O}/b`]);
    expect(level).toEqual([`${O}/a`, `${O}/b`, `${O}/cal?m=1`, `${O}/cal?m=2`, `${O}/cal?m=3`, `${O}/moved-here`, `${O}/private/x`, `${O}/z`]);
    const verdicts = f.admit(level, 1, ctx({ disallowed: (u) => u.includes('/private/'), known: (u) => u.endsWith('/moved-here'), pagesKept: 1 }));
    expect(verdicts).toEqual([
      { url: `${O}/a`, verdict: 'fetch' },
      { url: `${O}/b`, verdict: 'fetch' },
      { url: `${O}/cal?m=1`, verdict: 'skip', reason: 'max-pages', truncates: true },
      { url: `${O}/cal?m=2`, verdict: 'skip', reason: 'max-pages', truncates: true },
      { url: `${O}/cal?m=3`, verdict: 'skip', reason: 'trap: query-variants', trap: 'query-variants' },
      { url: `${O}/moved-here`, verdict: 'known' },
      { url: `${O}/private/x`, verdict: 'skip', reason: 'robots', robots: true },
      { url: `${O}/z`, verdict: 'skip', reason: 'max-pages', truncates: true },
    ]);
    expect([...f.fetchable]).toEqual([`${O}/a`, `${O}/b`]);
    // every URL had its verdict: none comes back in a later level
    expect(f.level([`${O}/a`, `${O}/z`, `${O}/new`])).toEqual([`${O}/new`]);
  });

  it('beyond the depth limit fetches nothing and keeps URLs unseen; a redirect-reached page keeps its answer', () => {
    const f = createFrontier({ maxPages: 100, maxDepth: 1, maxQueryVariantsPerPath: 10 });
    const verdicts = f.admit([`${O}/deep`, `${O}/landed`], 2, ctx({ known: (u) => u.endsWith('/landed') }));
    expect(verdicts).toEqual([
      { url: `${O}/deep`, verdict: 'skip', reason: 'max-depth', truncates: true },
      { url: `${O}/landed`, verdict: 'known' },
    ]);
    expect([...f.seen]).toEqual([]);
    expect([...f.fetchable]).toEqual([]);
  });
});

describe('redirect handling', () => {
  it('stops a redirect only before a page the crawl fetches anyway', () => {
    const fetchable = new Set([`${O}/news/`]);
    expect(stoppedAt(answer(`${O}/old`, 301, { location: '/news/' }), fetchable)).toBe(`${O}/news/`);
    expect(stoppedAt(answer(`${O}/old`, 301, { location: '/elsewhere' }), fetchable)).toBe(null);
    expect(stoppedAt(answer(`${O}/old`, 200, { location: '/news/' }), fetchable)).toBe(null);
    expect(stoppedAt(answer(`${O}/old`, 302, {}), fetchable)).toBe(null);
  });

  it('settles stubs leading to stubs after them, and stubs leading only to each other as a loop', async () => {
    const stub = (url: string, to: string): RedirectStub => ({ url: `${O}${url}`, depth: 1, hop: answer(`${O}${url}`, 302, { location: to }), to: `${O}${to}` });
    const order: [string, boolean][] = [];
    await settleStubs([stub('/c', '/b'), stub('/b', '/page'), stub('/x', '/y'), stub('/y', '/x'), stub('/a', '/page')], async (s, loop) => {
      order.push([s.url.slice(O.length), loop]);
    });
    expect(order).toEqual([
      ['/a', false],
      ['/b', false],
      ['/c', false],
      ['/x', true],
      ['/y', true],
    ]);
  });

  it('gives a stub its target outcome over one more hop, or a redirect loop; its page carries its own chain', () => {
    const s: RedirectStub = { url: `${O}/old`, depth: 2, hop: answer(`${O}/old`, 301, { location: '/new' }), to: `${O}/new` };
    expect(stubOutcome(s, { method: 'CRAWL', status: 200, finalUrl: `${O}/new`, redirects: 0 })).toEqual({ method: 'CRAWL', status: 200, finalUrl: `${O}/new`, redirects: 1 });
    const loop = stubOutcome(s, 'loop');
    expect(loop).toEqual({ method: 'CRAWL', status: null, error: 'redirect-loop', errorMessage: `redirect loop: ${O}/old → ${O}/new`, finalUrl: `${O}/new`, redirects: 1 });
    const landing = { url: `${O}/new`, finalUrl: `${O}/new`, depth: 1, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 10, fetchedAt: 't', timeMs: 1, isHtml: true, title: '新址', meta: {}, links: [{ url: `${O}/x`, tag: 'a' as const }] };
    expect(stubPage(s, stubOutcome(s, { method: 'CRAWL', status: 200, finalUrl: `${O}/new`, redirects: 0 }), landing, 'now')).toEqual({
      ...landing,
      url: `${O}/old`,
      depth: 2,
      redirects: [`${O}/old`],
      fetchedAt: 'now',
      timeMs: 5,
      links: [{ url: `${O}/new`, tag: 'redirect' }, { url: `${O}/x`, tag: 'a' }],
    });
    expect(stubPage(s, loop, undefined, 'now')).toMatchObject({ status: null, error: 'redirect-loop', isHtml: false, links: [{ url: `${O}/new`, tag: 'redirect' }] });
  });

  it('remembers where redirects ended, the first page in URL order winning, without its redirect count', () => {
    const ends = createRedirectEnds();
    ends.remember(`${O}/z`, `${O}/end`, { method: 'CRAWL', status: 200, finalUrl: `${O}/end`, redirects: 2 });
    ends.remember(`${O}/a`, `${O}/end`, { method: 'CRAWL', status: 404, finalUrl: `${O}/end`, redirects: 1 });
    ends.remember(`${O}/m`, `${O}/end`, { method: 'CRAWL', status: 500, finalUrl: `${O}/end`, redirects: 1 });
    expect(ends.outcomeAt(`${O}/end`)).toEqual({ method: 'CRAWL', status: 404, finalUrl: `${O}/end`, redirects: 0 });
    expect([...ends.ends()]).toEqual([`${O}/end`]);
    expect(ends.outcomeAt(`${O}/other`)).toBe(undefined);
  });
});

describe('target checker plan', () => {
  it('checks allowed resources and the first external links; settles the rest as skipped with why', () => {
    const index = createLinkIndex();
    index.add(`${O}/a.pdf`, 'resource', true, { from: `${O}/` });
    index.add(`${O}/private/b.pdf`, 'resource', true, { from: `${O}/` });
    index.add('ftp://files.test.gov.cn/x', 'other', false, { from: `${O}/` });
    index.add('https://b.example.cn/', 'external', false, { from: `${O}/` });
    index.add('https://a.example.cn/', 'external', false, { from: `${O}/` });
    index.add('https://c.example.cn/', 'external', false, { from: `${O}/` });
    index.add(`${O}/page`, 'page', true, { from: `${O}/` }).outcome = { method: 'CRAWL', status: 200, redirects: 0 };
    const open = openTargets(index);
    expect(open.resources.map((e) => e.url)).toEqual([`${O}/a.pdf`, `${O}/private/b.pdf`]);
    expect(open.externals.map((e) => e.url)).toEqual(['https://a.example.cn/', 'https://b.example.cn/', 'https://c.example.cn/']);
    const plan = planChecks(open, { checkExternal: true, maxExternalLinks: 2, disallowed: (u) => u.includes('/private/') });
    expect(plan.map((c) => [c.entry.url, c.external])).toEqual([
      [`${O}/a.pdf`, false],
      ['https://a.example.cn/', true],
      ['https://b.example.cn/', true],
    ]);
    const outcomes = Object.fromEntries([...index.entries()].map((e) => [e.url, e.outcome]));
    expect(outcomes).toEqual({
      [`${O}/a.pdf`]: undefined,
      [`${O}/private/b.pdf`]: { method: 'HEAD', status: null, redirects: 0, skipped: 'robots', error: 'robots' },
      'ftp://files.test.gov.cn/x': { method: 'HEAD', status: null, redirects: 0, skipped: 'ftp: links are not checked', error: 'unsupported-scheme' },
      'https://a.example.cn/': undefined,
      'https://b.example.cn/': undefined,
      'https://c.example.cn/': { method: 'HEAD', status: null, redirects: 0, skipped: 'over the limit of 2 external links per site (crawl.maxExternalLinks)' },
      [`${O}/page`]: { method: 'CRAWL', status: 200, redirects: 0 },
    });
    expect(byHost(plan).map((g) => g.map((c) => c.entry.url))).toEqual([[`${O}/a.pdf`], ['https://a.example.cn/'], ['https://b.example.cn/']]);
  });

  it('skips every external link when crawl.checkExternal is false', () => {
    const index = createLinkIndex();
    index.add('https://a.example.cn/', 'external', false, {});
    const plan = planChecks(openTargets(index), { checkExternal: false, maxExternalLinks: 10, disallowed: () => false });
    expect(plan).toEqual([]);
    expect(index.get('https://a.example.cn/')?.outcome?.skipped).toBe('external links are not checked (crawl.checkExternal is false)');
  });
});

describe('summary', () => {
  it('closes with counts, sorted lists and the fatal reason; open targets become skipped', () => {
    const s = startSummary({ homepage: `${O}/`, maxPages: 10, maxDepth: 3, robotsRespected: true, startedAt: 'start' });
    noteTrap(s, `${O}/z`, 'path-depth');
    noteTrap(s, `${O}/a`, 'repeating-segments');
    s.robotsDisallowed.push(`${O}/y`, `${O}/b`);
    expect(closeSummary(s, { pagesCrawled: 4, requests: 9, finishedAt: 'end', fatal: 'homepage answered HTTP 500' })).toEqual({
      homepage: `${O}/`,
      pagesCrawled: 4,
      truncated: false,
      maxPages: 10,
      maxDepth: 3,
      robotsRespected: true,
      robotsDisallowed: [`${O}/b`, `${O}/y`],
      trapsSkipped: [{ url: `${O}/a`, guard: 'repeating-segments' }, { url: `${O}/z`, guard: 'path-depth' }],
      requests: 9,
      startedAt: 'start',
      finishedAt: 'end',
      fatal: 'homepage answered HTTP 500',
    });
    const t = startSummary({ homepage: `${O}/`, maxPages: 1, maxDepth: 1, robotsRespected: false, startedAt: 's' });
    for (let i = 0; i < MAX_LISTED + 3; i++) noteTrap(t, `${O}/${i}`, 'path-depth');
    expect(t.trapsSkipped.length).toBe(MAX_LISTED);

    const index = createLinkIndex();
    index.add(`${O}/p`, 'page', true, {});
    index.add(`${O}/r.png`, 'resource', true, {});
    const kept = index.add(`${O}/k`, 'page', true, {});
    skip(kept, 'robots', 'robots');
    skip(kept, 'max-pages');
    settleUnreached(index, 'aborted');
    expect([...index.entries()].map((e) => [e.url, e.outcome])).toEqual([
      [`${O}/p`, { method: 'CRAWL', status: null, redirects: 0, skipped: 'not crawled: aborted' }],
      [`${O}/r.png`, { method: 'HEAD', status: null, redirects: 0, skipped: 'not crawled: aborted' }],
      [`${O}/k`, { method: 'CRAWL', status: null, redirects: 0, skipped: 'robots', error: 'robots' }],
    ]);
  });
});

describe('shared references', () => {
  it('gives identical references one object, under the URL as indexed', () => {
    const index = createLinkIndex();
    index.add(`${O}/a`, 'page', true, {});
    const intern = createRefInterner(index);
    const one = intern({ url: `${O}/a`, tag: 'a', text: '一' });
    expect(intern({ url: `${O}/a`, tag: 'a', text: '一' })).toBe(one);
    expect(intern({ url: `${O}/a`, tag: 'a', text: '二' })).not.toBe(one);
    expect(one).toEqual({ url: `${O}/a`, tag: 'a', text: '一' });
  });
});
