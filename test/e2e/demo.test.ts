// End to end: audit the demo district once and compare, for every site and every check, the findings with
// fixtures/sites/<site>/expected/<check>.json (a missing file means: no findings). Adding a check adds files, not tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditDemo, type DemoAudit } from '../support/demo.ts';
import { diffFindings, expectedFor } from '../support/expected.ts';
import { readdir } from 'node:fs/promises';
import { scorecardSchema } from '../../reports/scorecard.ts';
import { allChecks } from '../../checks/index.ts';
import { findingCodeEntry } from '../../contract/finding-codes.ts';
import { generateBulletin } from '../../reports/bulletin/generate.ts';
import { launchBrowser } from '../support/browser.ts';
import { rawTextProblems, screenshotProblems, visibleText, vocabularyProblems } from './demo-reports.ts';

let demo: DemoAudit;
beforeAll(async () => {
  demo = await auditDemo();
}, 400_000); // a hang guard sized for a loaded 2-core machine, not a speed bound
afterAll(async () => demo?.close());

describe('demo district audit', () => {
  it('audits every site and writes run.json and valid scorecards', async () => {
    const run = JSON.parse(await readFile(join(demo.outDir, 'run.json'), 'utf8'));
    expect(run.sites.map((s: { siteId: string }) => s.siteId)).toEqual(demo.config.sites.map((s) => s.id));
    for (const site of demo.config.sites) {
      const json = JSON.parse(await readFile(join(demo.outDir, 'scorecards', `${site.id}.json`), 'utf8'));
      expect(() => scorecardSchema.parse(json)).not.toThrow();
      const html = await readFile(join(demo.outDir, 'scorecards', `${site.id}.html`), 'utf8');
      expect(html).toContain(site.name);
    }
  });

  for (const check of allChecks) {
    it(`finds exactly the expected ${check.id} findings on every site`, () => {
      const problems: string[] = [];
      for (const site of demo.config.sites) {
        const card = demo.scorecards.get(site.id)!;
        const origin = demo.server.sites[site.id]?.origin ?? site.homepage;
        const status = card.checks.find((c) => c.id === check.id);
        if (status?.status === 'error') problems.push(`${site.id}: check ${check.id} errored: ${status.reason}`);
        problems.push(...diffFindings(card.findings.filter((f) => f.check === check.id), expectedFor(site.id, check.id), origin).map((p) => `${site.id}: ${p}`));
      }
      expect(problems).toEqual([]);
    });
  }

  it('every demo site with a homepage has its Lighthouse accessibility score on its scorecard (issue 17)', () => {
    // The demo turns Lighthouse on for the whole district; all sites run through the one Lighthouse queue per process.
    const scoreOf = (id: string) => {
      const m = demo.scorecards.get(id)?.metrics.accessibility as { lighthouseScore?: number | null; lighthouseNotMeasured?: string } | undefined;
      return typeof m?.lighthouseScore === 'number' && m.lighthouseScore >= 0 && m.lighthouseScore <= 100 ? 'scored' : (m?.lighthouseNotMeasured ?? 'no score');
    };
    expect(Object.fromEntries(demo.config.sites.map((s) => [s.id, scoreOf(s.id)]))).toEqual(Object.fromEntries(demo.config.sites.map((s) => [s.id, 'scored'])));
  });

  it('decodes GBK page titles of the portal correctly', async () => {
    const rows = (demo.store as unknown as { db: import('better-sqlite3').Database }).db
      .prepare("SELECT title FROM pages WHERE site_id = 'portal' AND title IS NOT NULL")
      .all() as { title: string }[];
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => /鲤城区/.test(r.title))).toBe(true);
    expect(rows.every((r) => !r.title.includes('\uFFFD'))).toBe(true);
  });

  describe('what people read', () => {
    const cards = () => [...demo.scorecards.values()];

    it('one vocabulary: every evidence key and value of every finding in Chinese (or plain numbers, dates, addresses)', () => {
      expect(vocabularyProblems(cards(), demo.config.timezone)).toEqual([]);
    });

    it('every finding code of the demo audit is in the finding codes reference (contract/finding-codes.ts)', () => {
      const codes = new Set(cards().flatMap((c) => c.findings.map((f) => f.code)));
      expect([...codes].filter((c) => !findingCodeEntry(c)).sort()).toEqual([]);
    });

    it('no finding code, raw error, ISO time or English key in any scorecard HTML, unit page or CSV', async () => {
      const problems: string[] = [];
      for (const site of demo.config.sites) {
        problems.push(...rawTextProblems(`${site.id}.html`, visibleText(await readFile(join(demo.outDir, 'scorecards', `${site.id}.html`), 'utf8')), cards()));
        const csv = await readFile(join(demo.outDir, 'scorecards', `${site.id}.csv`), 'utf8');
        problems.push(...rawTextProblems(`${site.id}.csv`, csv.split('\r\n').map((l) => l.replace(/https?:\/\/\S+/g, '')).join('\n'), cards()));
      }
      for (const f of await readdir(join(demo.outDir, 'units'))) problems.push(...rawTextProblems(`units/${f}`, visibleText(await readFile(join(demo.outDir, 'units', f), 'utf8')), cards()));
      expect(problems).toEqual([]);
    });

    it('the hacked site reads 合格（待复核：6 项疑似单项否决，确认即不合格）, its veto row 待复核 6', async () => {
      const t = visibleText(await readFile(join(demo.outDir, 'scorecards', 'hacked.html'), 'utf8')).replace(/\s+/g, ' ');
      expect(t).toContain('87 分 合格（待复核：6 项疑似单项否决，确认即不合格）');
      expect(t).toMatch(/严重表述错误、安全泄密 待复核 6 6/);
    });

    it('screenshots for every named kind, capped, shown in the scorecard (none shows a number: test/crawler/screenshots.test.ts)', () => {
      const cfg = demo.config.screenshots;
      expect(screenshotProblems(demo.outDir, cards(), cfg)).toEqual([]);
    });

    it('every report page fits a 390 px phone without sideways scrolling', { timeout: 240_000 }, async () => {
      const bulletin = await generateBulletin({ store: demo.store, config: demo.config, month: '2026-11', now: new Date('2026-12-01T09:00:00+08:00'), outDir: join(demo.dir, 'bulletins'), formats: ['html'] });
      const pages = [
        ...demo.config.sites.map((s) => join(demo.outDir, 'scorecards', `${s.id}.html`)),
        ...(await readdir(join(demo.outDir, 'units'))).map((f) => join(demo.outDir, 'units', f)),
        bulletin.files.html!,
      ];
      const b = await launchBrowser();
      const wide: string[] = [];
      try {
        const page = await b.browser.newPage();
        await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1 });
        await page.setJavaScriptEnabled(false);
        for (const file of pages) {
          await page.goto(`file://${file}`, { waitUntil: 'load' });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 390) wide.push(`${file.slice(demo.outDir.length)}: ${width}px`);
        }
      } finally {
        await b.close();
      }
      expect(wide).toEqual([]);
    });
  });
});
