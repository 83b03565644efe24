// Each page shape the readers know, alone: document metadata (meta tags, th/td, td/td, several pairs a row, dl,
// labelled spans, colon text, a lone 文号 line; every bracket form and full-width digits) and list items (ul/li,
// tables, div rows, every date form, a month-day with the year from the URL, one item, JCMS datastore, TRS
// pagination). Whole extractions are compared.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readDocumentMeta } from '../../crawler/meta/document-meta.ts';
import { extractListItems, pagerLinks, trsPagination } from '../../crawler/lists/extract.ts';
import { documentMetaOf } from '../../util/document-meta.ts';

const URL = 'http://www.x.gov.cn/a/t20261105_1.html';
const fields = (html: string) => {
  const { url: _url, ...rest } = readDocumentMeta(html, URL);
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, `${v.value} @${v.source}`]));
};

describe('document metadata shapes', () => {
  it('a <title> without its SiteName meta after any separator (南威 政策文件-惠安县人民政府); a short rest is kept whole', () => {
    const site = '<meta name="SiteName" content="惠安县人民政府">';
    expect(fields(`<title>政策文件-惠安县人民政府</title>${site}`)).toEqual({ title: '政策文件 @heading' });
    expect(fields(`<title>关于印发甲办法的通知--惠安县人民政府</title>${site}`)).toEqual({ title: '关于印发甲办法的通知 @heading' });
    expect(fields(`<title>首页_惠安县人民政府</title>${site}`)).toEqual({ title: '首页_惠安县人民政府 @heading' });
  });

  it('meta tags (TRS/JCMS ArticleTitle, PubDate, ContentSource)', () => {
    expect(fields('<meta name="ArticleTitle" content="关于印发甲办法的通知"><meta name="PubDate" content="2026-11-05 16:30"><meta name="ContentSource" content="某区政府办">')).toEqual({
      title: '关于印发甲办法的通知 @meta-tag', published: '2026-11-05 @meta-tag', issuer: '某区政府办 @meta-tag',
    });
  });

  it('th/td pairs, several pairs in one row', () => {
    expect(fields('<table><tr><th>索 引 号：</th><td>X-01-2026-0001</td><th>主题分类：</th><td>综合政务</td></tr><tr><th>发文字号：</th><td>某政〔2026〕1号</td><th>发布日期：</th><td>2026年11月5日</td></tr></table>')).toEqual({
      indexNumber: 'X-01-2026-0001 @table', topic: '综合政务 @table', docNumber: '某政〔2026〕1号 @table', published: '2026-11-05 @table',
    });
  });

  it('td/td pairs without colons, and a header row that pairs labels with labels', () => {
    expect(fields('<table><tr><td>标题</td><td>发布日期</td></tr><tr><td>文号</td><td>某政办(2026)２号</td><td>成文日期</td><td>2026.11.03</td></tr><tr><td>发文机关</td><td>某区人民政府</td></tr></table>')).toEqual({
      docNumber: '某政办〔2026〕2号 @table', written: '2026-11-03 @table', issuer: '某区人民政府 @table',
    });
  });

  it('dl/dt/dd and labelled spans', () => {
    expect(fields('<dl><dt>文　　号：</dt><dd>某政【2026】3号</dd></dl><div><span class="l">索引号：</span><span>X/2026-3</span><b>发布机构：</b>某局</div>')).toEqual({
      docNumber: '某政〔2026〕3号 @dl', indexNumber: 'X/2026-3 @span', issuer: '某局 @span',
    });
  });

  it('label and colon in a line of text, several on one line', () => {
    expect(fields('<p>发文字号：某政[2026]4号 成文日期：2026-11-01 发布时间：2026/11/02 来源：办公室</p>')).toEqual({
      docNumber: '某政〔2026〕4号 @colon-text', written: '2026-11-01 @colon-text', published: '2026-11-02 @colon-text',
    });
  });

  it('a lone 文号 line near the title, never a 文号 cited in the body', () => {
    expect(fields('<h1>关于印发乙方案的通知</h1><p>某政办［２０２６］５号</p><p>根据某政〔2020〕9号文件精神</p>')).toEqual({ title: '关于印发乙方案的通知 @heading', docNumber: '某政办〔2026〕5号 @lone-line' });
    expect(fields('<h1>关于印发乙方案的通知</h1><p>根据某政〔2020〕9号文件精神，现印发给你们。</p>')).toEqual({ title: '关于印发乙方案的通知 @heading' });
  });

  it('every bracket form and full-width digits give one normalised 文号', () => {
    const forms = ['某政〔2026〕6号', '某政[2026]6号', '某政［2026］6号', '某政【2026】6号', '某政（2026）6号', '某政(2026)6号', '某政〔２０２６〕６号', '某政〔2026〕第6号'];
    expect(forms.map((f) => readDocumentMeta(`<p>文号：${f}</p>`, URL).docNumber?.value)).toEqual(forms.map(() => '某政〔2026〕6号'));
  });

  it('pages held without HTML: the same labels read from meta tags and text', () => {
    const m = documentMetaOf({ url: URL, finalUrl: URL, meta: { articletitle: '甲办法', pubdate: '2026-11-05' }, text: '索引号：X-1 文号：某政〔2026〕7号 成文日期：2026-11-01' });
    expect(m).toEqual({
      url: URL, title: { value: '甲办法', source: 'meta-tag' }, published: { value: '2026-11-05', source: 'meta-tag' },
      indexNumber: { value: 'X-1', source: 'colon-text' }, docNumber: { value: '某政〔2026〕7号', source: 'colon-text' }, written: { value: '2026-11-01', source: 'colon-text' },
    });
  });
});

const BASE = 'http://www.x.gov.cn/col/';
const rows = (html: string, minItems = 1) => extractListItems(html, BASE, { minItems }).map((i) => [i.title, i.url!.replace('http://www.x.gov.cn', ''), i.date]);

describe('list shapes', () => {
  it('ul/li, tables and div rows, with every date form', () => {
    expect(rows('<ul><li><a href="/a/1.html">一</a><span>2026年11月9日</span></li><li><a href="/a/2.html">二</a> 2026-11-08</li><li><a href="/a/3.html">三</a>(2026.11.07)</li><li><a href="/a/4.html">四</a>2026/11/06</li></ul>')).toEqual([
      ['一', '/a/1.html', '2026-11-09'], ['二', '/a/2.html', '2026-11-08'], ['三', '/a/3.html', '2026-11-07'], ['四', '/a/4.html', '2026-11-06'],
    ]);
    expect(rows('<table><tr><th>标题</th><th>日期</th></tr><tr><td><a href="/b/1.html">公示</a></td><td>2026年11月3日</td></tr></table><div class="list"><div class="item"><a href="/c/1.html">通知</a><em>2026-11-02</em></div><div class="item"><a href="/c/2.html">公告</a><em>2026-11-01</em></div></div>')).toEqual([
      ['公示', '/b/1.html', '2026-11-03'], ['通知', '/c/1.html', '2026-11-02'], ['公告', '/c/2.html', '2026-11-01'],
    ]);
  });

  it('a month-day beside the link takes the year from the item URL, else the item is undated', () => {
    expect(rows('<ul><li><a href="/a/202611/t20261109_1.html">甲</a><span>[11-09]</span></li><li><a href="/art/2026/11/8/art_1_2.html">乙</a><span>11月08日</span></li><li><a href="/a/3.html">丙</a><span>[11-07]</span></li></ul>')).toEqual([
      ['甲', '/a/202611/t20261109_1.html', '2026-11-09'], ['乙', '/art/2026/11/8/art_1_2.html', '2026-11-08'],
    ]);
  });

  it('one item is a list on a column page; any page needs three', () => {
    const one = '<ul><li><a href="/a/1.html">唯一一条</a><span>2026-11-09</span></li></ul>';
    expect(rows(one, 1)).toEqual([['唯一一条', '/a/1.html', '2026-11-09']]);
    expect(rows(one, 3)).toEqual([]);
  });

  it('JCMS datastore records in the raw HTML', () => {
    const html = '<div id="1"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/x.jsp?page=1"></a>]]></nextgroup><recordset><record><![CDATA[<li><a href="/art/2026/11/9/art_1_1.html" title="甲">甲</a><span>2026年11月9日</span></li>]]></record><record><![CDATA[<li><a href="/art/2026/11/2/art_1_2.html">乙</a><span>2026-11-02</span></li>]]></record></recordset></datastore></script></div>';
    expect(rows(html)).toEqual([['甲', '/art/2026/11/9/art_1_1.html', '2026-11-09'], ['乙', '/art/2026/11/2/art_1_2.html', '2026-11-02']]);
  });

  it('TRS createPageHTML pagination names the further pages', () => {
    expect(trsPagination('<script>createPageHTML(3, 0, "index", "html");</script>', 'http://www.x.gov.cn/zcwj/')).toEqual({ total: 3, current: 0, next: ['http://www.x.gov.cn/zcwj/index_1.html', 'http://www.x.gov.cn/zcwj/index_2.html'] });
    expect(trsPagination("<script>createPageHTML('1','0','index','shtml');</script>", 'http://www.x.gov.cn/zcwj/')).toEqual({ total: 1, current: 0, next: [] });
    expect(trsPagination('<p>no paging</p>', 'http://www.x.gov.cn/zcwj/')).toBeNull();
  });

  it('a static pager names the pages from 下一页 to 尾页 (开普云 list_2.shtml, 南威 ?pageIndex=2), none on the last page', () => {
    const kp = '<div class="page"><span class="current">1</span><a href="list_2.shtml">2</a><a href="list_2.shtml">下一页</a><a href="list_4.shtml"><span>尾页</span></a></div>';
    expect(pagerLinks(kp, 'http://www.x.gov.cn/zcwj/list.shtml')?.next).toEqual(['http://www.x.gov.cn/zcwj/list_2.shtml', 'http://www.x.gov.cn/zcwj/list_3.shtml', 'http://www.x.gov.cn/zcwj/list_4.shtml']);
    const lw = '共30条记录 第1/3页 <a href="index.htm">首页</a> 上一页 <a href="index.htm?pageIndex=2&amp;col=7">下一页</a> <a href="index.htm?pageIndex=3&amp;col=7">尾页</a>';
    expect(pagerLinks(lw, 'http://www.x.gov.cn/zcwj/index.htm')?.next).toEqual(['http://www.x.gov.cn/zcwj/index.htm?pageIndex=2&col=7', 'http://www.x.gov.cn/zcwj/index.htm?pageIndex=3&col=7']);
    const trsStatic = '<a href="index_1.html">下一页</a><a href="index_2.html">尾页</a>';
    expect(pagerLinks(trsStatic, 'http://www.x.gov.cn/zcwj/')?.next).toEqual(['http://www.x.gov.cn/zcwj/index_1.html', 'http://www.x.gov.cn/zcwj/index_2.html']);
    expect(pagerLinks('<a href="list.shtml">上一页</a> 下一页 <a href="list_2.shtml">尾页</a>', 'http://www.x.gov.cn/zcwj/list_2.shtml')).toBeNull();
    expect(pagerLinks('<a href="/about.html">关于我们</a>', 'http://www.x.gov.cn/zcwj/')).toBeNull();
    expect(pagerLinks('<a href="javascript:goPage(2)">下一页</a>', 'http://www.x.gov.cn/zcwj/')).toBeNull();
  });

  it('南威 day folders (/2026-11-18/) give a month-day its year', () => {
    expect(rows('<ul><li><a href="/cms/html/hax/2026-11-18/1187654001.html">甲</a><span>11-18</span></li></ul>', 1)).toEqual([['甲', '/cms/html/hax/2026-11-18/1187654001.html', '2026-11-18']]);
  });
});

describe('bad input', () => {
  it('takes random label-and-markup soup and deep nesting without throwing', () => {
    const piece = fc.constantFrom('<td>', '</td>', '<th>文号</th>', '<dt>索引号：</dt>', '<dd>', '<span>发布日期：</span>', '<li>', '<a href="/x/t20261109_1.html">', '</a>', '[11-09]', '某政〔2026〕1号', '2026年11月9日', '<script type="text/xml"><datastore><record><![CDATA[', ']]></record>', '</script>', 'createPageHTML(', '<a href="list_2.shtml">下一页</a>', '<a href="?pageIndex=9">尾页</a>', '<h1>', '文号：', '<br>', '　', '<');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (parts) => {
        const html = parts.join('');
        readDocumentMeta(html, URL);
        extractListItems(html, BASE, { minItems: 1 });
        trsPagination(html, BASE);
        pagerLinks(html, BASE);
      }),
      { numRuns: 200 },
    );
    const deep = `${'<div><span>'.repeat(5_000)}文号：某政〔2026〕1号`;
    expect(readDocumentMeta(deep, URL).docNumber?.value).toBe('某政〔2026〕1号');
  });
});
