import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LinkTag } from '../../contract/artifacts/crawl.ts';
import { createLinkIndex, type TargetKind } from '../../crawler/linkindex.ts';

const ok = { method: 'HEAD' as const, status: 200, redirects: 0 };

describe('link index', () => {
  it('lists each target once with the sorted, distinct pages it was found on, its tags and homepage flag', () => {
    const index = createLinkIndex();
    const home = 'http://a.gov.cn/';
    index.add('http://a.gov.cn/b.html', 'page', true, { tag: 'a', from: home, onHomepage: true });
    index.add('http://a.gov.cn/logo.png', 'resource', true, { tag: 'img', from: home, onHomepage: true });
    index.add('http://a.gov.cn/b.html', 'page', true, { tag: 'a', from: home, onHomepage: true });
    index.add('http://a.gov.cn/logo.png', 'resource', true, { tag: 'img', from: 'http://a.gov.cn/b.html' });
    index.add('http://a.gov.cn/logo.png', 'page', true, { tag: 'a', from: 'http://a.gov.cn/a.html' });
    index.add('http://a.gov.cn/unchecked', 'page', true, { tag: 'a', from: home });
    for (const e of index.entries()) if (!e.url.endsWith('unchecked')) e.outcome = ok;
    expect(index.toTargets()).toEqual([
      { url: 'http://a.gov.cn/b.html', internal: true, ...ok, finalUrl: 'http://a.gov.cn/b.html', foundOn: [home], onHomepage: true, tags: ['a'] },
      { url: 'http://a.gov.cn/logo.png', internal: true, ...ok, finalUrl: 'http://a.gov.cn/logo.png', foundOn: ['http://a.gov.cn/', 'http://a.gov.cn/a.html', 'http://a.gov.cn/b.html'], onHomepage: true, tags: ['a', 'img'] },
    ]);
    expect(index.get('http://a.gov.cn/logo.png')?.kind).toBe('page');
    expect(index.size).toBe(3);
  });

  it('keeps one shared outcome for plain successes and gives every target its own final URL back', () => {
    const index = createLinkIndex();
    const a = index.add('http://a.gov.cn/a.png', 'resource', true, { tag: 'img', from: 'http://a.gov.cn/' });
    const b = index.add('http://a.gov.cn/b.png', 'resource', true, { tag: 'img', from: 'http://a.gov.cn/' });
    const c = index.add('http://a.gov.cn/c', 'resource', true, { tag: 'img', from: 'http://a.gov.cn/' });
    a.outcome = { method: 'HEAD', status: 200, finalUrl: a.url, redirects: 0 };
    b.outcome = { method: 'HEAD', status: 200, finalUrl: b.url, redirects: 0 };
    c.outcome = { method: 'HEAD', status: 200, finalUrl: 'http://a.gov.cn/c/', redirects: 1 };
    expect(a.outcome).toBe(b.outcome);
    expect(index.toTargets().map((t) => [t.url, t.finalUrl, t.redirects])).toEqual([
      ['http://a.gov.cn/a.png', 'http://a.gov.cn/a.png', 0],
      ['http://a.gov.cn/b.png', 'http://a.gov.cn/b.png', 0],
      ['http://a.gov.cn/c', 'http://a.gov.cn/c/', 1],
    ]);
  });

  it('gives the same targets as a plain set-per-target model, whatever the order of references', () => {
    const url = fc.constantFrom('http://x/1', 'http://x/2', 'http://x/3', 'http://x/a.png', 'http://y/', 'mailto:a@x');
    const from = fc.option(fc.constantFrom('http://x/', 'http://x/1', 'http://x/2', 'http://x/sitemap.xml'), { nil: undefined });
    const tag = fc.constantFrom<LinkTag>('a', 'img', 'script', 'redirect');
    const kind = fc.constantFrom<TargetKind>('page', 'resource', 'external');
    fc.assert(
      fc.property(fc.array(fc.record({ url, from, tag, kind, home: fc.boolean() }), { maxLength: 60 }), (refs) => {
        const index = createLinkIndex();
        const model = new Map<string, { foundOn: Set<string>; tags: Set<LinkTag>; home: boolean }>();
        for (const r of refs) {
          index.add(r.url, r.kind, true, { tag: r.tag, from: r.from, onHomepage: r.home });
          const m = model.get(r.url) ?? { foundOn: new Set(), tags: new Set(), home: false };
          if (r.from) m.foundOn.add(r.from);
          m.tags.add(r.tag);
          m.home ||= r.home;
          model.set(r.url, m);
        }
        for (const e of index.entries()) e.outcome = ok;
        const expected = [...model]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([u, m]) => ({ url: u, foundOn: [...m.foundOn].sort(), tags: [...m.tags].sort(), onHomepage: m.home }));
        expect(index.toTargets().map((t) => ({ url: t.url, foundOn: t.foundOn, tags: t.tags, onHomepage: t.onHomepage }))).toEqual(expected);
      }),
    );
  });
});
