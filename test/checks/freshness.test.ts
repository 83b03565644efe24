// The freshness check on hand-made artifacts, audited as of 2026-11-20 (Asia/Shanghai): the homepage against
// 2 weeks, each column against its kind's limit (exactly at the limit is fresh), empty, undated, script-filled
// and unreachable columns.
import { describe, expect, it } from 'vitest';
import { freshness } from '../../checks/freshness.ts';
import { runChecks } from '../../checks/runner.ts';
import { findingsOf, items, metricsOf, page, setup, u } from './content/support.ts';

const col = (name: string, path: string, kind: string) => ({ name, url: u(path), kind }) as { name: string; url: string; kind: 'news' };

function home(newest: string) {
  return page('/', { listItems: items(['要闻一', '/xw/t1.htm', newest], ['要闻二', '/xw/t2.htm', '2026-10-01'], ['要闻三', '/xw/t3.htm', '2026-09-01']) });
}

describe('freshness check', () => {
  it('finds nothing on a homepage updated within 2 weeks (14 days ago is still fresh)', () => {
    const { ctx, artifacts } = setup();
    expect(findingsOf(freshness.run(artifacts([home('2026-11-06')]), ctx))).toEqual([]);
  });

  it('reports a homepage whose newest item is older than 2 weeks as a veto, with its date and age', () => {
    const { ctx, artifacts } = setup();
    const out = freshness.run(artifacts([home('2026-11-05')]), ctx);
    const f = findingsOf(out);
    expect(f.map((x) => [x.code, x.url, x.severity, x.review])).toEqual([['freshness.homepage-stale', u('/'), 'veto', undefined]]);
    expect(f[0].evidence).toMatchObject({ newest: '2026-11-05', daysSince: 15, limit: '2w', cutoff: '2026-11-06' });
    expect(f[0].message).toContain('2026-11-05');
    expect(metricsOf(out).homepage).toEqual({ newest: '2026-11-05', daysSince: 15, limit: '2w' });
  });

  it('ignores future dates and marks a homepage with no dated item for review', () => {
    const { ctx, artifacts } = setup();
    const future = page('/', { listItems: items(['预告', '/a.htm', '2027-01-01'], ['b', '/b.htm', null], ['c', '/c.htm', null]) });
    const f = findingsOf(freshness.run(artifacts([future]), ctx));
    expect(f.map((x) => [x.code, x.severity, x.review])).toEqual([['freshness.homepage-stale', 'veto', true]]);
  });

  it('without list rows, dates the homepage by the articles it links to (page date, else the TRS URL)', () => {
    const { ctx, artifacts } = setup();
    const homepage = page('/', { links: [['/xw/202611/t20261119_1.htm', '新闻'], ['http://other.gov.cn/t20261119_2.htm', '外站']] });
    expect(findingsOf(freshness.run(artifacts([homepage]), ctx))).toEqual([]);
    const old = page('/', { links: [['/xw/a.htm', '新闻']] });
    const article = page('/xw/a.htm', { meta: { pubdate: '2026-10-01 09:00' } });
    expect(findingsOf(freshness.run(artifacts([old, article]), ctx)).map((f) => [f.code, f.evidence.newest])).toEqual([['freshness.homepage-stale', '2026-10-01']]);
  });

  it('judges each column by its kind; exactly at the limit is not stale; reports empty columns', () => {
    const columns = [
      col('工作动态', '/gzdt/', 'news'),
      col('通知公告', '/tzgg/', 'notice'),
      col('政策文件', '/zcwj/', 'policy'),
      col('人事信息', '/rsxx/', 'personnel'),
      col('规划计划', '/ghjh/', 'plan'),
      col('其他栏目', '/qt/', 'other'),
    ];
    const { ctx, artifacts } = setup({ site: { columns } });
    const out = freshness.run(
      artifacts([
        home('2026-11-18'),
        page('/gzdt/', { listItems: items(['a', '/gzdt/1.htm', '2026-11-06'], ['b', '/gzdt/2.htm', '2026-10-06'], ['c', '/gzdt/3.htm', '2026-09-06']) }),
        page('/tzgg/', { listItems: items(['a', '/tzgg/1.htm', '2026-05-20'], ['b', '/tzgg/2.htm', '2026-01-06'], ['c', '/tzgg/3.htm', '2025-09-06']) }),
        page('/zcwj/', { listItems: items(['a', '/zcwj/1.htm', '2026-05-19'], ['b', '/zcwj/2.htm', '2026-01-06'], ['c', '/zcwj/3.htm', '2025-09-06']) }),
        page('/rsxx/', { listItems: items(['a', '/rsxx/1.htm', '2025-11-19'], ['b', '/rsxx/2.htm', '2025-01-06'], ['c', '/rsxx/3.htm', '2024-09-06']) }),
        page('/ghjh/', { links: [['/', '首页']] }),
        page('/qt/', { listItems: items(['a', '/qt/1.htm', '2019-01-01'], ['b', '/qt/2.htm', '2019-01-01'], ['c', '/qt/3.htm', '2019-01-01']) }),
      ], { renderedLists: { browser: 'rendered', pages: [{ url: u('/ghjh/'), listItems: [], links: [{ url: u('/'), tag: 'a', text: '首页' }] }] } }),
      ctx,
    );
    const f = findingsOf(out);
    expect(f.map((x) => [x.code, x.url, x.evidence.kind, x.review])).toEqual([
      ['freshness.column-stale', u('/zcwj/'), 'policy', undefined],
      ['freshness.column-stale', u('/rsxx/'), 'personnel', undefined],
      ['freshness.column-empty', u('/ghjh/'), 'plan', undefined],
    ]);
    expect(f[2].evidence).toMatchObject({ items: 0, rendered: true });
    expect(f[0].evidence).toMatchObject({ column: '政策文件', newest: '2026-05-19', cutoff: '2026-05-20', limit: '6m' });
    expect(f[1].evidence).toMatchObject({ newest: '2025-11-19', cutoff: '2025-11-20', daysSince: 366 });
    const m = metricsOf(out);
    expect(m.vetoCounts).toEqual({ staleNewsNoticePolicy: 1, staleAll: 2, empty: 1 });
    expect((m.columns as { name: string; status: string; newest: string | null }[]).map((c) => [c.name, c.status, c.newest])).toEqual([
      ['工作动态', 'fresh', '2026-11-06'],
      ['通知公告', 'fresh', '2026-05-20'],
      ['政策文件', 'stale', '2026-05-19'],
      ['人事信息', 'stale', '2025-11-19'],
      ['规划计划', 'empty', null],
      ['其他栏目', 'no-limit', '2019-01-01'],
    ]);
  });

  it('reads a short list (no list rows) from its article links and their dates', () => {
    const { ctx, artifacts } = setup({ site: { columns: [col('通知公告', '/tzgg/', 'notice')] } });
    const list = page('/tzgg/index.htm', { links: [['/', '首页'], ['/tzgg/202604/t20260401_9.htm', '旧通知'], ['/tzgg/index_1.htm', '下一页']] });
    const f = findingsOf(freshness.run(artifacts([home('2026-11-18'), { ...list, url: u('/tzgg/'), finalUrl: u('/tzgg/index.htm') }]), ctx));
    expect(f.map((x) => [x.code, x.evidence.newest, x.evidence.items])).toEqual([['freshness.column-stale', '2026-04-01', 1]]);
  });

  it('marks for review: undated items, a list filled by script, an unreachable column page', () => {
    const columns = [col('动态', '/dt/', 'news'), col('公告', '/gg/', 'notice'), col('文件', '/wj/', 'policy')];
    const { ctx, artifacts } = setup({ site: { columns } });
    const out = freshness.run(
      artifacts([
        home('2026-11-18'),
        page('/dt/', { links: [['/dt/a.htm', '一'], ['/dt/b.htm', '二']] }),
        page('/gg/', { html: '<ul id="list"></ul><script>loadList()</script>', links: [] }),
        page('/wj/', { status: 404 }),
      ]),
      ctx,
    );
    expect(findingsOf(out).map((x) => [x.code, x.url, x.review, x.evidence.kind])).toEqual([
      ['freshness.column-stale', u('/dt/'), true, 'news'],
      ['freshness.column-empty', u('/gg/'), true, 'notice'],
      ['freshness.column-empty', u('/wj/'), true, 'policy'],
    ]);
    expect(findingsOf(out)[1].evidence).toMatchObject({ scriptFilled: true, rendered: false, notRendered: '未进行浏览器渲染' });
    expect(metricsOf(out).vetoCounts).toEqual({ staleNewsNoticePolicy: 0, staleAll: 0, empty: 0 });
  });

  it('judges a script-filled list on the browser\'s rendering when there is one, else says why it is not', () => {
    const columns = [col('公示', '/gs/', 'notice'), col('服务', '/fw/', 'other'), col('空', '/k/', 'news')];
    const { ctx, artifacts } = setup({ site: { columns } });
    const scripted = (path: string) => page(path, { links: [{ url: u('/js/list.js'), tag: 'script' }] });
    const renderedLists = {
      browser: 'rendered' as const,
      pages: [
        { url: u('/gs/'), listItems: items(['a', '/gs/1.htm', '2026-04-16'], ['b', '/gs/2.htm', '2026-02-03'], ['c', '/gs/3.htm', '2025-12-01']), links: [] },
        { url: u('/fw/'), listItems: [], links: [], error: 'page time limit (30000 ms) exceeded' },
        { url: u('/k/'), listItems: [], links: [] },
      ],
    };
    const out = freshness.run(artifacts([home('2026-11-18'), scripted('/gs/'), scripted('/fw/'), scripted('/k/')], { renderedLists }), ctx);
    expect(findingsOf(out).map((x) => [x.code, x.url, x.review, x.evidence.rendered])).toEqual([
      ['freshness.column-stale', u('/gs/'), undefined, true],
      ['freshness.column-empty', u('/fw/'), true, false],
      ['freshness.column-empty', u('/k/'), undefined, true],
    ]);
    expect(findingsOf(out)[0].evidence).toMatchObject({ newest: '2026-04-16', scriptFilled: true });
    expect(findingsOf(out)[1].message).toContain('page time limit');
    const none = freshness.run(artifacts([home('2026-11-18'), scripted('/gs/')], { renderedLists: { browser: 'unavailable', reason: '未找到浏览器 (Chromium)', pages: [] } }), ctx);
    expect(findingsOf(none).map((x) => [x.code, x.review, x.evidence.notRendered])).toEqual([['freshness.column-empty', true, '未找到浏览器 (Chromium)']]);
  });

  it('warns about a configured column the crawl did not reach, and honours configured limits', () => {
    const { ctx, artifacts } = setup({ site: { columns: [col('动态', '/dt/', 'news'), col('未链接', '/none/', 'notice')] }, district: { freshness: { maxAge: { news: '3d' } } } });
    const out = freshness.run(artifacts([home('2026-11-18'), page('/dt/', { listItems: items(['a', '/dt/1.htm', '2026-11-16'], ['b', '/dt/2.htm', '2026-11-01'], ['c', '/dt/3.htm', '2026-10-01']) })]), ctx);
    expect(findingsOf(out).map((x) => [x.code, x.evidence.limit])).toEqual([['freshness.column-stale', '3d']]);
    expect(Array.isArray(out) ? [] : out.warnings).toEqual([expect.stringContaining('未链接')]);
  });

  it('is not measured when the homepage could not be fetched', () => {
    const { ctx, artifacts } = setup();
    const r = runChecks([freshness], artifacts([page('/', { status: null, isHtml: false, error: 'refused', errorMessage: 'ECONNREFUSED' })], { crawl: { fatal: '首页无法访问' } }), ctx);
    expect(r[0]).toMatchObject({ status: 'not-measured', reason: expect.stringContaining('首页无法访问') });
  });
});
