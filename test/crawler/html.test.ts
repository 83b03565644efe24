import { describe, expect, it } from 'vitest';
import { findDates as findDateHits } from '../../util/dates.ts';

const findDates = (text: string) => findDateHits(text).map((d) => d.date);
import { isHiddenByMarkup } from '../../util/hidden.ts';
import { MAX_LINKS, metaRefreshTarget, parseHtml } from '../../crawler/html.ts';

const BASE = 'http://www.test.gov.cn/col/page.html';
const abs = (p: string) => `http://www.test.gov.cn${p}`;

describe('parseHtml', () => {
  const html = `<!DOCTYPE html><html lang="zh-CN"><head>
    <meta charset="gbk"><title>
      测试区人民政府  门户网站 </title>
    <meta name="ArticleTitle" content="关于开展 2026 年检查的通知"><meta name="PubDate" content="2026-11-18 09:00">
    <meta name="ColumnName" content="通知公告"><meta name="SiteIDCode" content="1234567890"><meta name="keywords" content="通知">
    <meta name="generator" content="TRS"><meta name="articletitle" content="second one is ignored">
    <link rel="stylesheet" href="../css/main.css"><link rel="shortcut icon" href="/favicon.ico"><link rel="canonical" href="/c.html">
    <script src="/js/app.js"></script><script>var html = '<a href="/in-script">x</a>';</script>
    <style>.x { color: red }</style>
  </head><body>
    <a href="../index.html">首页</a>
    <a href="#top">top</a><a href="">empty</a><a href="javascript:void(0)">js</a><a href="data:text/html,x">data</a>
    <a href="mailto:web@test.gov.cn">信箱</a><a href="tel:010-1234">电话</a><a href="ftp://ftp.test.gov.cn/f.zip">ftp</a>
    <div style="display: none"><a href="http://casino.example.com/">博彩</a></div>
    <div style="visibility:hidden"><p><a href="/v">v</a></p></div>
    <span style="position:absolute; left:-9999px"><a href="/left">l</a></span>
    <div style="width:0;height:0;overflow:hidden"><a href="/zero">z</a></div>
    <p style="font-size:0px"><a href="/font">f</a></p>
    <section hidden><a href="/hidden-attr">h</a></section>
    <div style="left:-10px"><a href="/visible">visible</a></div>
    <a href="/pic"><img src="/img/p.jpg" alt="图片新闻"></a>
    <area href="/map-area" alt="区域">
    <iframe src="/frame.html"></iframe><frame src="/f2.html"><source src="/v.mp4"><embed src="/e.swf"><object data="/o.swf"></object>
    <p>第一段<b>加粗</b>文字</p><p>第二段</p><noscript>请启用脚本</noscript>
  </body></html>`;
  const parsed = parseHtml(html, BASE, { text: true });

  it('reads title, government meta tags (lower-case keys), lang', () => {
    expect(parsed.title).toBe('测试区人民政府 门户网站');
    expect(parsed.lang).toBe('zh-CN');
    expect(parsed.meta).toEqual({
      articletitle: '关于开展 2026 年检查的通知',
      pubdate: '2026-11-18 09:00',
      columnname: '通知公告',
      siteidcode: '1234567890',
      keywords: '通知',
    });
  });

  it('extracts every kind of link once, absolute, with text and the hidden flag', () => {
    expect(parsed.links).toEqual([
      { url: abs('/css/main.css'), tag: 'link', rel: 'stylesheet' },
      { url: abs('/favicon.ico'), tag: 'link', rel: 'shortcut icon' },
      { url: abs('/js/app.js'), tag: 'script' },
      { url: abs('/index.html'), tag: 'a', text: '首页' },
      { url: 'mailto:web@test.gov.cn', tag: 'a', text: '信箱' },
      { url: 'tel:010-1234', tag: 'a', text: '电话' },
      { url: 'ftp://ftp.test.gov.cn/f.zip', tag: 'a', text: 'ftp' },
      { url: 'http://casino.example.com/', tag: 'a', text: '博彩', hidden: true },
      { url: abs('/v'), tag: 'a', text: 'v', hidden: true },
      { url: abs('/left'), tag: 'a', text: 'l', hidden: true },
      { url: abs('/zero'), tag: 'a', text: 'z', hidden: true },
      { url: abs('/font'), tag: 'a', text: 'f', hidden: true },
      { url: abs('/hidden-attr'), tag: 'a', text: 'h', hidden: true },
      { url: abs('/visible'), tag: 'a', text: 'visible' },
      { url: abs('/pic'), tag: 'a', text: '图片新闻' },
      { url: abs('/img/p.jpg'), tag: 'img', text: '图片新闻' },
      { url: abs('/map-area'), tag: 'area', text: '区域' },
      { url: abs('/frame.html'), tag: 'iframe' },
      { url: abs('/f2.html'), tag: 'frame' },
      { url: abs('/v.mp4'), tag: 'source' },
      { url: abs('/e.swf'), tag: 'embed' },
      { url: abs('/o.swf'), tag: 'object' },
    ]);
  });

  it('keeps visible text only, without scripts, styles, head or hidden parts', () => {
    expect(parsed.text).toContain('第一段加粗文字 第二段');
    for (const absent of ['博彩', 'color', 'var html', '请启用脚本', '门户网站', 'visible ']) if (absent !== 'visible ') expect(parsed.text).not.toContain(absent);
    expect(parsed.text).toContain('visible');
    expect(parseHtml(html, BASE).text).toBeUndefined();
  });

  it('honours <base href> and meta refresh', () => {
    const p = parseHtml('<head><base href="http://www.test.gov.cn/other/"><meta http-equiv="Refresh" content="0;URL=\'new.html\'"></head><a href="x.html">x</a>', BASE);
    expect(p.metaRefresh).toBe('http://www.test.gov.cn/other/new.html');
    expect(p.links.map((l) => [l.tag, l.url])).toEqual([
      ['meta-refresh', 'http://www.test.gov.cn/other/new.html'],
      ['a', 'http://www.test.gov.cn/other/x.html'],
    ]);
    expect(metaRefreshTarget('5')).toBeNull();
    expect(metaRefreshTarget('3; url=/a')).toBe('/a');
  });

  it('tolerates malformed HTML and bounds the links it keeps', () => {
    const broken = '<html><title>残缺</title><body><div><a href="/a">a<div><a href=/b>b</td></tr><p><<<>>> <a href="http://[bad">x</a>' + '<div>'.repeat(20_000);
    const p = parseHtml(broken, BASE);
    expect(p.title).toBe('残缺');
    expect(p.links.map((l) => l.url)).toEqual([abs('/a'), abs('/b')]);
    expect(parseHtml('<title>never closed<body>' + 'x'.repeat(5000), BASE).title!.length).toBeLessThanOrEqual(1000);
    const many = parseHtml('<a href="/x?i=0">0</a>'.repeat(MAX_LINKS + 10), BASE);
    expect(many.links).toHaveLength(MAX_LINKS);
    expect(many.linksCapped).toBe(true);
  });
});

describe('list items', () => {
  it('finds dated rows with a link (li and tr), and ignores month-day only dates', () => {
    const html = `<ul class="list">
      <li><a href="/a/1.html" title="关于开展2026年度政府网站检查工作的通知">关于开展2026年度政府网站...</a><span>2026-11-18</span></li>
      <li><a href="/a/2.html">区政府常务会议</a> 2026/11/17</li>
      <li><a href="/a/3.html">政策解读</a><span>2026.11.16</span></li>
      <li><a href="/a/4.html">无年份</a><span>[11-15]</span></li>
      <li>没有链接 2026-11-14</li>
    </ul>
    <table><tr><td><a href="/b/1.html">公示</a></td><td>2026年11月3日</td></tr><tr><td><a href="/b/2.html">公告</a></td><td>2026-02-30</td></tr></table>`;
    expect(parseHtml(html, BASE).listItems).toEqual([
      { title: '关于开展2026年度政府网站检查工作的通知', url: abs('/a/1.html'), date: '2026-11-18' },
      { title: '区政府常务会议', url: abs('/a/2.html'), date: '2026-11-17' },
      { title: '政策解读', url: abs('/a/3.html'), date: '2026-11-16' },
      { title: '公示', url: abs('/b/1.html'), date: '2026-11-03' },
    ]);
  });

  it('needs at least three dated rows', () => {
    const html = '<ul><li><a href="/1">一</a>2026-11-18</li><li><a href="/2">二</a>2026-11-17</li><li><a href="/3">三</a>[11-16]</li></ul>';
    expect(parseHtml(html, BASE).listItems).toBeUndefined();
  });
});

describe('findDates', () => {
  it('reads the printed forms and rejects impossible or partial ones', () => {
    expect(findDates('2026-11-18 2026/1/5 2026.11.18 2026年11月18日 2026 年 3 月 7 日')).toEqual(['2026-11-18', '2026-01-05', '2026-11-18', '2026-11-18', '2026-03-07']);
    expect(findDates('[11-18] 2026-13-01 2026-02-29 12026-11-18 2026-11/18 20261118')).toEqual([]);
  });
});

describe('isHiddenByMarkup', () => {
  it('judges only the hiding rules', () => {
    const hidden = ['display:none', 'DISPLAY: NONE !important', 'visibility:hidden', 'position:absolute;top:-1000px', 'text-indent:-9999px', 'height:0;overflow:hidden', 'font-size:0'];
    const shown = ['display:block', 'left:-100px', 'height:0', 'overflow:hidden', 'font-size:12px', 'color:red'];
    expect(hidden.filter((style) => !isHiddenByMarkup({ style }))).toEqual([]);
    expect(shown.filter((style) => isHiddenByMarkup({ style }))).toEqual([]);
    expect(isHiddenByMarkup({ hidden: '' })).toBe(true);
  });
});
