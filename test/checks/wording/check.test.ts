// The wording check on hand-made artifacts: attachments (name, PDF page, the linking page's date), personal data
// masked in the evidence, undated pages, the allow list, config and data validation, and scoring — a serious error
// is unscored until confirmed, then 不合格 under 严重表述错误; typos deduct under content accuracy.
import { describe, expect, it } from 'vitest';
import { wording } from '../../../checks/wording.ts';
import { validateShipped } from '../../../checks/wording/lexicon.ts';
import { keyTerms, keyTermSources, nationalLeaders, nationalPosts, outdatedTerms } from '../../../checks/data/key-terms.ts';
import { typos, typoSources } from '../../../checks/data/typos.ts';
import { parseConfig } from '../../../config/load.ts';
import { defaultIndicators } from '../../../config/reports/indicators.ts';
import { reviewAndScore } from '../../../reports/rescore.ts';
import type { ScorecardFinding } from '../../../reports/scorecard.ts';
import { findingIdentity } from '../../../reports/identity.ts';
import { findingsOf, metricsOf, NOW, page, setup, u } from '../content/support.ts';

const shipped = { sources: keyTermSources, terms: keyTerms, outdated: outdatedTerms, posts: nationalPosts, leaders: nationalLeaders, typoSources, typos };

describe('wording check', () => {
  it('reports an error in an attachment against the file, with its link text, the PDF page and the linking pages', () => {
    const { ctx, artifacts } = setup();
    const pageText = '发布日期：2024-06-01 详见附件';
    const text = '第一页 关于做好安全生产工作的通知 第二页 各单位要认真布署，确保落实。';
    const out = wording.run(
      artifacts([page('/tzgg/1.htm', { text: pageText, meta: { pubdate: '2024-06-01' }, links: [['/files/tz.pdf', '安全生产工作通知（PDF）']] })], {
        attachments: [{ url: u('/files/tz.pdf'), foundOn: [u('/tzgg/1.htm')], format: 'pdf', text, pageStarts: [text.indexOf('第二页')] }],
      }),
      ctx,
    );
    const f = findingsOf(out);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'wording.typo', url: u('/files/tz.pdf'), severity: 'minor', message: '附件中错别字：“布署”应为“部署”' });
    expect(f[0].evidence).toMatchObject({
      foundOn: [u('/tzgg/1.htm')], format: 'pdf', pageDate: '2024-06-01', where: ['附件'], attachmentName: '安全生产工作通知（PDF）', pdfPages: [2],
      occurrences: ['附件第2页：第一页 关于做好安全生产工作的通知 第二页 各单位要认真【布署】，确保落实。'],
    });
    expect(metricsOf(out)).toMatchObject({ attachmentsScanned: 1, typos: 1 });
  });

  it('masks personal data in the quoted sentence', () => {
    const { ctx, artifacts } = setup();
    const f = findingsOf(wording.run(artifacts([page('/a.htm', { text: '请联系13906061234，按步就班办理。' })]), ctx));
    expect(f.map((x) => x.evidence.occurrences)).toEqual([['正文：请联系139****1234，【按步就班】办理。']]);
  });

  it('judges no post on an undated page, and counts the mention', () => {
    const { ctx, artifacts } = setup();
    const out = wording.run(artifacts([page('/a.htm', { text: '国务院总理李克强主持会议。' })]), ctx);
    expect(findingsOf(out)).toEqual([]);
    expect(metricsOf(out)).toMatchObject({ postMentionsUndated: 1 });
  });

  it('raises nothing inside a name of the allow list, and a district name added in config is guarded', () => {
    const text = '发布日期：2025-03-01 村委会委员习进平同志，泉州市鲤城区人民正府门户网站。';
    const plain = setup();
    expect(findingsOf(wording.run(plain.artifacts([page('/a.htm', { text })]), plain.ctx)).map((x) => [x.evidence.kind, x.evidence.wrong])).toEqual([['leader-name', '习进平']]);
    const { ctx, artifacts } = setup({ district: { wording: { allow: ['习进平'], officialNames: ['泉州市鲤城区人民政府'] } } as never });
    const f = findingsOf(wording.run(artifacts([page('/a.htm', { text })]), ctx));
    expect(f.map((x) => [x.evidence.wrong, x.evidence.correct])).toEqual([['泉州市鲤城区人民正府', '泉州市鲤城区人民政府']]);
  });

  it('a confirmed serious error makes the site 不合格 under 严重表述错误; typos deduct 0.5 each under content accuracy', () => {
    const { ctx, artifacts } = setup();
    const text = '坚持依法制国。会议对工作进行布署，要求再接再励。';
    const f = findingsOf(wording.run(artifacts([page('/a.htm', { text })]), ctx));
    const cards: ScorecardFinding[] = f.map((x) => ({ ...x, identity: findingIdentity(x), firstSeen: NOW.toISOString(), state: 'new', indicators: [] }));
    const checks = [{ id: 'wording', status: 'failed' }];
    const base = { catalogue: defaultIndicators, now: NOW, timezone: 'Asia/Shanghai' };
    const open = reviewAndScore(cards, checks, { ...base, decisions: { waivers: [], confirmations: [] } }).result;
    expect(open.vetoes).toEqual([]);
    expect(open.indicators.find((i) => i.id === 'content.accuracy')).toMatchObject({ points: 3, deduction: 1, findings: 2 });
    const serious = cards.find((c) => c.code === 'wording.serious')!;
    const confirmed = reviewAndScore(cards, checks, { ...base, decisions: { waivers: [], confirmations: [{ identity: serious.identity, by: '网站管理中心' }] } }).result;
    expect(confirmed).toMatchObject({ vetoes: ['veto.security'], verdict: '不合格' });
    expect(defaultIndicators.find((i) => i.id === 'veto.security')!.name).toBe('严重表述错误、安全泄密');
  });

  it('gives two wrong forms on one page different identities, and the same form on two runs the same one', () => {
    const { ctx, artifacts } = setup();
    const run = () => findingsOf(wording.run(artifacts([page('/a.htm', { text: '认真布署，再接再励。' })]), ctx)).map(findingIdentity);
    const ids = run();
    expect(new Set(ids).size).toBe(2);
    expect(run()).toEqual(ids);
  });
});

describe('wording data and config', () => {
  it('the shipped lists validate, every entry with a dated source', () => {
    const d = validateShipped(shipped);
    expect(d.terms.length).toBeGreaterThan(80);
    expect(d.typos.length).toBeGreaterThan(100);
    for (const s of Object.values(d.sources)) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a bad shipped entry fails loudly, naming it', () => {
    expect(() => validateShipped({ ...shipped, terms: [...keyTerms, { term: '不忘初心、牢记使命', category: 'formulation', source: 'cpc-constitution-2022' }] })).toThrow(/terms\.\d+\.term: 4–24 Han characters/);
    expect(() => validateShipped({ ...shipped, typos: [...typos, { wrong: '布署', correct: '部署', source: 'xiandai-hanyu-cidian-7' }] })).toThrow(/"布署" is listed twice/);
    expect(() => validateShipped({ ...shipped, leaders: [{ name: '张三', posts: [{ post: 'premier', from: '2020-01-01', until: '2019-01-01', source: 'npc-14-1' }] }] })).toThrow(/until 2019-01-01 is before from/);
    expect(() => validateShipped({ ...shipped, terms: [{ term: '中国式现代化', category: 'formulation', source: 'nowhere' }] })).toThrow(/a source listed in the file/);
  });

  it('a bad wording config is a load error naming the field', () => {
    const base = { district: '测试区', sites: [{ id: 's', name: '测试网站', unit: '测试单位', homepage: 'http://www.x.gov.cn/' }] };
    const error = (wording: unknown) => {
      try {
        parseConfig({ ...base, wording } as never, '/d.json');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(error({ terms: ['不忘初心，牢记使命'] })).toMatch(/wording\.terms\[0\]: Han characters only/);
    expect(error({ leaders: [{ name: '陈志远', posts: [{ title: '区长', from: '2024-01-01', until: '2023-01-01' }] }] })).toMatch(/wording\.leaders\[0\]\.posts\[0\]\.until: until must not be before from/);
    expect(error({ maxHitsPerPage: 0 })).toMatch(/wording\.maxHitsPerPage/);
    expect(error({ extraTypos: [{ wrong: '布署', correct: '布署' }] })).toMatch(/wording\.extraTypos\[0\]\.correct: wrong and correct must differ/);
    expect(error({ nosuch: 1 })).toMatch(/wording/);
  });
});

describe('wording: template repeats', () => {
  it('reports the same error in the same sentence on many pages once, with the pages', () => {
    const { ctx, artifacts } = setup();
    const footer = '主办单位：测试区人民政府办公室 请登陆网站后台查询。';
    const pages = Array.from({ length: 6 }, (_, i) => page(`/p${i}.htm`, { text: `第${i}篇正文。${footer}` }));
    pages.push(page('/other.htm', { text: '会议要求认真布署。' }));
    const f = findingsOf(wording.run(artifacts(pages), ctx));
    expect(f.map((x) => [x.url, x.evidence.wrong, x.evidence.count, x.evidence.pagesAffected])).toEqual([
      [u('/p0.htm'), '登陆网站', 6, 6],
      [u('/other.htm'), '布署', 1, undefined],
    ]);
    expect(f[0].message).toBe('错别字：“登陆网站”应为“登录网站”（共6处）；同一语句出现在6个页面（网站模板或公共区块），一处修改即可');
    expect(f[0].evidence.examplePages).toEqual(pages.slice(0, 6).map((p) => p.url));
  });
});
