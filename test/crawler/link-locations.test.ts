// Where a link that failed to load sits: text, nearest heading or column title, page region and a CSS path,
// recorded from the page's HTML for failing targets only (a working link gets nothing; a page without kept HTML
// gives nothing).
import { describe, expect, it } from 'vitest';
import type { LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import { attachLinkLocations, locateOnPage } from '../../crawler/link-locations.ts';

const html = `<!doctype html><html><body>
<div class="header"><a href="/old-logo.htm"><img src="/img/logo.png" alt="鲤城区人民政府"></a></div>
<ul id="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
<div class="main"><div class="lm"><span class="tit">工作动态</span><a href="/gzdt/">更多&gt;&gt;</a></div>
<ul><li><a href="/gzdt/a.htm">区政府召开常务会议</a></li><li><a href="/gzdt/gone.htm">  旧新闻 </a></li></ul>
<h3>通知公告</h3><table><tr><td><a href="/tzgg/gone.htm">关于开展  检查的通知</a></td></tr></table></div>
<div class="footer"><p>主办：鲤城区人民政府 <a href="http://www.old-host.cn/">旧版网站</a></p></div>
</body></html>`;

describe('link locations', () => {
  it('records text, the heading or column title before the link, the region and a CSS path', () => {
    const wanted = new Set(['http://www.x.gov.cn/gzdt/gone.htm', 'http://www.x.gov.cn/tzgg/gone.htm', 'http://www.old-host.cn/', 'http://www.x.gov.cn/img/logo.png', 'http://www.x.gov.cn/zwgk/']);
    const found = locateOnPage(html, 'http://www.x.gov.cn/', wanted);
    expect(Object.fromEntries(found)).toEqual({
      'http://www.x.gov.cn/img/logo.png': [{ page: 'http://www.x.gov.cn/', text: '鲤城区人民政府', region: 'header', path: 'body > div:nth-of-type(1) > a > img' }],
      'http://www.x.gov.cn/zwgk/': [{ page: 'http://www.x.gov.cn/', text: '政务公开', region: 'nav', path: '#nav > li:nth-of-type(2) > a' }],
      'http://www.x.gov.cn/gzdt/gone.htm': [{ page: 'http://www.x.gov.cn/', text: '旧新闻', heading: '工作动态', path: 'body > div:nth-of-type(2) > ul > li:nth-of-type(2) > a' }],
      'http://www.x.gov.cn/tzgg/gone.htm': [{ page: 'http://www.x.gov.cn/', text: '关于开展 检查的通知', heading: '通知公告', path: 'body > div:nth-of-type(2) > table > tbody > tr > td > a' }],
      'http://www.old-host.cn/': [{ page: 'http://www.x.gov.cn/', text: '旧版网站', heading: '通知公告', region: 'footer', path: 'body > div:nth-of-type(3) > p > a' }],
    });
  });

  it('locates only targets that failed to load, on pages whose HTML was kept', () => {
    const page = (url: string, withHtml: boolean) => ({ url, finalUrl: url, html: withHtml ? html : undefined }) as unknown as PageArtifact;
    const target = (url: string, status: number | null, foundOn: string[], extra: Partial<LinkTarget> = {}): LinkTarget => ({ url, internal: true, method: 'GET', status, redirects: 0, foundOn, onHomepage: false, tags: ['a'], ...extra });
    const targets = [
      target('http://www.x.gov.cn/gzdt/a.htm', 200, ['http://www.x.gov.cn/']),
      target('http://www.x.gov.cn/gzdt/gone.htm', 404, ['http://www.x.gov.cn/']),
      target('http://www.x.gov.cn/tzgg/gone.htm', null, ['http://www.x.gov.cn/list.htm'], { error: 'timeout' }),
    ];
    expect(attachLinkLocations([page('http://www.x.gov.cn/', true), page('http://www.x.gov.cn/list.htm', false)], targets)).toBe(1);
    expect(targets.map((t) => t.locations?.map((l) => l.text) ?? null)).toEqual([null, ['旧新闻'], null]);
  });
});
