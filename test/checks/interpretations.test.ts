// The interpretation check (三同步) on hand-made pages: which policy documents need an interpretation, pairing by
// link, 文号 and quoted title (each alone), missing and late (working days on the official calendar), and review
// when the crawl was cut short.
import { describe, expect, it } from 'vitest';
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { interpretations } from '../../checks/interpretations.ts';
import { isNormativeTitle, makeDoc, titleKeys } from '../../checks/content/documents.ts';
import { indexPages } from '../../util/site-pages.ts';
import { findingsOf, items, metricsOf, page, setup, u } from './content/support.ts';

const columns = [
  { name: '政策文件', url: u('/zcwj/'), kind: 'policy' as const },
  { name: '政策解读', url: u('/zcjd/'), kind: 'interpretation' as const },
];

function policy(path: string, title: string, docNo: string | null, date: string, links: [string, string?][] = []): PageArtifact {
  return page(path, {
    title: `${title}_测试网站`,
    meta: { articletitle: title, pubdate: `${date} 09:00` },
    text: `索引号：001/2026-1 ${docNo ? `文号：${docNo} ` : ''}发布日期：${date} ${title} 正文…… 根据泉政〔2020〕9号文件精神`,
    links,
  });
}

function interp(path: string, title: string, date: string, body = '', links: [string, string?][] = []): PageArtifact {
  return page(path, { title: `${title}_测试网站`, meta: { articletitle: title, pubdate: `${date} 10:00` }, text: `发布日期：${date} ${title} ${body}`, links });
}

const P = {
  byNumber: policy('/zcwj/t20261103_1.htm', '测试区人民政府关于印发甲管理办法的通知', '测政〔2026〕1号', '2026-11-03'),
  byTitle: policy('/zcwj/t20261104_2.htm', '测试区人民政府办公室关于印发乙实施方案（2026—2028年）的通知', '测政办〔2026〕2号', '2026-11-04'),
  byLink: policy('/zcwj/t20261105_3.htm', '测试区人民政府关于加快丙产业发展的若干意见', '测政〔2026〕3号', '2026-11-05', [['/zcjd/t20261105_13.htm', '图解：丙产业怎么发展']]),
  missing: policy('/zcwj/t20261010_4.htm', '测试区人民政府关于设立丁保护区的决定', '测政〔2026〕4号', '2026-10-10'),
  late: policy('/zcwj/t20261102_5.htm', '测试区人民政府关于印发戊资金管理细则的通知', '测政〔2026〕5号', '2026-11-02'),
  holiday: policy('/zcwj/t20260930_6.htm', '测试区人民政府关于印发己工作规定的通知', '测政〔2026〕6号', '2026-09-30'),
  noNumber: policy('/zcwj/t20261001_7.htm', '2026年第三季度财政资金使用情况公示', null, '2026-10-01'),
  consultation: policy('/zcwj/t20261002_8.htm', '关于征求《庚管理办法（征求意见稿）》意见的通知', '测政办〔2026〕8号', '2026-10-02'),
};
const I = {
  byNumber: interp('/zcjd/t20261103_11.htm', '一图读懂甲管理办法', '2026-11-03', '测政〔2026〕1号文件解读'),
  byTitle: interp('/zcjd/t20261105_12.htm', '《乙实施方案（2026-2028年）》政策解读', '2026-11-05'),
  byLink: interp('/zcjd/t20261105_13.htm', '图解：丙产业怎么发展', '2026-11-05'),
  late: interp('/zcjd/t20261106_15.htm', '《戊资金管理细则》解读', '2026-11-06'),
  holiday: interp('/xwzx/t20261009_16.htm', '《己工作规定》答记者问', '2026-10-09'),
};

function site(extra: PageArtifact[] = []) {
  const policies = Object.values(P);
  const list = page('/zcwj/', { listItems: policies.map((p) => ({ title: p.meta.articletitle, url: p.url, date: p.meta.pubdate.slice(0, 10) })) });
  const interpList = page('/zcjd/', { title: '政策解读_测试网站', listItems: items(['一图读懂甲管理办法', '/zcjd/t20261103_11.htm', '2026-11-03'], ['乙解读', '/zcjd/t20261105_12.htm', '2026-11-05'], ['丙', '/zcjd/t20261105_13.htm', '2026-11-05'], ['戊', '/zcjd/t20261106_15.htm', '2026-11-06']) });
  return [page('/'), list, interpList, ...policies, ...Object.values(I), ...extra];
}

describe('interpretations: documents', () => {
  it('tells normative titles from others', () => {
    expect(['关于印发甲管理办法的通知', '关于加快丙产业发展的若干意见', '关于设立丁保护区的决定', '某某实施细则', '关于印发促进消费若干措施的通知'].map(isNormativeTitle)).toEqual([true, true, true, true, true]);
    expect(['关于征求《庚管理办法（征求意见稿）》意见的通知', '关于召开会议的通知', '《甲办法》解读', '2026年第三季度财政资金使用情况公示'].map(isNormativeTitle)).toEqual([false, false, false, false]);
  });

  it('reads a page\'s own 文号 from its label, not from a cited document', () => {
    const ownDocNumber = (title: string, text: string) => makeDoc(u('/a.htm'), {}, indexPages([page('/a.htm', { title, text })])).docNo;
    expect(ownDocNumber('标题', '根据泉政〔2020〕9号 文号：泉鲤政办[2026]45号 发布日期')).toBe('泉鲤政办〔2026〕45号');
    expect(ownDocNumber('关于印发X的通知（泉鲤政〔2026〕3号）', '根据泉政〔2020〕9号')).toBe('泉鲤政〔2026〕3号');
    expect(ownDocNumber('关于印发X的通知', '根据泉政〔2020〕9号')).toBeNull();
  });

  it('offers the issued document\'s title and the title from 关于 on as keys', () => {
    const keys = titleKeys('泉州市鲤城区人民政府办公室关于印发鲤城区古城保护三年行动方案（2026—2028年）的通知');
    expect(keys.has('鲤城区古城保护三年行动方案(2026-2028年)')).toBe(true);
    expect(keys.has('关于印发鲤城区古城保护三年行动方案(2026-2028年)的通知')).toBe(true);
  });
});

describe('interpretations check', () => {
  it('pairs by 文号, title and link alone, reports the missing one and the late one, skips out-of-scope items', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const out = interpretations.run(artifacts(site()), ctx);
    const f = findingsOf(out);
    expect(f.map((x) => [x.code, x.url, x.review])).toEqual([
      ['interpretation.missing', P.missing.url, undefined],
      ['interpretation.late', P.late.url, undefined],
    ]);
    expect(f[0].evidence).toMatchObject({ title: '测试区人民政府关于设立丁保护区的决定', date: '2026-10-10', documentNumber: '测政〔2026〕4号', column: '政策文件' });
    expect(f[1].evidence).toMatchObject({ date: '2026-11-02', interpretationDate: '2026-11-06', workdays: 4, deadline: '2026-11-05', pairedBy: 'title', interpretationUrl: I.late.url });
    const m = metricsOf(out);
    expect(m).toMatchObject({ policyDocuments: 8, needingInterpretation: 6, interpreted: 5, coverage: 0.833, pairedBy: { link: 1, 'document-number': 1, title: 3 } });
    expect(m.missing).toEqual([{ title: '测试区人民政府关于设立丁保护区的决定', date: '2026-10-10', docNo: '测政〔2026〕4号', url: P.missing.url }]);
  });

  it('pairs by a link from the interpretation back to the policy (原文链接)', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const back = interp('/zcjd/t20261011_20.htm', '保护区设立有关情况说明（解读）', '2026-10-11', '原文链接：', [[P.missing.url.replace('http://www.x.gov.cn', ''), '测试区人民政府关于设立丁保护区的决定']]);
    expect(findingsOf(interpretations.run(artifacts(site([back])), ctx)).map((x) => x.code)).toEqual(['interpretation.late']);
  });

  it('does not take a link to the interpretation column itself for a pairing', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const withNav = { ...P.missing, links: [{ url: u('/zcjd/'), tag: 'a' as const, text: '政策解读' }] };
    const pages = site().map((p) => (p.url === P.missing.url ? withNav : p));
    expect(findingsOf(interpretations.run(artifacts(pages), ctx)).map((x) => x.code)).toEqual(['interpretation.missing', 'interpretation.late']);
  });

  it('marks a missing interpretation for review when the crawl was cut short', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const f = findingsOf(interpretations.run(artifacts(site(), { crawl: { truncated: true } }), ctx));
    expect(f.map((x) => [x.code, x.review])).toEqual([['interpretation.missing', true], ['interpretation.late', undefined]]);
    expect(f[0].message).toContain('人工核实');
  });

  it('follows config: exclude and include patterns, and the allowed delay', () => {
    const { ctx, artifacts } = setup({ site: { columns }, district: { interpretations: { exclude: ['保护区'], include: ['财政资金'], maxDelayWorkdays: 4 } } });
    const f = findingsOf(interpretations.run(artifacts(site()), ctx));
    expect(f.map((x) => [x.code, x.url])).toEqual([['interpretation.missing', P.noNumber.url]]);
  });

  it('does not call an interpretation missing while its document is within the allowed working days', () => {
    const { ctx, artifacts } = setup({ site: { columns } });
    const fresh = policy('/zcwj/t20261118_9.htm', '测试区人民政府关于印发辛管理办法的通知', '测政〔2026〕9号', '2026-11-18');
    const pages = site([fresh]).map((p) => (p.url === u('/zcwj/') ? { ...p, listItems: [...p.listItems!, { title: '辛', url: fresh.url, date: '2026-11-18' }] } : p));
    const out = interpretations.run(artifacts(pages), ctx);
    expect(findingsOf(out).map((x) => [x.code, x.url])).toEqual([
      ['interpretation.missing', P.missing.url],
      ['interpretation.late', P.late.url],
    ]);
    expect(metricsOf(out).pending).toEqual([{ title: '测试区人民政府关于印发辛管理办法的通知', date: '2026-11-18', docNo: '测政〔2026〕9号', url: fresh.url, deadline: '2026-11-23' }]);
  });

  it('without a policy column, takes pages that state a 文号 and a normative title', () => {
    const { ctx, artifacts } = setup({ site: { columns: [] } });
    const out = interpretations.run(artifacts(site()), ctx);
    expect(findingsOf(out).map((x) => [x.code, x.url])).toEqual([
      ['interpretation.missing', P.missing.url],
      ['interpretation.late', P.late.url],
    ]);
    expect(metricsOf(out)).toMatchObject({ needingInterpretation: 6 });
  });
});
