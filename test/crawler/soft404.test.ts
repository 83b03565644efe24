import { describe, expect, it } from 'vitest';
import { normaliseForCompare, notFoundProbeUrl, soft404Signals, textSimilarity } from '../../crawler/soft404.ts';
import { soft404Verdict } from '../../util/soft404.ts';

const soft404Reason = (...a: Parameters<typeof soft404Signals>) => soft404Verdict(soft404Signals(...a));
import { crawlOnce, page } from './server.ts';

const HOME = { url: 'http://www.test.gov.cn/', finalUrl: 'http://www.test.gov.cn/' };
const NAV = '<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/hdjl/">互动交流</a></div>';
const FOOTER = '<div class="footer">主办单位：测试区人民政府办公室 网站标识码：1234567890 京ICP备12345678号</div>';
const ARTICLE = '为进一步加强政府网站管理，提升政务服务水平，现将有关事项通知如下。'.repeat(8);

describe('soft-404 (pure)', () => {
  it('seeds the probe URL by site id', () => {
    const a = notFoundProbeUrl('http://www.test.gov.cn/index.html', 'site-a');
    expect(a).toMatch(/^http:\/\/www\.test\.gov\.cn\/govaudit-[0-9a-f]{16}\.html$/);
    expect(notFoundProbeUrl('http://www.test.gov.cn/', 'site-a')).toBe(a);
    expect(notFoundProbeUrl('http://www.test.gov.cn/', 'site-b')).not.toBe(a);
  });

  it('compares texts regardless of the URL and numbers printed in them', () => {
    const x = normaliseForCompare('您访问的页面 /a/b/123.html 不存在 错误代码 404');
    const y = normaliseForCompare('您访问的页面 /zz/9.html 不存在 错误代码 404');
    expect(textSimilarity(x, y)).toBe(1);
    expect(textSimilarity(normaliseForCompare(ARTICLE), x)).toBeLessThan(0.3);
  });

  it('records what a 200 page has of a not-found page, and nothing for other pages', () => {
    const base = { url: 'http://www.test.gov.cn/a.html', finalUrl: 'http://www.test.gov.cn/a.html', status: 200 };
    const profile = { status: 200, finalUrl: 'http://www.test.gov.cn/404.html', text: normaliseForCompare('对不起，您访问的页面不存在或已被删除！返回首页') };
    expect(soft404Signals({ ...base, title: '404 Not Found - 页面不存在', text: '对不起，您访问的页面不存在或已被删除！ 返回首页' }, profile, HOME)).toEqual({
      title: { text: '404 Not Found - 页面不存在', phrases: ['页面不存在', '404 Not Found'] },
      text: { phrase: '您访问的页面不存在或已被删除', otherChars: 7 },
      likeMissingPage: { lengthRatio: 1, similarity: 1 },
    });
    expect(soft404Signals({ ...base, title: '通知', text: ARTICLE }, profile, HOME)).toEqual({ likeMissingPage: { lengthRatio: normaliseForCompare(ARTICLE).length / profile.text.length } });
    expect(soft404Signals({ ...base, title: '通知', text: ARTICLE }, null, HOME)).toBeUndefined();
    expect(soft404Signals({ ...base, status: 404, title: '页面不存在', text: '页面不存在' }, profile, HOME)).toBeUndefined();
    const toHome = { status: 200, finalUrl: HOME.finalUrl, text: null };
    expect(soft404Signals({ ...base, finalUrl: HOME.finalUrl, title: '首页', text: ARTICLE }, toHome, HOME)).toEqual({ landsOnHomepageLikeMissing: true });
    expect(soft404Signals({ ...base, url: 'http://www.test.gov.cn/index.html', finalUrl: HOME.finalUrl, title: '首页', text: ARTICLE }, toHome, HOME)).toBeUndefined();
  });

  it('the rule weighs the signals: a page that says not found with little else, not a long article that mentions it', () => {
    expect(soft404Verdict({ title: { text: `${'很长的标题'.repeat(5)}页面不存在`, phrases: ['页面不存在'] } })).toBeNull();
    expect(soft404Verdict({ text: { phrase: '页面不存在', otherChars: 201 } })).toBeNull();
    expect(soft404Verdict({ text: { phrase: '页面不存在', otherChars: 200 } })).toBe('page says "页面不存在" and little else');
    expect(soft404Verdict({ likeMissingPage: { lengthRatio: 1.7, similarity: 1 } })).toBeNull();
    expect(soft404Verdict({ likeMissingPage: { lengthRatio: 1.2, similarity: 0.89 } })).toBeNull();
    expect(soft404Verdict({ likeMissingPage: { lengthRatio: 1.2, similarity: 0.9 } })).toBe("same content as the site's answer for a missing page");
    expect(soft404Verdict(undefined)).toBeNull();
  });

  it('flags a 200 page that says not found with little else, not a long article that mentions it', () => {
    const base = { url: 'http://www.test.gov.cn/a.html', finalUrl: 'http://www.test.gov.cn/a.html', status: 200 };
    expect(soft404Reason({ ...base, title: '提示', text: '首页 政务公开 对不起，您访问的页面不存在或已被删除！ 返回首页' }, null, HOME)).toBe('page says "您访问的页面不存在或已被删除" and little else');
    expect(soft404Reason({ ...base, title: '404 Not Found', text: '' }, null, HOME)).toBe('title says "404 Not Found"');
    expect(soft404Reason({ ...base, title: '关于信息公开的说明', text: `${ARTICLE} 申请公开的信息不存在的，应当告知申请人。${ARTICLE}` }, null, HOME)).toBeNull();
    expect(soft404Reason({ ...base, status: 404, title: '页面不存在', text: '页面不存在' }, null, HOME)).toBeNull();
    expect(soft404Reason({ ...HOME, status: 200, title: '页面不存在', text: '页面不存在' }, null, HOME)).toBeNull();
  });
});

describe('soft-404 in a crawl', () => {
  it("learns the site's not-found page and flags links that land on it, and only those", async () => {
    const template = (body: string) => page('测试区人民政府', NAV + body + FOOTER);
    const known: Record<string, string> = {
      '/': template('<a href="/zwgk/">政务公开</a><a href="/zwgk/deleted.html">已删除的文件</a><a href="/zwgk/gone.html">失效</a>'),
      '/zwgk/': template(`<p>${ARTICLE}</p><a href="/zwgk/notice.html">通知</a>`),
      '/hdjl/': template(`<p>${ARTICLE}</p><p>领导信箱 咨询投诉</p>`),
      '/zwgk/notice.html': template(`<h1>关于开展检查的通知</h1><p>${ARTICLE}</p><p>（申请公开的信息不存在的，应当告知申请人）</p>`),
      '/zwgk/gone.html': page('提示', '<p>抱歉，该信息已被删除</p>'),
    };
    const r = await crawlOnce((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(known[req.url ?? ''] ?? template(`<div class="err">出错了：您要找的内容 ${req.url} 暂时无法显示</div>`));
    });
    const soft = r.linkTargets.filter((t) => soft404Verdict(t.soft404Signals)).map((t) => [t.url.slice(r.origin.length), soft404Verdict(t.soft404Signals)]);
    expect(soft).toEqual([
      ['/zwgk/deleted.html', "same content as the site's answer for a missing page"],
      ['/zwgk/gone.html', 'page says "该信息已被删除" and little else'],
    ]);
    expect(r.log.filter((l) => l.includes('/govaudit-'))).toHaveLength(1);
  });

  it('flags a missing page that redirects to the homepage when the site does that for any missing page', async () => {
    const r = await crawlOnce((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(page('首页', `${NAV}<a href="/old/article.html">旧文章</a><a href="/index.html">首页</a><p>${ARTICLE}</p>`));
      }
      if (req.url === '/zwgk/' || req.url === '/hdjl/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(page('栏目', `<p>${ARTICLE}</p>`));
      }
      res.writeHead(302, { location: '/' });
      res.end();
    });
    const soft = r.linkTargets.filter((t) => soft404Verdict(t.soft404Signals)).map((t) => t.url.slice(r.origin.length));
    expect(soft).toEqual(['/old/article.html']);
  });
});
