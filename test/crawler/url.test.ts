import { describe, expect, it } from 'vitest';
import { hostOf, looksLikeFile, normalizeUrl } from '../../crawler/url.ts';

describe('normalizeUrl', () => {
  it('gives one spelling per resource', () => {
    const cases: [string, string | undefined, string][] = [
      ['HTTP://WWW.Test.GOV.cn:80/a/b.html#top', undefined, 'http://www.test.gov.cn/a/b.html'],
      ['https://www.test.gov.cn:443/', undefined, 'https://www.test.gov.cn/'],
      ['http://www.test.gov.cn:8080', undefined, 'http://www.test.gov.cn:8080/'],
      ['http://www.test.gov.cn/a/./b/../c/d.html', undefined, 'http://www.test.gov.cn/a/c/d.html'],
      ['../x.html?b=2&a=1', 'http://www.test.gov.cn/col/sub/page.html', 'http://www.test.gov.cn/col/x.html?b=2&a=1'],
      ['http://www.test.gov.cn./a', undefined, 'http://www.test.gov.cn/a'],
      ['http://www.test.gov.cn/a?', undefined, 'http://www.test.gov.cn/a'],
      ['/a;jsessionid=0AB12C?id=3', 'http://www.test.gov.cn/', 'http://www.test.gov.cn/a?id=3'],
      ['/a?PHPSESSID=abc&id=3&sid=9', 'http://www.test.gov.cn/', 'http://www.test.gov.cn/a?id=3'],
      ['/a?sid=9', 'http://www.test.gov.cn/', 'http://www.test.gov.cn/a'],
      ['/a?side=1&sidebar=2', 'http://www.test.gov.cn/', 'http://www.test.gov.cn/a?side=1&sidebar=2'],
      ['  /spaced.html  ', 'http://www.test.gov.cn/', 'http://www.test.gov.cn/spaced.html'],
      ['//cdn.test.gov.cn/x.js', 'https://www.test.gov.cn/', 'https://cdn.test.gov.cn/x.js'],
      ['mailto:web@test.gov.cn', undefined, 'mailto:web@test.gov.cn'],
    ];
    for (const [href, base, expected] of cases) expect(normalizeUrl(href, base), href).toBe(expected);
  });

  it('returns null for what does not parse', () => {
    expect(normalizeUrl('http://[bad/')).toBeNull();
    expect(normalizeUrl('relative/only')).toBeNull();
  });

  it('reads hosts without port or brackets', () => {
    expect(hostOf('http://WWW.test.gov.cn:8080/x')).toBe('www.test.gov.cn');
    expect(hostOf('http://[::1]:80/')).toBe('::1');
  });

  it('tells files from pages by extension', () => {
    expect(looksLikeFile('http://x.gov.cn/a/附件.PDF')).toBe(true);
    expect(looksLikeFile('http://x.gov.cn/a/b.xlsx?x=1')).toBe(true);
    expect(looksLikeFile('http://x.gov.cn/a/b.html')).toBe(false);
    expect(looksLikeFile('http://x.gov.cn/a/b.shtml')).toBe(false);
    expect(looksLikeFile('http://x.gov.cn/a/')).toBe(false);
  });
});
