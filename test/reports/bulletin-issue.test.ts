// A bulletin the center can issue: the draft names every unreviewed veto-level finding (in its 附件2 and on the
// command line), `--final` refuses while any remains, and once a reviewer confirmed it the issued bulletin carries
// the 文号, states the confirmed problem plainly and ranks the vetoed unit last. The wording is read back from the
// PDF (pdftotext) and the DOCX (mammoth): no finding code, no config key, no "请人工确认".
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { BulletinNotReadyError, generateBulletin } from '../../reports/bulletin/generate.ts';
import { knownCodes } from '../../config/reports/indicators.ts';
import { noDecisions, type ReviewDecisions } from '../../reports/review.ts';
import { hostileTitle, makeStoredRuns, storedRunsConfig, type StoredRuns } from '../support/stored-runs.ts';

const issued = new Date('2026-12-01T09:00:00+08:00');
const config = storedRunsConfig({ bulletin: { docNumber: '鲤网管〔{year}〕{seq}号', issuer: '鲤城区政府网站管理中心', copyTo: '区政府办公室', printedOn: '2026-12-02' } });
let s: StoredRuns;
let confirmed: ReviewDecisions;

beforeAll(async () => {
  s = await makeStoredRuns({ config });
  const tampered = s.cards[2].get('market')!.findings.find((f) => f.code === 'security.tampered-title')!;
  confirmed = { waivers: [], confirmations: [{ identity: tampered.identity, by: '网站管理中心 张三' }] };
});
afterAll(() => s.close());

/** Text of the PDF and of the DOCX of one bulletin, whitespace removed (lines break anywhere in a PDF). */
async function texts(dir: string, opts: { decisions: ReviewDecisions; final?: boolean; seq?: number }) {
  const r = await generateBulletin({ store: s.store, config, month: '2026-11', now: issued, outDir: join(s.dir, dir), formats: ['pdf', 'docx'], ...opts });
  const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', r.files.pdf!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  const docx = (await mammoth.extractRawText({ path: r.files.docx! })).value.replace(/[\s\u200b]+/g, '');
  return { r, pdf, docx };
}

/** Words that must never reach a bulletin: finding codes, config keys, tool text, requests to confirm by hand. */
function forbidden(text: string): string[] {
  const codes = [...knownCodes.filter((c) => !c.endsWith('*')), 'a11y.'];
  const words = ['请人工确认', '请人工核实', 'govaudit', 'docNumber', 'bulletin.', 'schedule.', 'calendar', 'disclosure.role', 'undefined', 'null', 'NaN'];
  return [...codes, ...words].filter((w) => text.includes(w));
}

describe('the month with an unreviewed veto-level finding', () => {
  it('the draft lists it in 附件2 待复核事项, leaves the 文号 blank and uses official wording', { timeout: 180_000 }, async () => {
    const { r, pdf, docx } = await texts('draft', { decisions: noDecisions });
    expect(r.model.pending.map((p) => [p.siteId, p.indicator, p.finding.code])).toEqual([['market', '严重表述错误、安全泄密', 'security.tampered-title']]);
    for (const t of [pdf, docx]) {
      expect(t).toContain('（草稿：尚有待复核事项，见附件2，复核完成前不得印发）');
      expect(t).toContain('鲤城区政府网站管理中心鲤网管〔2026〕号');
      expect(t).toContain('附件2待复核事项（复核完成前本通报不得印发）');
      expect(t).toContain('序号网站指标疑似问题页面');
      expect(t).toContain('网页标题被篡改为“');
      expect(t).toContain('四、整改要求（一）存在问题的单位要对照本通报和各网站检查报告逐项整改，于2026年12月15日前（10个工作日内）完成整改');
      expect(t).toContain('抄送：区政府办公室');
      expect(t).toContain('鲤城区政府网站管理中心2026年12月2日印发');
      expect(forbidden(t)).toEqual([]);
    }
    // the DOCX table reads cell by cell
    expect(docx).toContain(`1鲤城区市场监督管理局网站严重表述错误、安全泄密网页标题被篡改为“${hostileTitle.replace(/\s+/g, '')}”http://scjg.lc.gov.cn/zwgk/`);
  });

  it('--final is refused while it awaits review, naming the finding', async () => {
    const err = await generateBulletin({ store: s.store, config, month: '2026-11', now: issued, outDir: join(s.dir, 'refused'), formats: ['html'], decisions: noDecisions, final: true, seq: 12 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BulletinNotReadyError);
    const tampered = s.cards[2].get('market')!.findings.find((f) => f.code === 'security.tampered-title')!;
    expect((err as Error).message.split('\n')).toEqual([
      '1 项疑似单项否决的问题尚未复核，不能印发正式通报；请先确认或排除：',
      `  鲤城区市场监督管理局网站｜严重表述错误、安全泄密｜网页标题被篡改为“${hostileTitle}”｜http://scjg.lc.gov.cn/zwgk/｜编号 ${tampered.identity}`,
    ]);
  });

  it('the command says so: a draft names the finding, --final exits 2 with the list', async () => {
    const cfg = join(s.dir, 'district.json');
    writeFileSync(cfg, JSON.stringify({ district: '鲤城区', bulletin: { docNumber: '鲤网管〔{year}〕{seq}号' }, sites: s.config.sites.map(({ id, name, unit, homepage }) => ({ id, name, unit, homepage })) }));
    const out: string[] = [];
    const err: string[] = [];
    const [w1, w2] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
    process.stdout.write = ((c: string) => (out.push(String(c)), true)) as typeof process.stdout.write;
    process.stderr.write = ((c: string) => (err.push(String(c)), true)) as typeof process.stderr.write;
    try {
      const base = ['bulletin', '--config', cfg, '--data', join(s.dir, 'data'), '--out', join(s.dir, 'cli'), '--month', '2026-11', '--now', issued.toISOString(), '--formats', 'html'];
      expect(await main(base)).toBe(0);
      expect(await main([...base, '--final', '--seq', '12'])).toBe(2);
      expect(await main([...base, '--seq', 'x'])).toBe(2);
    } finally {
      process.stdout.write = w1;
      process.stderr.write = w2;
    }
    const draft = out.join('');
    expect(draft).toContain('鲤网管〔2026〕　　号　关于2026年11月全区政府网站抽查情况的通报（草稿）');
    expect(draft).toContain('待复核：1 项疑似单项否决的问题尚未复核');
    expect(draft).toContain('鲤城区市场监督管理局网站｜严重表述错误、安全泄密｜网页标题被篡改为');
    expect(err[0]).toMatch(/^govaudit bulletin: 1 项疑似单项否决的问题尚未复核，不能印发正式通报/);
    expect(err[0]).toContain('http://scjg.lc.gov.cn/zwgk/');
    expect(err[1]).toBe('govaudit bulletin: --seq: expected a whole number ≥ 1, got "x"\n');
  });
});

describe('once the reviewer confirmed it', () => {
  it('the final bulletin carries the 文号, states the confirmed problem and ranks the vetoed unit last', { timeout: 180_000 }, async () => {
    const { r, pdf, docx } = await texts('final', { decisions: confirmed, final: true, seq: 12 });
    expect(r.model.pending).toEqual([]);
    expect(r.model.units.map((u) => [u.rank, u.unit, u.verdict])).toEqual([
      [1, '鲤城区人民政府办公室', '合格'],
      [2, '鲤城区市场监督管理局', '不合格'],
      [3, '鲤城区教育局', '不合格'],
    ]);
    for (const t of [pdf, docx]) {
      expect(t).toContain('鲤城区政府网站管理中心鲤网管〔2026〕12号');
      expect(t).not.toContain('草稿');
      expect(t).not.toContain('待复核事项');
      expect(t).not.toContain('附件2');
      expect(t).toContain('（二）严重表述错误、安全泄密（单项否决指标，1个网站被否决）');
      expect(t).toContain('鲤城区市场监督管理局网站：网页标题被篡改为“');
      expect(t).not.toContain('疑似');
      expect(forbidden(t)).toEqual([]);
    }
  });
});
