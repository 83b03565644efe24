// 整改期限 per unit and 逾期未整改: the October bulletin, issued on 2 November, gives each named unit its deadline on the
// official calendar (the education bureau 5 working days by config, the others the default 10) and keeps them when
// the config changes later; the November bulletin, issued on 1 December, lists under 逾期未整改 the October problems
// still open after their deadline — not the one a re-check closed, not the one a later audit no longer found, not the
// waived nor the dismissed one — in HTML, PDF and DOCX; the unit scorecard lists the unit's overdue problems too.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBulletin } from '../../reports/bulletin/generate.ts';
import { renderUnitScorecardHtml } from '../../reports/html/unit-scorecard.tsx';
import { listOverdue, saveRectification } from '../../reports/rectification.ts';
import { rankUnits } from '../../reports/units.ts';
import { makeStoredRuns, storedRunsConfig, type StoredRuns } from '../support/stored-runs.ts';

const config = storedRunsConfig({ bulletin: { rectifyWorkdaysByUnit: { 鲤城区教育局: 5 } } });
let s: StoredRuns;
const october = new Date('2026-11-02T09:00:00+08:00');
const november = new Date('2026-12-01T09:00:00+08:00');
const flat = (t: string) => t.replace(/[\s\u200b]+/g, '');

beforeAll(async () => {
  s = await makeStoredRuns({ config });
});
afterAll(() => s?.close());

const id = (siteId: string, code: string, path?: string) => s.cards[0].get(siteId)!.findings.find((f) => f.code === code && (!path || f.url?.endsWith(path)))!.identity;

describe('整改期限 and 逾期未整改', { timeout: 180_000 }, () => {
  it('the issued October bulletin states each named unit its own deadline, and keeps it when the config changes', async () => {
    const r = await generateBulletin({ store: s.store, config, month: '2026-10', now: october, outDir: join(s.dir, 'oct'), formats: ['html', 'docx'], final: true });
    expect(r.model.unitDeadlines).toEqual([
      { unit: '鲤城区教育局', workdays: 5, deadline: '2026-11-09' },
      { unit: '鲤城区人民政府办公室', workdays: 10, deadline: '2026-11-16' },
      { unit: '鲤城区市场监督管理局', workdays: 10, deadline: '2026-11-16' },
    ]);
    const docx = flat((await mammoth.extractRawText({ path: r.files.docx! })).value);
    const html = flat((await readFile(r.files.html!, 'utf8')).replace(/<[^>]+>/g, ''));
    for (const t of [docx, html]) {
      expect(t).toContain('（一）存在问题的单位要对照本通报和各网站检查报告逐项整改，于下表所列整改期限前完成整改');
      expect(t).toContain('序号单位问题数整改期限1鲤城区教育局32026年11月9日前（5个工作日内）2鲤城区人民政府办公室22026年11月16日前（10个工作日内）3鲤城区市场监督管理局12026年11月16日前（10个工作日内）');
      expect(t).not.toContain('逾期未整改（');
    }
    // a later config change does not move the issued deadlines
    const changed = storedRunsConfig({ bulletin: { rectifyWorkdaysByUnit: { 鲤城区教育局: 20 }, rectifyWorkdays: 15 } });
    const again = await generateBulletin({ store: s.store, config: changed, month: '2026-10', now: october, outDir: join(s.dir, 'oct2'), formats: ['html'], final: true });
    expect(again.model.unitDeadlines.map((d) => [d.unit, d.deadline])).toEqual([
      ['鲤城区教育局', '2026-11-09'],
      ['鲤城区人民政府办公室', '2026-11-16'],
      ['鲤城区市场监督管理局', '2026-11-16'],
    ]);
  });

  it('refuses a per-unit deadline for a unit no site has, naming the field', () => {
    expect(() => storedRunsConfig({ bulletin: { rectifyWorkdaysByUnit: { 鲤城区教育厅: 5 } } })).toThrow(/bulletin\.rectifyWorkdaysByUnit\.鲤城区教育厅.*no site has the unit "鲤城区教育厅"/s);
  });

  it('the November bulletin lists the October problems still open after their deadline, and the unit scorecard its own', async () => {
    // edu: the ID number closed by a re-check, the site code reopened by it; exam: waived; market: dismissed;
    // portal: /bsfw/gone.htm no longer found by the November audits, /zwgk/old.htm still there
    await saveRectification(s.store, { siteId: 'edu', identity: id('edu', 'privacy.id-number'), message: 'x', note: '已删除', by: '教育局', at: '2026-11-05T01:00:00.000Z', status: 'closed', checkedAt: '2026-11-06T01:00:00.000Z' });
    await saveRectification(s.store, { siteId: 'edu', identity: id('edu', 'identity.missing-site-code'), message: 'x', note: '已加上', by: '教育局', at: '2026-11-05T01:00:00.000Z', status: 'reopened', checkedAt: '2026-11-06T01:00:00.000Z' });
    const at = '2026-11-10T01:00:00.000Z';
    await s.store.saveReviewDecision({ siteId: 'exam', identity: id('exam', 'identity.missing-icp'), kind: 'waive', by: '中心', at, reason: '备案变更中', until: '2026-12-31', evidenceHash: null });
    await s.store.saveReviewDecision({ siteId: 'market', identity: id('market', 'freshness.column-stale'), kind: 'dismiss', by: '中心', at, reason: '栏目已撤销', until: null, evidenceHash: 'x' });

    const r = await generateBulletin({ store: s.store, config, month: '2026-11', now: november, outDir: join(s.dir, 'nov'), formats: ['html', 'pdf', 'docx'] });
    expect(r.model.overdue.map((o) => [o.unit, o.siteName, o.message, o.deadline, o.daysOverdue, o.claim ?? null])).toEqual([
      ['鲤城区教育局', '鲤城区教育局网站', '页面底部缺少网站标识码', '2026-11-09', 22, 'reopened'],
      ['鲤城区人民政府办公室', '鲤城区人民政府门户网站', '首页链接无法访问（HTTP 404）', '2026-11-16', 15, null],
    ]);
    const pdf = flat(execFileSync('pdftotext', ['-enc', 'UTF-8', r.files.pdf!, '-'], { encoding: 'utf8' }));
    const docx = flat((await mammoth.extractRawText({ path: r.files.docx! })).value);
    const html = flat((await readFile(r.files.html!, 'utf8')).replace(/<[^>]+>/g, ''));
    for (const t of [pdf, docx, html]) {
      expect(t).toContain('四、逾期未整改截至2026年12月1日，2个单位的2个问题在往期通报规定的整改期限内未完成整改');
      expect(t).toContain('五、整改要求');
    }
    // table cells in reading order (pdftotext interleaves the columns of a table)
    for (const t of [docx, html]) {
      expect(t).toContain('序号单位网站问题整改期限逾期天数1鲤城区教育局鲤城区教育局网站页面底部缺少网站标识码（复查仍存在）2026年11月9日222鲤城区人民政府办公室鲤城区人民政府门户网站首页链接无法访问（HTTP404）2026年11月16日15五、整改要求');
    }

    const edu = rankUnits([...s.cards[2].values()].filter((c) => c.unit === '鲤城区教育局'))[0];
    const overdue = await listOverdue(s.store, config, november, { siteIds: ['edu', 'exam'] });
    const unitHtml = flat(renderUnitScorecardHtml(edu, config, { overdue }).replace(/<[^>]+>/g, ''));
    expect(unitHtml).toContain('逾期未整改（1）');
    expect(unitHtml).toContain('网站问题通报月份整改期限逾期天数整改状态鲤城区教育局网站页面底部缺少网站标识码2026-102026-11-0922复查仍存在');
  });
});
