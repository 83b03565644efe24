// The files an audit writes per site (JSON, HTML with the trend, CSV) and per unit, from stored runs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, findingsCsv } from '../../reports/csv.ts';
import { scorecardSchema } from '../../reports/scorecard.ts';
import { unitFileName, writeScorecardFiles, writeUnitScorecards } from '../../reports/write-scorecard.ts';
import { hostileTitle, makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

let s: StoredRuns;
let out: string;
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');

beforeAll(async () => {
  s = await makeStoredRuns();
  out = join(s.dir, 'out');
  const latest = [...s.cards[2].values()];
  for (const c of latest) await writeScorecardFiles(out, c, { config: s.config, store: s.store });
  await writeUnitScorecards(out, latest, { config: s.config, store: s.store });
});
afterAll(() => s.close());

describe('site scorecard files', () => {
  it('JSON is the scorecard contract', async () => {
    const card = scorecardSchema.parse(JSON.parse(await readFile(join(out, 'scorecards', 'exam.json'), 'utf8')));
    expect(card).toMatchObject({ siteId: 'exam', score: 99, verdict: '不合格', vetoes: ['veto.homepage-stale'] });
  });

  it('HTML puts verdict, score and the veto at the top, then indicators with findings, page and advice', async () => {
    const t = text(await readFile(join(out, 'scorecards', 'exam.html'), 'utf8'));
    expect(t).toMatch(/鲤城区招生考试网 网站检查报告 .*99 分 不合格 单项否决：首页不更新/);
    expect(t.indexOf('单项否决指标')).toBeLessThan(t.indexOf('扣分指标'));
    expect(t).toMatch(/首页不更新（1） 单项否决 规则：监测时间点前2周内首页无信息更新/);
    expect(t).toMatch(/否决 新发现 首页超过2周未更新（最新信息 2026-10-30） 页面： http:\/\/zk\.lc\.gov\.cn\//);
    expect(t).not.toContain('freshness.homepage-stale'); // finding codes stay in the JSON
    expect(t).toContain('整改建议：及时在首页发布本地区、本部门动态信息。');
    expect(t).toMatch(/无障碍与适老化（未检测）/);
  });

  it('HTML has a trend point per stored run and marks new and fixed findings', async () => {
    const html = await readFile(join(out, 'scorecards', 'portal.html'), 'utf8');
    expect(html.match(/class="pt-score"/g)).toHaveLength(3);
    expect(html.match(/data-run="([^"]+)"/g)).toEqual(['data-run="run-1"', 'data-run="run-2"', 'data-run="run-3"']);
    expect(html).toContain('class="mk-fixed"');
    const t = text(html);
    expect(t).toMatch(/已整改（与上次检查相比）（1） 已整改 首页链接无法访问（404） 页面： http:\/\/www\.lc\.gov\.cn\/bsfw\/gone\.htm/);
    expect(t).toMatch(/持续存在（自 2026年10月20日 起）/);
  });

  it('escapes a hostile page title everywhere', async () => {
    const html = await readFile(join(out, 'scorecards', 'market.html'), 'utf8');
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('<img src=x');
    expect(text(html)).toContain(hostileTitle);
  });

  it('CSV opens in Excel/WPS: BOM, header, one row per finding, formulas neutralised', async () => {
    const csv = await readFile(join(out, 'scorecards', 'edu.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF网站编号,网站名称,责任单位,指标,严重程度')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    // one row per finding, named in words (finding codes stay in the JSON)
    expect(lines.map((l) => l.split(',')[3])).toEqual(['指标', '个人信息保护', '网站基本信息', '网民纠错留言办理']);
    expect(csv).not.toMatch(/privacy\.id-number|identity\.missing|error-report\./);
    expect(['=1+1', '+86 123', '-2', '@SUM(A1)', '\tx', 'a,b', 'say "hi"', '正常'].map(csvCell)).toEqual([
      "'=1+1", "'+86 123", "'-2", "'@SUM(A1)", "'\tx", '"a,b"', '"say ""hi"""', '正常',
    ]);
    const card = s.cards[2].get('edu')!;
    const evil = { ...card, findings: [{ ...card.findings[0], message: '=HYPERLINK("http://evil","x")' }] };
    expect(findingsCsv(evil).split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });
});

describe('unit scorecard', () => {
  it('lists the unit\'s sites with their scores and links, and its problems by indicator', async () => {
    const html = await readFile(join(out, 'units', unitFileName('鲤城区教育局')), 'utf8');
    expect(html.match(/<tr[^>]*data-site="([^"]+)"/g)!.map((m) => m.replace(/.*data-site="([^"]+)"/, '$1'))).toEqual(['edu', 'exam']);
    expect(html).toContain('href="../scorecards/edu.html"');
    const t = text(html);
    expect(t).toMatch(/95\.5 分（平均） 不合格 网站数 2 合格 1\/2 计分问题 5/);
    expect(t).toMatch(/首页不更新（1） 新发现 鲤城区招生考试网 ：首页超过2周未更新/);
    expect(t).toMatch(/个人信息保护（1） 持续存在 鲤城区教育局网站 ：页面公开了未遮盖的居民身份证号码/);
  });
});
