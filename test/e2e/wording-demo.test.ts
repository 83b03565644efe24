// The demo district's planted wording errors (the culture site) end to end: crawled, checked, scored. The serious
// error shows on the scorecard as 待复核 and decides nothing; the typos deduct under 内容准确性. Confirmed in the
// config, the serious error makes the site 不合格 under 严重表述错误、安全泄密.
import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditDemo, type DemoAudit } from '../support/demo.ts';

const audits: DemoAudit[] = [];
afterAll(async () => {
  for (const a of audits) await a.close();
});

describe('demo district: wording on the culture site', () => {
  it('shows the serious error as a pending veto and deducts for the typos; a confirmation makes the site 不合格', async () => {
    const first = await auditDemo({ sites: ['culture'] });
    audits.push(first);
    const card = first.scorecards.get('culture')!;
    const serious = card.findings.filter((f) => f.code === 'wording.serious');
    expect(serious.map((f) => [f.review, f.evidence.wrong])).toEqual([[true, '习近平新时代中国特色社会主意思想']]);
    expect(card.vetoes).toEqual([]);
    expect(card.indicators.find((i) => i.id === 'content.accuracy')).toMatchObject({ deduction: 1, findings: 2 });
    const html = await readFile(join(first.outDir, 'scorecards', 'culture.html'), 'utf8');
    expect(html).toContain('待复核：疑似单项否决，确认即不合格');
    expect(html).toContain('【布署】');

    const second = await auditDemo({ sites: ['culture'], mutateConfig: (c) => void (c.confirmations = [{ identity: serious[0].identity, by: '区政府网站管理中心', note: '已核实' }]) });
    audits.push(second);
    const confirmed = second.scorecards.get('culture')!;
    expect(confirmed).toMatchObject({ verdict: '不合格', vetoes: ['veto.security'] });
  }, 400_000);
});
