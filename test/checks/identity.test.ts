// The identity-marks check on hand-made pages: a complete footer passes; each missing mark is one finding on the
// homepage; a second template missing a mark on inner pages is one finding listing those pages; codes must match.
import { describe, expect, it } from 'vitest';
import type { LinkRef } from '../../contract/artifacts/crawl.ts';
import { identity, sampleInnerPages } from '../../checks/identity.ts';
import { findMarks } from '../../checks/content/marks.ts';
import { findingsOf, metricsOf, page, setup, u } from './content/support.ts';

const CODE = '3505020001';
const FOOTER = `主办单位：泉州市某区人民政府办公室 联系电话：0595-22567812 网站标识码：${CODE} 闽ICP备05012345号-1 闽公网安备 35050202000101号`;
const BADGES: LinkRef[] = [
  { url: 'http://bszs.conac.cn/sitename?method=show&id=ABC', tag: 'a', text: '党政机关' },
  { url: `http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=${CODE}`, tag: 'a', text: '我为政府网站找错' },
];

function full(path: string, over: { text?: string; links?: LinkRef[] } = {}) {
  return page(path, { text: over.text ?? `正文 ${FOOTER}`, links: over.links ?? BADGES });
}

describe('identity marks', () => {
  it('reads every mark of a complete footer', () => {
    const marks = findMarks({ text: FOOTER, links: BADGES }, CODE);
    expect(Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, v.present]))).toEqual({
      'site-code': true, icp: true, 'police-record': true, 'party-mark': true, 'error-report-entrance': true, sponsor: true, contact: true,
    });
    expect(marks.icp.value).toBe('闽ICP备05012345号-1');
  });

  it('accepts the entrance script with a sitecode attribute, a 联系我们 link and full-width digits', () => {
    const text = '主办：某区政府 网站标识码：３５０５０２０００１ 闽ICP备05012345号 闽公网安备35050202000101号';
    const links: LinkRef[] = [
      { url: 'https://dcs.conac.cn/js/13/000/0000/60429971/CA.js', tag: 'script' },
      { url: 'https://zfwzzc.www.gov.cn/plugin/js/jiucuo.js', tag: 'script' },
      { url: 'http://www.x.gov.cn/lxwm/', tag: 'a', text: '联系我们' },
    ];
    const marks = findMarks({ text, links, html: `<script id="_jiucuo_" sitecode='${CODE}' src='https://zfwzzc.www.gov.cn/plugin/js/jiucuo.js'></script>` }, CODE);
    expect(Object.values(marks).every((m) => m.present)).toBe(true);
  });

  it('finds nothing when the homepage and the sampled inner pages carry every mark (soft 404s are not sampled)', () => {
    const { ctx, artifacts } = setup({ site: { siteCode: CODE } });
    const soft404 = page('/gone.htm', { text: '页面不存在' });
    const target = { url: u('/gone.htm'), internal: true, method: 'CRAWL' as const, status: 200, redirects: 0, soft404Signals: { text: { phrase: '页面不存在', otherChars: 0 } }, foundOn: [u('/')], onHomepage: true, tags: ['a' as const] };
    const out = identity.run(artifacts([full('/'), full('/a.htm'), full('/b/c.htm'), soft404], { linkTargets: [target] }), ctx);
    expect(findingsOf(out)).toEqual([]);
    expect(metricsOf(out).sampledPages).toEqual([u('/a.htm'), u('/b/c.htm')]);
  });

  it('reports each mark missing on the homepage once, listing inner pages that lack it too', () => {
    const { ctx, artifacts } = setup({ site: { siteCode: CODE } });
    const noPolice = FOOTER.replace(/闽公网安备 \d+号/, '');
    const out = identity.run(artifacts([full('/', { text: noPolice.replace(/主办单位：\S+/, ''), links: [BADGES[1]] }), full('/a.htm', { text: noPolice }), full('/b.htm')]), ctx);
    const f = findingsOf(out);
    expect(f.map((x) => [x.code, x.url, x.severity])).toEqual([
      ['identity.missing-police-record', u('/'), 'minor'],
      ['identity.missing-party-mark', u('/'), 'minor'],
      ['identity.missing-sponsor', u('/'), 'minor'],
    ]);
    expect(f[0].evidence).toMatchObject({ level: 'homepage', alsoMissingOn: [u('/a.htm')], sampled: 2 });
  });

  it('reports a mark missing only on inner pages as one finding about those pages', () => {
    const { ctx, artifacts } = setup({ site: { siteCode: CODE } });
    const articles = ['/xw/1.htm', '/xw/2.htm', '/xw/3.htm'].map((p) => full(p, { links: [BADGES[0]] }));
    const f = findingsOf(identity.run(artifacts([full('/'), full('/lm/'), ...articles]), ctx));
    expect(f.map((x) => [x.code, x.url])).toEqual([['identity.missing-error-report-entrance', u('/xw/1.htm')]]);
    expect(f[0].evidence).toMatchObject({ level: 'inner', pages: articles.map((a) => a.url), missingCount: 3, sampled: 4 });
    expect(f[0].message).toContain('抽查的4个内页中有3个');
  });

  it('treats a site code or an entrance code other than the configured one as missing', () => {
    const { ctx, artifacts } = setup({ site: { siteCode: CODE } });
    const wrong = FOOTER.replace(CODE, '3505029999');
    const links = [BADGES[0], { url: 'http://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action', tag: 'a' as const, text: '找错' }];
    const f = findingsOf(identity.run(artifacts([full('/', { text: wrong, links })]), ctx));
    expect(f.map((x) => [x.code, x.evidence.problem, x.evidence.found])).toEqual([
      ['identity.missing-site-code', 'code-mismatch', '3505029999'],
      ['identity.missing-error-report-entrance', 'no-code', undefined],
    ]);
    expect(f[0].message).toContain('3505029999');
  });

  it('does not take a landline-free text, an ICP without 号 or a bare 公网安备 word as marks', () => {
    const marks = findMarks({ text: '网站标识码：35050200 闽ICP备 公网安备 主办单位 电话', links: [] });
    expect(Object.values(marks).some((m) => m.present)).toBe(false);
  });

  it('samples inner pages evenly and deterministically, skipping other hosts, broken pages and query views', () => {
    const home = page('/');
    const inner = Array.from({ length: 30 }, (_, i) => page(`/p${String(i).padStart(2, '0')}.htm`));
    const other = { ...page('/x.htm'), url: 'http://other.gov.cn/x.htm', finalUrl: 'http://other.gov.cn/x.htm' };
    const broken = page('/zz.htm', { status: 404 });
    const calendar = page('/calendar/?month=2026-01');
    const s = sampleInnerPages([home, ...inner.reverse(), other, broken, calendar], home, 3);
    expect(s.map((p) => p.url)).toEqual([u('/p00.htm'), u('/p10.htm'), u('/p20.htm')]);
  });
});
