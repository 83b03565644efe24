// The security check on hand-made artifacts: spam content needs context (an anti-gambling notice is not a finding),
// tampered titles, hidden links to outside hosts (same-site hidden navigation is not), the browser's verdict,
// cloaking (a lighter crawler version is not), transport (HTTPS, certificates at the audit's clock, mixed content),
// commercial ads (a government 飘窗 is not), and a confirmed tampering finding turning into the veto.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../contract/finding.ts';
import { security } from '../../checks/security.ts';
import type { CrawlerView } from '../../contract/artifacts/cloaking.ts';
import { defaultIndicators } from '../../config/reports/indicators.ts';
import { reviewAndScore } from '../../reports/rescore.ts';
import type { ScorecardFinding } from '../../reports/scorecard.ts';
import { findingIdentity } from '../../reports/identity.ts';
import { cert, findingsOf, goodTls, metricsOf, NOW, page, securitySetup, u } from './security/support.ts';

const HEAD = '<html><head><title>x</title></head><body>';
const codes = (fs: Finding[]) => fs.map((f) => [f.code, f.url]);
const home = (extra: Parameters<typeof page>[1] = {}) => page('/', { title: '某区人民政府', text: '首页 政务要闻', ...extra });

describe('security: spam content and tampered titles', () => {
  const { ctx, artifacts } = securitySetup();

  it('finds nothing on ordinary pages', () => {
    const out = security.run(artifacts([home(), page('/a.htm', { title: '通知_某区', meta: { articletitle: '通知' }, text: '福利彩票公益金使用情况公告' })]), ctx);
    expect(findingsOf(out)).toEqual([]);
    expect(metricsOf(out)).toMatchObject({ pagesScanned: 2, spamPages: 0 });
  });

  it('does not flag an anti-gambling notice that quotes the words, in its title, description and text', () => {
    const notice = page('/tzgg/a.htm', {
      title: '关于开展打击网络赌博专项行动的通知_某区',
      meta: { articletitle: '关于开展打击网络赌博专项行动的通知', description: '严厉打击六合彩、百家乐、买球等网络赌博' },
      text: '重点打击利用境外赌博网站、六合彩、时时彩、百家乐、买球、开户送彩金等方式组织网络赌博的违法犯罪活动。',
    });
    expect(findingsOf(security.run(artifacts([home(), notice]), ctx))).toEqual([]);
  });

  it('needs a strong term or two terms in a title: 网络赌博的危害 alone is not spam, 澳门新葡京 is', () => {
    const plain = page('/a.htm', { title: '赌博之害', text: '' });
    const spam = page('/b.htm', { title: '澳门新葡京_某区', text: '' });
    const f = findingsOf(security.run(artifacts([home(), plain, spam]), ctx));
    expect(codes(f)).toEqual([['security.spam-content', u('/b.htm')]]);
    expect(f[0]).toMatchObject({ severity: 'veto', review: true, evidence: { kind: 'page', where: ['title'], terms: ['新葡京'] } });
  });

  it('finds spam in the anchor text of outside links, hidden text, and visible text with three terms', () => {
    const html = `${HEAD}<div style="display:none">真人百家乐 彩金</div></body></html>`;
    const pages = [
      home({ links: [{ url: 'http://www.bet-x.com/', tag: 'a', text: '皇冠体育 在线投注' }] }),
      page('/hidden.htm', { title: '动态', text: '', html }),
      page('/text.htm', { title: '动态', text: '六合彩 时时彩 北京赛车 开户即送' }),
      page('/two.htm', { title: '动态', text: '六合彩 时时彩' }),
    ];
    const f = findingsOf(security.run(artifacts(pages), ctx));
    expect(codes(f)).toEqual([
      ['security.spam-content', u('/')],
      ['security.spam-content', u('/hidden.htm')],
      ['security.spam-content', u('/text.htm')],
    ]);
    expect(f.map((x) => x.evidence.where)).toEqual([['link'], ['hidden'], ['text']]);
    expect(f[0].evidence.links).toEqual(['http://www.bet-x.com/']);
  });

  it('matches terms across spaces and full-width letters, and takes configured extra words', () => {
    const { ctx: c2, artifacts: a2 } = securitySetup({ security: { extraSpamWords: ['代孕'] } });
    const f = findingsOf(security.run(a2([home(), page('/a.htm', { title: '澳 门 新 葡 京' }), page('/b.htm', { title: 'ＢＥＴ３６５' }), page('/c.htm', { title: '代孕' })]), c2));
    expect(codes(f)).toEqual([['security.spam-content', u('/a.htm')], ['security.spam-content', u('/b.htm')], ['security.spam-content', u('/c.htm')]]);
  });

  it('reports one finding for spam injected into the template of several pages, about the homepage', () => {
    const link = { url: 'http://www.bet-x.com/', tag: 'a' as const, text: '澳门新葡京' };
    const f = findingsOf(security.run(artifacts([home({ links: [link] }), page('/a.htm', { links: [link] }), page('/b.htm', { links: [link] })]), ctx));
    expect(codes(f)).toEqual([['security.spam-content', u('/')]]);
    expect(f[0].evidence).toMatchObject({ pageCount: 3, pages: [u('/'), u('/a.htm'), u('/b.htm')] });
  });

  it('calls a <title> that disagrees with ArticleTitle and adds spam words a tampered title (not also title spam)', () => {
    const tampered = page('/a.htm', { title: '皇冠体育_买球平台', meta: { articletitle: '秋冬季农业生产技术指导' } });
    const suffixed = page('/b.htm', { title: '秋冬季农业生产技术指导_某区农业农村局', meta: { articletitle: '秋冬季农业生产技术指导' } });
    const differentNoSpam = page('/c.htm', { title: '某区农业农村局', meta: { articletitle: '秋冬季农业生产技术指导' } });
    const f = findingsOf(security.run(artifacts([home(), tampered, suffixed, differentNoSpam]), ctx));
    expect(codes(f)).toEqual([['security.tampered-title', u('/a.htm')]]);
    expect(f[0]).toMatchObject({ severity: 'veto', review: true, evidence: { title: '皇冠体育_买球平台', articleTitle: '秋冬季农业生产技术指导', terms: ['皇冠体育', '买球'] } });
  });
});

describe('security: hidden links', () => {
  const { ctx, artifacts } = securitySetup();
  const spamDiv = `${HEAD}<div id="x" style="position:absolute;left:-9999px"><a href="http://www.bet-x.com/">娱乐</a><a href="/a.htm">本站</a></div></body></html>`;

  it('reports a hidden element linking outside the government, with the hosts and what hides it', () => {
    const f = findingsOf(security.run(artifacts([home({ html: spamDiv })]), ctx));
    expect(codes(f)).toEqual([['security.hidden-link', u('/')]]);
    expect(f[0]).toMatchObject({
      severity: 'veto', review: true,
      evidence: { hosts: ['www.bet-x.com'], links: [{ url: 'http://www.bet-x.com/', text: '娱乐' }], element: 'div#x', hiddenBy: ['off-screen (left:-9999px)'], browser: 'not-checked' },
    });
  });

  it('does not report hidden same-site navigation, hidden links to other government sites or state media, or drop-down menus', () => {
    const html = `${HEAD}<style>.sub{display:none}.nav li:hover .sub{display:block}.gone{display:none}</style>
      <ul class="sub"><li><a href="http://www.people.com.cn/">人民网</a></li></ul>
      <ul class="gone"><li><a href="/zwgk/">政务公开</a></li><li><a href="http://www.fj.gov.cn/">福建省政府</a></li><li><a href="https://www.xuexi.cn/">学习强国</a></li></ul>
      <div hidden><a href="http://bszs.conac.cn/x">党政机关</a></div></body></html>`;
    expect(findingsOf(security.run(artifacts([home({ html })]), ctx))).toEqual([]);
  });

  it('reads hiding by a <style> rule on a class, a tiny <marquee>, zero font and opacity', () => {
    const variants = [
      '<style>.k{display:none}</style><div class="k"><a href="http://a.example/">a</a></div>',
      '<marquee height="1" width="1"><a href="http://a.example/">a</a></marquee>',
      '<p style="font-size:0"><a href="http://a.example/">a</a></p>',
      '<span style="opacity:0"><a href="http://a.example/">a</a></span>',
    ];
    for (const v of variants) {
      const f = findingsOf(security.run(artifacts([home({ html: `${HEAD}${v}</body></html>` })]), ctx));
      expect(codes(f), v).toEqual([['security.hidden-link', u('/')]]);
    }
  });

  it('records the browser confirming, and drops what the browser shows as visible', () => {
    const confirmed = security.run(
      artifacts([home({ html: spamDiv })], { linkVisibility: { pages: [{ url: u('/'), links: [{ url: 'http://www.bet-x.com/', hidden: true, how: 'off-screen' }] }] } }),
      ctx,
    );
    expect(findingsOf(confirmed)[0].evidence.browser).toBe('confirmed');
    const refuted = security.run(artifacts([home({ html: spamDiv })], { linkVisibility: { pages: [{ url: u('/'), links: [{ url: 'http://www.bet-x.com/', hidden: false }] }] } }), ctx);
    expect(findingsOf(refuted)).toEqual([]);
    expect(metricsOf(refuted)).toMatchObject({ hiddenLinksRefutedByBrowser: 1 });
  });
});

describe('security: cloaking', () => {
  const { ctx, artifacts } = securitySetup();
  const view = (over: Partial<CrawlerView>): CrawlerView => ({ agent: 'Baiduspider', status: 200, finalUrl: u('/'), isHtml: true, title: '某区人民政府', meta: {}, text: '首页', links: [], ...over });

  it('reports spam and a different title served only to crawlers, with both versions', () => {
    const cloaking = { agents: ['Baiduspider', 'Googlebot'], pages: [{ url: u('/'), views: [view({ title: '澳门新葡京_真人百家乐', text: '买球平台 注册送彩金' }), view({ agent: 'Googlebot' })] }] };
    const f = findingsOf(security.run(artifacts([home()], { cloaking }), ctx));
    expect(codes(f)).toEqual([['security.spam-content', u('/')]]);
    expect(f[0]).toMatchObject({
      severity: 'veto', review: true,
      evidence: { kind: 'cloaking', agents: ['Baiduspider'], normal: { title: '某区人民政府', excerpt: '首页 政务要闻' }, crawler: { agent: 'Baiduspider', title: '澳门新葡京_真人百家乐' } },
    });
    expect(f[0].evidence.terms).toEqual(expect.arrayContaining(['新葡京', '百家乐', '买球']));
  });

  it('reports a crawler-only redirect to an outside host', () => {
    const cloaking = { agents: ['Baiduspider'], pages: [{ url: u('/'), views: [view({ finalUrl: 'http://www.bet-x.com/' })] }] };
    expect(codes(findingsOf(security.run(artifacts([home()], { cloaking }), ctx)))).toEqual([['security.spam-content', u('/')]]);
  });

  it('accepts a lighter version with the same title, and does not compare failed fetches', () => {
    const cloaking = { agents: ['Baiduspider'], pages: [{ url: u('/'), views: [view({ title: '首页_某区人民政府', text: '' }), view({ agent: 'Googlebot', status: null, error: 'timeout', isHtml: false, title: null })] }] };
    const out = security.run(artifacts([home()], { cloaking }), ctx);
    expect(findingsOf(out)).toEqual([]);
    expect(metricsOf(out)).toMatchObject({ cloakingCompared: 1, cloakingNotCompared: 1 });
  });
});

describe('security: transport', () => {
  const { ctx, artifacts } = securitySetup();
  const run = (tls: ReturnType<typeof goodTls>, pages = [home()]) => findingsOf(security.run(artifacts(pages, { tls }), ctx));
  const probe = goodTls().probe;

  it('passes a valid certificate and an HTTP→HTTPS redirect', () => {
    expect(run(goodTls())).toEqual([]);
  });

  it('reports HTTPS not offered, or HTTP not redirected to it (a host without plain HTTP is fine)', () => {
    const refused = run(goodTls({ probe: { ...probe, connected: false, chain: undefined, error: 'refused', errorMessage: 'ECONNREFUSED' } }));
    expect(refused.map((f) => [f.code, f.evidence.kind])).toEqual([['security.no-https', 'not-offered']]);
    const notTls = run(goodTls({ probe: { ...probe, connected: false, chain: undefined, error: 'not-tls' } }));
    expect(notTls.map((f) => f.code)).toEqual(['security.no-https']);
    const noRedirect = run(goodTls({ httpRedirect: { url: 'http://www.x.gov.cn/', status: 200, finalUrl: 'http://www.x.gov.cn/', toHttps: false } }));
    expect(noRedirect.map((f) => [f.code, f.evidence.kind])).toEqual([['security.no-https', 'not-redirected']]);
    expect(run(goodTls({ httpRedirect: { url: 'http://www.x.gov.cn/', status: null, finalUrl: null, toHttps: false, error: 'refused' } }))).toEqual([]);
  });

  it('judges certificate dates at the audit clock: expired, not yet valid, expiring within 30 days', () => {
    const expired = run(goodTls({ probe: { ...probe, chain: [cert({ validTo: '2026-11-01T00:00:00.000Z' })] } }));
    expect(expired.map((f) => [f.code, f.evidence.problems])).toEqual([['security.tls-invalid', ['expired']]]);
    const early = run(goodTls({ probe: { ...probe, chain: [cert({ validFrom: '2026-12-01T00:00:00.000Z' })] } }));
    expect(early.map((f) => f.evidence.problems)).toEqual([['not-yet-valid']]);
    const soon = run(goodTls({ probe: { ...probe, chain: [cert({ validTo: '2026-12-10T00:00:00.000Z' })] } }));
    expect(soon.map((f) => [f.code, f.severity, f.evidence.daysLeft])).toEqual([['security.tls-expiring', 'minor', 19]]);
    expect(soon[0].message).toContain('2026-12-10');
    expect(run(goodTls({ probe: { ...probe, chain: [cert({ validTo: '2026-12-21T00:00:00.000Z' })] } }))).toEqual([]);
  });

  it('honours security.tlsExpiringDays', () => {
    const { ctx: c2, artifacts: a2 } = securitySetup({ security: { tlsExpiringDays: 10 } });
    const tls = goodTls({ probe: { ...probe, chain: [cert({ validTo: '2026-12-10T00:00:00.000Z' })] } });
    expect(findingsOf(security.run(a2([home()], { tls }), c2))).toEqual([]);
  });

  it('reports an untrusted chain, a wrong host and a failed handshake as tls-invalid', () => {
    const bad = run(goodTls({ probe: { ...probe, trusted: false, trustProblem: 'self-signed', hostMatches: false } }));
    expect(bad.map((f) => [f.code, f.evidence.problems])).toEqual([['security.tls-invalid', ['self-signed', 'wrong-host']]]);
    const handshake = run(goodTls({ probe: { ...probe, connected: false, chain: undefined, error: 'handshake', errorMessage: 'alert handshake failure' } }));
    expect(handshake.map((f) => f.code)).toEqual(['security.tls-invalid']);
  });

  it('reports mixed content on HTTPS pages: major for scripts, minor for images only', () => {
    const https = (path: string, links: { url: string; tag: 'img' | 'script' | 'a' }[]) => ({ ...page(path, { links }), url: `https://www.x.gov.cn${path}`, finalUrl: `https://www.x.gov.cn${path}` });
    const pages = [
      { ...home(), url: 'https://www.x.gov.cn/', finalUrl: 'https://www.x.gov.cn/' },
      https('/a.htm', [{ url: 'http://cdn.x.gov.cn/a.js', tag: 'script' }]),
      https('/b.htm', [{ url: 'http://cdn.x.gov.cn/b.png', tag: 'img' }, { url: 'http://www.other.gov.cn/', tag: 'a' }]),
      page('/plain.htm', { links: [{ url: 'http://cdn.x.gov.cn/a.js', tag: 'script' }] }),
    ];
    const f = run(goodTls(), pages).filter((x) => x.code === 'security.mixed-content');
    expect(f.map((x) => [x.url, x.severity])).toEqual([['https://www.x.gov.cn/a.htm', 'major'], ['https://www.x.gov.cn/b.htm', 'minor']]);
  });
});

describe('security: commercial ads', () => {
  const { ctx, artifacts } = securitySetup();

  it('reports an ad-network host once for the site, and a floating box pointing to a commercial site', () => {
    const ad = { url: 'http://cpro.baidustatic.com/cpro/ui/c.js', tag: 'script' as const };
    const box = `${HEAD}<div id="floatAd" style="position:fixed;right:0"><a href="http://www.shop.example/">优惠</a></div></body></html>`;
    const f = findingsOf(security.run(artifacts([home({ links: [ad], html: box }), page('/a.htm', { links: [ad] })]), ctx));
    expect(f.map((x) => [x.code, x.url, x.evidence.kind])).toEqual([
      ['security.commercial-ad', u('/'), 'ad-network'],
      ['security.commercial-ad', u('/'), 'floating'],
    ]);
    expect(f[0].evidence).toMatchObject({ host: 'cpro.baidustatic.com', pageCount: 2 });
    expect(f[1].evidence).toMatchObject({ hosts: ['www.shop.example'], element: 'div#floatAd' });
  });

  it('does not report a government 飘窗 leading to its own pages or to other government sites', () => {
    const box = `${HEAD}<div id="piaochuang" class="piao" style="position:fixed"><a href="/zt/">专题</a><a href="http://www.gov.cn/">中国政府网</a></div></body></html>`;
    expect(findingsOf(security.run(artifacts([home({ html: box })]), ctx))).toEqual([]);
  });
});

describe('security: review and the veto', () => {
  it('shows tampering unscored until a person confirms it; then veto.security fires', () => {
    const { ctx, artifacts } = securitySetup();
    const f = findingsOf(security.run(artifacts([home({ title: '澳门新葡京' })]), ctx));
    const cards: ScorecardFinding[] = f.map((x) => ({ ...x, identity: findingIdentity(x), firstSeen: NOW.toISOString(), state: 'new', indicators: [] }));
    const checks = [{ id: 'security', status: 'failed' }];
    const base = { catalogue: defaultIndicators, now: NOW, timezone: 'Asia/Shanghai' };
    expect(reviewAndScore(cards, checks, { ...base, decisions: { waivers: [], confirmations: [] } }).result.vetoes).toEqual([]);
    const confirmed = reviewAndScore(cards, checks, { ...base, decisions: { waivers: [], confirmations: [{ identity: cards[0].identity, by: '网站管理中心' }] } });
    expect(confirmed.result.vetoes).toEqual(['veto.security']);
    expect(confirmed.result.verdict).toBe('不合格');
  });
});
