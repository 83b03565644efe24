// The monthly bulletin from stored runs: figures, ranking, problems, deadline, annex; waived and review findings
// left out; HTML escapes crawled text; PDF (Chromium) embeds a CJK font and carries the title; DOCX reads back.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { bulletinDocument } from '../../reports/bulletin/document.ts';
import { bulletinRecordKind, generateBulletin, type BulletinRecord } from '../../reports/bulletin/generate.ts';
import { renderBulletinHtml } from '../../reports/bulletin/html.tsx';
import { buildBulletinModel, NoRunsError } from '../../reports/bulletin/model.ts';
import { noDecisions } from '../../reports/review.ts';
import { hostileTitle, makeStoredRuns, storedRunsConfig, type StoredRuns } from '../support/stored-runs.ts';

const title = '关于2026年11月全区政府网站抽查情况的通报';
const issued = new Date('2026-12-01T09:00:00+08:00');
let s: StoredRuns;

beforeAll(async () => {
  s = await makeStoredRuns();
});
afterAll(() => s.close());

const model = (over: Partial<Parameters<typeof buildBulletinModel>[0]> = {}) =>
  buildBulletinModel({ store: s.store, config: s.config, month: '2026-11', now: issued, decisions: noDecisions, ...over });

describe('bulletin content', () => {
  it('takes each site\'s latest run of the month and compares with the month before', async () => {
    const m = await model();
    expect(m.title).toBe(title);
    expect(m.runs.count).toBe(2);
    expect(m.overview).toEqual({ sitesConfigured: 4, sitesChecked: 4, passed: 3, failed: 1, passRate: 75, averageScore: 97.5, vetoed: 1, findings: 8 });
    expect(m.previous).toMatchObject({ sitesChecked: 4, passed: 4, passRate: 100, averageScore: 97.8 });
    // the annex order: 合格 sites first, by score; the vetoed site below every 合格 one although its score is higher
    expect(m.sites.map((c) => [c.siteId, c.runId, c.score, c.verdict])).toEqual([
      ['market', 'run-3', 100, '合格'],
      ['portal', 'run-3', 98.9, '合格'],
      ['edu', 'run-3', 92, '合格'],
      ['exam', 'run-3', 99, '不合格'],
    ]);
  });

  it('ranks units by average score, and lists problems by indicator, vetoes first, without review findings', async () => {
    const m = await model();
    expect(m.units.map((u) => [u.rank, u.unit, u.averageScore, u.passed, u.cards.length, u.findings])).toEqual([
      [1, '鲤城区市场监督管理局', 100, 1, 1, 1],
      [2, '鲤城区人民政府办公室', 98.9, 1, 1, 2],
      [3, '鲤城区教育局', 95.5, 1, 2, 5],
    ]);
    expect(m.problems.map((p) => [p.name, p.sites, p.vetoedSites, p.findings])).toEqual([
      ['首页不更新', 1, 1, 1],
      ['栏目不更新', 1, 0, 1],
      ['网站基本信息', 2, 0, 2],
      ['首页链接可用性', 1, 0, 1],
      ['其他页面链接可用性', 1, 0, 1],
      ['网民纠错留言办理', 1, 0, 1],
      ['个人信息保护', 1, 0, 1],
    ]);
    expect(m.problems.flatMap((p) => p.worst.flatMap((w) => w.examples.map((e) => e.message))).some((t) => t.includes('标题疑似被篡改'))).toBe(false);
  });

  it('sets the rectification deadline in working days on the official calendar', async () => {
    const m = await model();
    expect([m.issuedOnText, m.deadline, m.deadlineText]).toEqual(['2026年12月1日', '2026-12-15', '2026年12月15日前（10个工作日内）']);
    const late = await model({ now: new Date('2026-12-28T09:00:00+08:00') });
    expect(late.deadline).toBeNull();
    expect(late.deadlineText).toBe('收到本通报之日起10个工作日内');
    expect(late.warnings).toEqual([expect.stringMatching(/^rectification deadline: .*2027/)]);
    const five = await buildBulletinModel({ store: s.store, config: storedRunsConfig({ bulletin: { rectifyWorkdays: 5, issuer: '鲤城区人民政府办公室' } }), month: '2026-11', now: issued, decisions: noDecisions });
    expect([five.deadline, five.issuer]).toEqual(['2026-12-08', '鲤城区人民政府办公室']);
  });

  it('leaves a waived finding out and re-scores the site; an expired waiver lapses', async () => {
    const privacy = s.cards[2].get('edu')!.findings.find((f) => f.code === 'privacy.id-number')!;
    const waiver = { identity: privacy.identity, reason: '已核实为公开的法人信息', by: '网站管理中心', until: '2026-12-31' };
    const m = await model({ decisions: { waivers: [waiver], confirmations: [] } });
    expect(m.sites.find((c) => c.siteId === 'edu')!.score).toBe(97);
    expect(m.problems.map((p) => p.name)).not.toContain('个人信息保护');
    const lapsed = await model({ decisions: { waivers: [{ ...waiver, until: '2026-11-30' }], confirmations: [] } });
    expect(lapsed.problems.map((p) => p.name)).toContain('个人信息保护');
  });

  it('reports homepage availability over the whole month from the stored probes', async () => {
    const own = await makeStoredRuns();
    try {
      const probes = (siteId: string, n: number, failed: number, day: string) =>
        [...Array(n)].map((_, i) => ({ siteId, at: new Date(Date.parse(`${day}T00:00:00+08:00`) + i * 3_600_000).toISOString(), url: 'http://x/', ok: i >= failed, status: i >= failed ? 200 : null, error: i >= failed ? null : 'timeout', timeMs: 100 }));
      await own.store.saveProbes([...probes('portal', 200, 0, '2026-11-02'), ...probes('edu', 100, 3, '2026-11-10'), ...probes('edu', 24, 24, '2026-10-30'), ...probes('market', 24, 0, '2026-12-01')]);
      const m = await buildBulletinModel({ store: own.store, config: own.config, month: '2026-11', now: issued, decisions: noDecisions });
      expect([...m.availability]).toEqual([
        ['portal', { probes: 200, failed: 0, upRate: 100 }],
        ['edu', { probes: 100, failed: 3, upRate: 97 }],
      ]);
      const doc = bulletinDocument(m);
      expect(doc.body.map((b) => (b.type === 'p' ? b.text : '')).join('\n')).toContain('本月对2个网站首页进行可用性监测300次，总体可用率99%；首页无法访问比例超过1%的网站：鲤城区教育局网站（可用率97%）。');
      const tables = doc.annex.body.filter((b): b is Extract<(typeof doc.annex.body)[number], { type: 'table' }> => b.type === 'table');
      expect(tables.map((t) => t.id)).toEqual(['annex-failed', 'annex-passed']);
      expect(tables[1].head).toEqual(['序号', '网站名称', '主办单位', '得分', '结论', '问题数', '首页可用率', '单项否决']);
      expect(tables.map((t) => t.rows.map((r) => [r[1], r[6]]))).toEqual([
        [['鲤城区招生考试网', '—']],
        [['鲤城区市场监督管理局网站', '—'], ['鲤城区人民政府门户网站', '100%'], ['鲤城区教育局网站', '97%']],
      ]);
    } finally {
      await own.close();
    }
  });

  it('a month without runs is an error', async () => {
    await expect(model({ month: '2026-09' })).rejects.toThrow(NoRunsError);
  });

  it('HTML follows the official layout and shows crawled text as text', async () => {
    const html = renderBulletinHtml(bulletinDocument(await model()));
    const text = html.replace(/<head>[\s\S]*?<\/head>/, '').replace(/<\/?span>/g, '').replace(/<[^>]+>/g, '\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const order = ['鲤城区政府网站管理中心', title, '各有关单位：', '一、总体情况', '二、各单位得分排名', '三、存在问题', '四、整改要求', '附件：1. 2026年11月全区政府网站检查结果', '2026年12月1日', '2026年12月1日印发', '附件1', '不合格网站', '合格网站', '附件2', '待复核事项'];
    // each part found after the one before it (the draft's note above the red head also names 附件2)
    let from = text.indexOf(order[0]);
    const missing = order.filter((t) => (from = from < 0 ? -1 : text.indexOf(t, from)) < 0);
    expect(missing).toEqual([]);
    expect(text).toContain('合格率75%，平均得分97.5分');
    expect(text).toContain('合格率较上月下降25个百分点，平均得分较上月降低0.3分');
    expect(text).toContain('于2026年12月15日前（10个工作日内）完成整改');
    expect(html).not.toContain('<script>window');
    expect(text).toContain(hostileTitle);
  });
});

describe('bulletin files', () => {
  it('writes a PDF with an embedded CJK font and the title, and records it for the dashboard', { timeout: 180_000 }, async () => {
    const outDir = join(s.dir, 'bulletins');
    const r = await generateBulletin({ store: s.store, config: s.config, month: '2026-11', now: issued, outDir, formats: ['pdf'], decisions: noDecisions });
    const pdf = r.files.pdf!;
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2).map((l) => l.split(/\s+/));
    expect(fonts.length).toBeGreaterThan(0);
    // Columns from the right: object, id, uni, sub, emb. Every font embedded, with a Unicode map.
    expect(fonts.map((f) => f.at(-5))).toEqual(fonts.map(() => 'yes'));
    expect(fonts.map((f) => f.at(-3))).toEqual(fonts.map(() => 'yes'));
    // Chromium writes Noto CJK (CFF) as Type 3 glyphs, which pdffonts lists unnamed; the descriptor names it.
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+Noto(Sans|Serif)CJK/);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    expect(text.replace(/\s+/g, '')).toContain(title);
    expect(text).toMatch(/1\s+鲤城区市场监督管理局\s+1\s+100\s+1\/1\s+合格\s+1\n/);
    expect(text).toMatch(/3\s+鲤城区教育局\s+2\s+95\.5\s+1\/2\s+不合格\s+5\n/);
    execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '1', '-png', pdf, join(s.dir, 'page')]);
    expect(existsSync(join(s.dir, 'page-1.png'))).toBe(true);
    const records = await s.store.listRecords<BulletinRecord>(bulletinRecordKind);
    expect(records.map((x) => [x.key, x.data.title, Object.keys(x.data.files)])).toEqual([['2026-11', title, ['pdf']]]);
  });

  it('DOCX reads back with the title, the ranking table and the annex', async () => {
    const r = await generateBulletin({ store: s.store, config: s.config, month: '2026-11', now: issued, outDir: join(s.dir, 'docx'), formats: ['docx'], decisions: noDecisions });
    const { value: html } = await mammoth.convertToHtml({ path: r.files.docx! });
    // the title is set on two lines broken between phrases (no lone character on a line)
    expect(html).toContain('<p>关于2026年11月全区政府网站<br />抽查情况的通报</p>');
    const tables = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) => [...t[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<t[dh]>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1].replace(/<[^>]+>/g, ''))));
    expect(tables[0]).toEqual([
      ['排名', '单位', '网站数', '平均得分', '合格网站', '结论', '问题数'],
      ['1', '鲤城区市场监督管理局', '1', '100', '1/1', '合格', '1'],
      ['2', '鲤城区人民政府办公室', '1', '98.9', '1/1', '合格', '2'],
      ['3', '鲤城区教育局', '2', '95.5', '1/2', '不合格', '5'],
    ]);
    // each named unit's 整改期限 on the official calendar
    expect(tables[1]).toEqual([
      ['序号', '单位', '问题数', '整改期限'],
      ['1', '鲤城区教育局', '5', '2026年12月15日前（10个工作日内）'],
      ['2', '鲤城区人民政府办公室', '2', '2026年12月15日前（10个工作日内）'],
      ['3', '鲤城区市场监督管理局', '1', '2026年12月15日前（10个工作日内）'],
    ]);
    expect(tables[2].map((row) => row.slice(1, 6))).toEqual([
      ['网站名称', '主办单位', '得分', '结论', '问题数'],
      ['鲤城区招生考试网', '鲤城区教育局', '99', '不合格', '2'],
    ]);
    expect(tables[3].map((row) => row.slice(1, 6))).toEqual([
      ['网站名称', '主办单位', '得分', '结论', '问题数'],
      ['鲤城区市场监督管理局网站', '鲤城区市场监督管理局', '100', '合格', '1'],
      ['鲤城区人民政府门户网站', '鲤城区人民政府办公室', '98.9', '合格', '2'],
      ['鲤城区教育局网站', '鲤城区教育局', '92', '合格', '3'],
    ]);
  });

  it('the command exits 2 with one line for a bad or empty month', async () => {
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const cfg = join(s.dir, 'district.json');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(cfg, JSON.stringify({ district: '鲤城区', sites: s.config.sites.map(({ id, name, unit, homepage }) => ({ id, name, unit, homepage })) }));
      expect(await main(['bulletin', '--config', cfg, '--data', join(s.dir, 'data'), '--month', '2026-13'])).toBe(2);
      expect(await main(['bulletin', '--config', cfg, '--data', join(s.dir, 'data'), '--month', '2026-09'])).toBe(2);
      expect(await main(['bulletin', '--config', cfg, '--data', join(s.dir, 'data')])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err).toEqual([
      'govaudit bulletin: --month: "2026-13" is not a valid month\n',
      `govaudit bulletin: no finished audit stored for 2026-09 in ${join(s.dir, 'data')} (run \`govaudit audit\` first, or pick another --month)\n`,
      'govaudit bulletin: --month is required, e.g. --month 2026-11\n',
    ]);
  });
});
