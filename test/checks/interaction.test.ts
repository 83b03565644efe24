// The interaction check on hand-made crawls (no network, pinned clock): channels found, broken or missing; messages
// unanswered for more than 3 months in the past year; median reply time in working days on the official calendar.
import { describe, expect, it } from 'vitest';
import { interaction } from '../../checks/interaction.ts';
import type { SiteArtifacts } from '../../checks/types.ts';
import type { CrawlSummary, LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import { createCalendar } from '../../calendar/workdays.ts';
import { parseHtml } from '../../crawler/html.ts';

const ORIGIN = 'http://jd.example.gov.cn';
const now = new Date('2026-11-20T10:00:00+08:00');

function page(path: string, html: string, status = 200): PageArtifact {
  const url = `${ORIGIN}${path}`;
  const parsed = parseHtml(html, url);
  return {
    url, finalUrl: url, depth: path === '/' ? 0 : 1, status, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: html.length,
    fetchedAt: now.toISOString(), timeMs: 5, isHtml: true, title: parsed.title, meta: parsed.meta, links: parsed.links, html,
  };
}

const crawl: CrawlSummary = {
  homepage: `${ORIGIN}/`, pagesCrawled: 0, truncated: false, maxPages: 60, maxDepth: 10, robotsRespected: true, robotsDisallowed: [], trapsSkipped: [],
  requests: 0, startedAt: now.toISOString(), finishedAt: now.toISOString(),
};

const home = (nav: string) => page('/', `<html><head><title>街道</title></head><body><ul>${nav}<li><a href="/gzdt/">工作动态</a></li></ul>
  <ul><li><a href="/gzdt/a.htm">关于公开征集2027年为民办实事项目意见建议的公告</a></li></ul></body></html>`);

const detail = (path: string, title: string, submitted: string, answered: string | null, status = answered ? '已回复' : '待回复') =>
  page(path, `<html><body><h1>${title}</h1><p>留言时间：${submitted}　状态：${status}</p><div>内容</div>${answered ? `<p>答复时间：${answered}</p><p>已处理。</p>` : '<p>暂未答复</p>'}</body></html>`);

const board = [
  detail('/hdjl/1.htm', '楼道照明损坏', '2026-07-08 08:40', null),
  detail('/hdjl/2.htm', '停车难', '2026-09-30 09:00', '2026-10-09 10:00'),
  detail('/hdjl/3.htm', '路面破损', '2026-03-02 09:00', '2026-07-10 15:00'),
  detail('/hdjl/4.htm', '恰好三个月', '2026-08-20 09:00', null),
  detail('/hdjl/5.htm', '广告', '2026-05-01 09:00', null, '无效留言'),
  detail('/hdjl/6.htm', '一年以前', '2025-11-19 09:00', null),
  detail('/hdjl/7.htm', '噪音', '2026-11-16 09:00', '2026-11-17 09:00'),
  page('/hdjl/', '<html><body><ul><li><a href="1.htm">楼道照明损坏</a></li></ul></body></html>'),
];

function run(pages: PageArtifact[], opts: { columns?: unknown[]; targets?: LinkTarget[]; interaction?: Record<string, unknown> } = {}) {
  const site = { id: 'jd', name: '街道', unit: '街道办', homepage: `${ORIGIN}/`, columns: opts.columns ?? [] };
  const config = parseConfig({ district: '测试区', sites: [site], ...(opts.interaction ? { interaction: opts.interaction } : {}) }, '/tmp/d.json');
  const artifacts: SiteArtifacts = { site: config.sites[0], unavailable: {}, pages, crawl, linkTargets: opts.targets ?? [] };
  return runChecks([interaction], artifacts, { now, timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: createCalendar({}) })[0];
}

describe('messages on the site’s own board', () => {
  it('vetoes messages of the past year left more than 3 months without a reply, and only those', () => {
    const r = run([home('<li><a href="/hdjl/">互动交流</a></li>'), ...board]);
    expect(r.findings.map((f) => [f.code, f.url, f.severity, f.evidence.answered])).toEqual([
      ['interaction.unanswered-message', `${ORIGIN}/hdjl/1.htm`, 'veto', null],
      ['interaction.unanswered-message', `${ORIGIN}/hdjl/3.htm`, 'veto', '2026-07-10 15:00'],
    ]);
    expect(r.findings[0].message).toBe('网民留言“楼道照明损坏”2026-07-08提交，至2026-11-20超过3个月未回复');
    expect(r.findings[1].message).toBe('网民留言“路面破损”2026-03-02提交，2026-07-10才回复，超过3个月未回应');
    expect(r.findings[0].evidence).toEqual({ itemId: `${ORIGIN}/hdjl/1.htm`, title: '楼道照明损坏', submitted: '2026-07-08 08:40', answered: null, status: '待回复', monthsLimit: 3, layout: 'labelled' });
  });

  it('reports the median reply time in working days on the official calendar (National Day skipped)', () => {
    const r = run([home('<li><a href="/hdjl/">互动交流</a></li>'), ...board]);
    // 停车难 30 Sep → 9 Oct: 2 working days; 路面破损 2 Mar → 10 Jul: 88; 噪音 16 → 17 Nov: 1
    expect(r.metrics).toMatchObject({
      boardPages: 8,
      messages: { found: 7, invalid: 1, outsidePeriod: 1, inPeriod: 5, answered: 3, open: 2, overLimit: 2 },
      medianReplyWorkdays: 2,
      replyTimesMeasured: 3,
      lookbackFrom: '2025-11-20',
      channels: [{ url: `${ORIGIN}/hdjl/`, name: '互动交流', source: 'link', internal: true, state: 'working', detail: null }],
    });
  });

  it('counts a message once when a list row without a link and its detail page both show it', () => {
    const list = page('/hdjl/list.htm', '<table><tr><th>标题</th><th>留言时间</th><th>答复时间</th></tr><tr><td>楼道照明损坏</td><td>2026-07-08</td><td></td></tr></table>');
    const r = run([home('<li><a href="/hdjl/">互动交流</a></li>'), page('/hdjl/', '<a href="list.htm">列表</a>'), list, board[0]]);
    expect(r.findings.map((f) => [f.code, f.url, f.evidence.layout])).toEqual([['interaction.unanswered-message', `${ORIGIN}/hdjl/1.htm`, 'labelled']]);
    expect(r.metrics).toMatchObject({ messages: { found: 1 } });
  });

  it('honours configured limits', () => {
    const r = run([home('<li><a href="/hdjl/">互动交流</a></li>'), ...board], { interaction: { unansweredMonths: 6 } });
    expect(r.findings).toEqual([]);
  });
});

describe('question channels', () => {
  it('vetoes a site without any channel (a news title mentioning 征集 is not one)', () => {
    const r = run([home('')]);
    expect(r.findings.map((f) => [f.code, f.url, f.severity, f.evidence.reason])).toEqual([['interaction.no-channel', `${ORIGIN}/`, 'veto', 'none']]);
    expect(r.findings[0].message).toMatch(/^网站未提供互动交流渠道/);
  });

  it('vetoes a site whose only channel, a configured column, is broken', () => {
    const r = run([home(''), page('/zxft/', 'error', 500)], { columns: [{ name: '在线访谈', url: `${ORIGIN}/zxft/`, kind: 'interaction' }] });
    expect(r.findings.map((f) => [f.code, f.evidence.reason])).toEqual([['interaction.no-channel', 'broken']]);
    expect(r.findings[0].message).toBe('互动交流渠道均无法正常访问（在线访谈：HTTP 500），网民无法留言');
  });

  it('accepts a working channel on another host (the district platform) from the link check, with no messages to read', () => {
    const url = 'http://www.example.gov.cn/hdjl/';
    const target: LinkTarget = { url, internal: false, method: 'HEAD', status: 200, redirects: 0, foundOn: [`${ORIGIN}/`], onHomepage: true, tags: ['a'] };
    const r = run([home(`<li><a href="${url}">领导信箱</a></li>`)], { targets: [target] });
    expect(r.status).toBe('passed');
    expect(r.metrics).toMatchObject({ boardPages: 0, medianReplyWorkdays: null, channels: [{ url, internal: false, state: 'working' }] });
    // the channel is judged, its board (on another host, not crawled) is not: said on the scorecard, still passed
    expect(r.coverage).toEqual({ candidates: 2, judged: 1, reason: '留言板未读出任何留言（无人留言、列表由脚本加载或版式未识别），未判断留言答复时限' });
  });

  it('is not measured when the only channel could not be checked, or the homepage was not crawled', () => {
    const url = 'http://www.example.gov.cn/hdjl/';
    const skipped: LinkTarget = { url, internal: false, method: 'HEAD', status: null, redirects: 0, foundOn: [], onHomepage: true, tags: ['a'], skipped: 'external links not checked' };
    expect(run([home(`<li><a href="${url}">在线咨询</a></li>`)], { targets: [skipped] }).status).toBe('not-measured');
    expect(run([page('/', 'down', 503)]).status).toBe('not-measured');
  });
});

describe('configured layouts', () => {
  it('reads a board the heuristics cannot and judges its messages', () => {
    const html = '<div class="q"><i>井盖缺失</i><b>2026-06-01</b><u></u></div><div class="q"><i>树木修剪</i><b>2026-10-12</b><u>2026-10-13</u></div>';
    const pages = [home('<li><a href="/wsdc/">网上调查</a></li>'), page('/wsdc/list.htm', html)];
    const layouts = [{ pages: '/wsdc/', item: '.q', submitted: 'b', answered: 'u', title: 'i' }];
    const r = run(pages, { columns: [{ name: '民意征集', url: `${ORIGIN}/wsdc/list.htm`, kind: 'interaction' }], interaction: { layouts } });
    expect(r.findings.map((f) => [f.code, f.evidence.title, f.evidence.layout])).toEqual([['interaction.unanswered-message', '井盖缺失', 'configured']]);
    expect(r.metrics).toMatchObject({ medianReplyWorkdays: 1 });
  });
});
