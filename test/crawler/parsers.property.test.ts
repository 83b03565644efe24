// Property tests of the crawler's readers of untrusted bytes: whatever a server sends, the charset decoder, the
// HTML reader, the sitemap and robots.txt readers and the meta-refresh reader answer (no throw, no hang) within
// their bounds; and the whole chain from raw bytes to the text parsers of the checks (dates, 文号, ID numbers)
// holds too. The text parsers alone are covered in test/util, the CSV reader in test/imports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDates, findDatedItems } from '../../util/dates.ts';
import { extractDocNumbers, extractIndexNumber } from '../../util/docno.ts';
import { findPersonalData, maskPersonalData } from '../../util/pii.ts';
import { decodeBody } from '../../crawler/charset.ts';
import { MAX_LINKS, metaRefreshTarget, parseHtml } from '../../crawler/html.ts';
import { parseRobots } from '../../crawler/robots.ts';
import { parseSitemap } from '../../crawler/sitemap.ts';
import { normaliseForCompare } from '../../crawler/soft404.ts';
import { normalizeUrl } from '../../crawler/url.ts';

const RUNS = { numRuns: 300, seed: 20261120 };
const BASE = 'http://www.licheng.gov.cn/zwgk/index.htm';
const NOW = new Date('2026-11-20T02:00:00Z');

const tagName = fc.constantFrom('a', 'area', 'img', 'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'li', 'tr', 'td', 'table', 'div', 'span', 'title', 'html', 'head', 'body', 'p', 'br', 'svg', 'template', 'noscript', 'object', 'embed', 'source', 'x-y', 'A', 'TiTlE');
const attrName = fc.constantFrom('href', 'src', 'data', 'content', 'http-equiv', 'name', 'charset', 'rel', 'style', 'hidden', 'class', 'alt', 'title', 'lang', 'onerror', 'HREF');
const attrValue = fc.oneof(
  fc.constantFrom('javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://x/', '//evil.test/x', '/a/../../b', '?a=1&sid=2', '#top', 'http://[::1]:80/', 'http://169.254.169.254/', 'http://例子.测试/路径', '0; url=/next', 'refresh', 'display:none', 'stylesheet', 'articletitle', 'gb2312', 'utf-8', '2026-11-05', '鲤政〔2026〕12号', '350502199001011234'),
  fc.string({ maxLength: 20 }),
);
const attr = fc.tuple(attrName, attrValue, fc.constantFrom('"', "'", '')).map(([n, v, q]) => ` ${n}=${q}${v}${q}`);
const piece: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(tagName, fc.array(attr, { maxLength: 3 }), fc.boolean()).map(([t, as, self]) => `<${t}${as.join('')}${self ? ' /' : ''}>`),
  tagName.map((t) => `</${t}>`),
  fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE html>', '&amp;', '&#x26;', '&#0;', '&#xD800;', '&nbsp', '<', '>', '"', '\u0000', '\uFEFF', '发布日期：2026-11-05', '关于印发《办法》的通知', '索引号：123', '手机 13800138000'),
  fc.string({ maxLength: 12 }),
);
/** HTML-shaped text: tags, attributes with hostile values, entities, comments, in any order and nesting. */
const htmlish = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));
const deep = fc.tuple(fc.integer({ min: 1, max: 3000 }), tagName).map(([n, t]) => `<${t}>`.repeat(n) + '<a href="/x">x</a>');

function expectWellFormed(html: string): void {
  const r = parseHtml(html, BASE, { text: true });
  expect(r.links.length).toBeLessThanOrEqual(MAX_LINKS);
  for (const l of r.links) {
    expect(() => new URL(l.url)).not.toThrow();
    expect(/^(javascript|data|vbscript):/i.test(l.url)).toBe(false);
  }
  expect(typeof r.text).toBe('string');
  if (r.title !== null) expect(r.title.length).toBeLessThanOrEqual(1000);
  for (const item of r.listItems ?? []) expect(item.url).toMatch(/^https?:/);
}

describe('crawler readers never crash on arbitrary input', () => {
  it('parseHtml takes random HTML-shaped text and deep nesting', () => {
    fc.assert(fc.property(fc.oneof(htmlish, deep), expectWellFormed), RUNS);
  });

  it('decodeBody + parseHtml take random bytes under any Content-Type', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom(null, 'text/html', 'text/html; charset=utf-8', 'text/html; charset=gbk', 'text/html; charset=x-bogus', 'text/html; charset=utf-16'), (bytes, type) => {
        const { text, charset } = decodeBody(bytes, type);
        expect(typeof charset).toBe('string');
        expectWellFormed(text);
      }),
      RUNS,
    );
  });

  it('parseSitemap, parseRobots, metaRefreshTarget and normalizeUrl take random text', () => {
    fc.assert(
      fc.property(fc.oneof(htmlish, fc.string({ maxLength: 200 })), (text) => {
        const sm = parseSitemap(`<urlset><url><loc>${text}</loc></url></urlset>${text}`);
        expect(sm.urls.length + sm.sitemaps.length).toBeLessThanOrEqual(50_000);
        const rules = parseRobots('http://www.licheng.gov.cn/robots.txt', `User-agent: *\n${text}\nDisallow: /${text}\n`);
        expect(typeof rules.isAllowed(`http://www.licheng.gov.cn/${encodeURIComponent(text)}`)).toBe('boolean');
        const target = metaRefreshTarget(text);
        expect(target === null || typeof target === 'string').toBe(true);
        const url = normalizeUrl(text, BASE);
        if (url !== null) expect(() => new URL(url)).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe('from raw bytes to the checks’ text parsers', () => {
  it('dates, 文号, index numbers and personal data are read from whatever a page decodes to', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)), htmlish.map((h) => Buffer.from(h))), (bytes) => {
        const html = decodeBody(bytes, 'text/html').text;
        const text = parseHtml(html, BASE, { text: true }).text ?? '';
        for (const d of findDates(text)) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        findDatedItems(text);
        for (const n of extractDocNumbers(text)) expect(typeof n).toBe('string');
        extractIndexNumber(text);
        const masked = maskPersonalData(text);
        expect(findPersonalData(masked, NOW)).toEqual([]);
        normaliseForCompare(text);
      }),
      RUNS,
    );
  });
});
