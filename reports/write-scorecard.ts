// Writes an audit's report files: per site `scorecards/<siteId>.json`, `.html` (with the trend over the site's
// stored runs) and `.csv` (its findings); per unit `units/<unit>.html` across the unit's sites.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store } from '../store/types.ts';
import { findingsCsv } from './csv.ts';
import { renderScorecardHtml } from './html/scorecard.tsx';
import { renderUnitScorecardHtml } from './html/unit-scorecard.tsx';
import { listOverdue } from './rectification.ts';
import type { Scorecard } from './scorecard.ts';
import { trendFrom, type TrendPoint } from './trend.ts';
import { rankUnits } from './units.ts';

/** Runs shown in a scorecard's trend chart. */
export const trendRuns = 30;

/** A site's trend: its stored runs plus `card` (which may not be stored yet). */
export async function siteTrend(store: Store, card: Scorecard, limit = trendRuns): Promise<TrendPoint[]> {
  const history = await store.siteHistory(card.siteId, limit);
  return trendFrom([...history.map((h) => h.scorecard as Scorecard | null), card], limit);
}

/** A file name for a unit (its name, minus characters file systems refuse). */
export function unitFileName(unit: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a file name must not hold
  const safe = unit.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '_').trim().slice(0, 80);
  return `${safe || 'unit'}.html`;
}

/** Writes one site's JSON, HTML and CSV into `outDir/scorecards/`; returns the JSON file's path. */
export async function writeScorecardFiles(outDir: string, card: Scorecard, ctx: { config: DistrictConfig; store: Store }): Promise<string> {
  const dir = join(outDir, 'scorecards');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${card.siteId}.json`);
  const history = await siteTrend(ctx.store, card);
  await writeFile(file, JSON.stringify(card, null, 2) + '\n');
  const links = [
    { href: `../units/${encodeURIComponent(unitFileName(card.unit))}`, text: `${card.unit} 汇总` },
    { href: `${encodeURIComponent(card.siteId)}.csv`, text: '问题清单（CSV）' },
    { href: `${encodeURIComponent(card.siteId)}.json`, text: 'JSON' },
  ];
  await writeFile(join(dir, `${card.siteId}.html`), renderScorecardHtml(card, ctx.config, { history, links, screenshotBase: '' }));
  await writeFile(join(dir, `${card.siteId}.csv`), findingsCsv(card, ctx.config.timezone));
  return file;
}

/** Writes `outDir/units/<unit>.html` for every unit among `cards`. */
export async function writeUnitScorecards(outDir: string, cards: Scorecard[], ctx: { config: DistrictConfig; store: Store }): Promise<void> {
  if (!cards.length) return;
  const dir = join(outDir, 'units');
  await mkdir(dir, { recursive: true });
  for (const unit of rankUnits(cards)) {
    const histories = new Map<string, TrendPoint[]>();
    for (const c of unit.cards) histories.set(c.siteId, await siteTrend(ctx.store, c));
    // overdue as of the audit's clock (the latest of the unit's scorecards)
    const asOf = new Date(unit.cards.map((c) => c.auditedAt).sort().at(-1)!);
    const overdue = await listOverdue(ctx.store, ctx.config, asOf, { siteIds: unit.cards.map((c) => c.siteId) });
    const html = renderUnitScorecardHtml(unit, ctx.config, { histories, siteHref: (id) => `../scorecards/${encodeURIComponent(id)}.html`, overdue });
    await writeFile(join(dir, unitFileName(unit.unit)), html);
  }
}
