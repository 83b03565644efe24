// Message/reply extraction on the demo's message-board pages (the portal's list table, the street office's labelled
// detail pages) and on hand-made layouts: a list of labelled blocks, a layout read only with configured selectors.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractMessages } from '../../checks/interaction/extract.ts';
import { interactionLayoutSchema } from '../../config/checks/interaction.ts';

const fixture = (path: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/sites/${path}`, import.meta.url)), 'utf8');
const summary = (html: string, url: string, layouts = []) =>
  extractMessages({ url, html }, layouts).map((m) => ({ title: m.title, submitted: m.submitted, answered: m.answered, status: m.status, invalid: m.invalid, layout: m.layout, url: m.url }));

describe('list layout: a table with 来信日期 / 答复日期 columns (portal /hdjl/)', () => {
  it('reads every row as a message with its reply date', () => {
    const url = 'http://www.licheng.gov.cn/hdjl/';
    const messages = extractMessages({ url, html: fixture('portal/src-utf8/hdjl/index.htm') });
    expect(messages.map((m) => m.id)).toEqual([
      `${url}#2026-11-09 关于中山路骑楼修缮进度的咨询`,
      `${url}#2026-11-02 关于西街夜间停车问题的建议`,
      `${url}#2026-10-26 关于社区老年食堂开放时间的咨询`,
    ]);
    expect(summary(fixture('portal/src-utf8/hdjl/index.htm'), url)).toEqual([
      { title: '关于中山路骑楼修缮进度的咨询', submitted: { date: '2026-11-09' }, answered: { date: '2026-11-11' }, status: '已答复', invalid: false, layout: 'table', url },
      { title: '关于西街夜间停车问题的建议', submitted: { date: '2026-11-02' }, answered: { date: '2026-11-04' }, status: '已答复', invalid: false, layout: 'table', url },
      { title: '关于社区老年食堂开放时间的咨询', submitted: { date: '2026-10-26' }, answered: { date: '2026-10-27' }, status: '已答复', invalid: false, layout: 'table', url },
    ]);
  });

  it('does not take a news list with 发布时间 for a message board', () => {
    const html = '<table><tr><th>标题</th><th>发布时间</th></tr><tr><td><a href="/a.htm">通知</a></td><td>2026-11-01</td></tr></table>';
    expect(extractMessages({ url: 'http://x.gov.cn/', html })).toEqual([]);
  });

  it('reads rows with a link as the linked message, and an empty reply cell as no reply', () => {
    const html = `<table><thead><tr><td>序号</td><td>留言标题</td><td>留言时间</td><td>回复时间</td></tr></thead>
      <tr><td>1</td><td><a href="show.jsp?id=9">路灯不亮</a></td><td>2026/07/01 08:00</td><td></td></tr></table>`;
    expect(extractMessages({ url: 'http://x.gov.cn/hd/list.jsp', html })).toEqual([
      { id: 'http://x.gov.cn/hd/show.jsp?id=9', url: 'http://x.gov.cn/hd/show.jsp?id=9', title: '路灯不亮', submitted: { date: '2026-07-01', time: '08:00' }, answered: null, status: null, invalid: false, layout: 'table' },
    ]);
  });
});

describe('detail layout: labelled 留言时间 / 答复时间 blocks (kaiyuan /hdjl/ detail pages)', () => {
  const base = 'http://kyjd.licheng.gov.cn/hdjl/';
  it('reads an answered message with both times', () => {
    const url = `${base}202610/t20261012_188.htm`;
    expect(summary(fixture('kaiyuan/www/hdjl/202610/t20261012_188.htm'), url)).toEqual([
      { title: '关于开元寺周边临时停车的咨询', submitted: { date: '2026-10-12', time: '10:02' }, answered: { date: '2026-10-14', time: '16:30' }, status: '已回复', invalid: false, layout: 'labelled', url },
    ]);
  });

  it('reads an unanswered message ("暂未答复") and a message the board marks invalid', () => {
    const open = `${base}202607/t20260708_163.htm`;
    expect(summary(fixture('kaiyuan/www/hdjl/202607/t20260708_163.htm'), open)).toEqual([
      { title: '关于小区楼道照明损坏的反映', submitted: { date: '2026-07-08', time: '08:40' }, answered: null, status: '待回复', invalid: false, layout: 'labelled', url: open },
    ]);
    const spam = `${base}202606/t20260615_150.htm`;
    expect(summary(fixture('kaiyuan/www/hdjl/202606/t20260615_150.htm'), spam)[0]).toMatchObject({ status: '无效留言', invalid: true, answered: null });
  });

  it('finds nothing on the list page, which only links to the detail pages', () => {
    expect(extractMessages({ url: base, html: fixture('kaiyuan/www/hdjl/index.htm') })).toEqual([]);
  });

  it('reads a list of labelled blocks, each titled by the line above it, with full-width colons and dates', () => {
    const html = `<body><div class="item"><h3>关于公交站台遮雨棚的建议</h3><p>来信时间：２０２６年８月３日</p><p>回复时间：2026年8月5日</p></div>
      <div class="item"><h3>关于垃圾清运时间的咨询</h3><p>来信时间：2026-06-01</p><p>回复时间：</p><p>状态：处理中</p></div></body>`;
    expect(summary(html, 'http://x.gov.cn/ldxx/')).toEqual([
      { title: '关于公交站台遮雨棚的建议', submitted: { date: '2026-08-03' }, answered: { date: '2026-08-05' }, status: null, invalid: false, layout: 'labelled', url: 'http://x.gov.cn/ldxx/' },
      { title: '关于垃圾清运时间的咨询', submitted: { date: '2026-06-01' }, answered: null, status: '处理中', invalid: false, layout: 'labelled', url: 'http://x.gov.cn/ldxx/' },
    ]);
  });
});

describe('configured CSS layouts', () => {
  const html = `<div id="board"><div class="q"><span class="t">小区停车难</span><em class="d1">2026-05-10</em><em class="d2">2026-05-12</em></div>
    <div class="q"><span class="t">噪音扰民 联系人13912345678</span><em class="d1">2026-06-02</em><em class="d2"></em><b>办理中</b></div></div>`;
  const layout = interactionLayoutSchema.parse({ pages: '/wsdc/', item: '#board .q', submitted: '.d1', answered: '.d2', title: '.t', status: 'b' });

  it('reads a layout the heuristics cannot, only on the pages it names, masking personal data in titles', () => {
    expect(extractMessages({ url: 'http://x.gov.cn/wsdc/', html })).toEqual([]);
    expect(summary(html, 'http://x.gov.cn/wsdc/', [layout] as never)).toEqual([
      { title: '小区停车难', submitted: { date: '2026-05-10' }, answered: { date: '2026-05-12' }, status: null, invalid: false, layout: 'configured', url: 'http://x.gov.cn/wsdc/' },
      { title: '噪音扰民 联系人139****5678', submitted: { date: '2026-06-02' }, answered: null, status: '办理中', invalid: false, layout: 'configured', url: 'http://x.gov.cn/wsdc/' },
    ]);
    expect(extractMessages({ url: 'http://x.gov.cn/other/', html }, [layout])).toEqual([]);
  });

  it('matches nothing with a selector css-select refuses, instead of failing', () => {
    const bad = { ...layout, item: 'div[' };
    expect(extractMessages({ url: 'http://x.gov.cn/wsdc/', html }, [bad])).toEqual([]);
  });
});
