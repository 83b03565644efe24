// End to end: audit the demo district once and compare, for every site and every check, the findings with
// fixtures/sites/<site>/expected/<check>.json (a missing file means: no findings). Adding a check adds files, not tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditDemo, type DemoAudit } from '../support/demo.ts';
import { diffFindings, expectedFor } from '../support/expected.ts';
import { scorecardSchema } from '../../reports/scorecard.ts';
import { allChecks } from '../../checks/index.ts';

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

  it('decodes GBK page titles of the portal correctly', async () => {
    const rows = (demo.store as unknown as { db: import('better-sqlite3').Database }).db
      .prepare("SELECT title FROM pages WHERE site_id = 'portal' AND title IS NOT NULL")
      .all() as { title: string }[];
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.some((r) => /鲤城区/.test(r.title))).toBe(true);
    expect(rows.every((r) => !r.title.includes('\uFFFD'))).toBe(true);
  });
});
