// Produces the monthly bulletin's files (HTML, PDF, DOCX) from the store and records them in the store's
// bulletin archive (records kind `bulletin`, key `YYYY-MM`), which the dashboard lists for download.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Store } from '../../store/types.ts';
import { NoBrowserError } from '../../browser/launch.ts';
import { printPdf } from '../pdf.ts';
import { loadReviewDecisions, type ReviewDecisions } from '../review.ts';
import { bulletinDocument } from './document.ts';
import { renderBulletinDocx } from './docx.ts';
import { renderBulletinHtml } from './html.ts';
import { buildBulletinModel, type BulletinModel } from './model.ts';

export type BulletinFormat = 'html' | 'pdf' | 'docx';
export const bulletinFormats: BulletinFormat[] = ['html', 'pdf', 'docx'];

/** The store's record of one generated bulletin. */
export interface BulletinRecord {
  month: string;
  title: string;
  generatedAt: string;
  /** Absolute paths of the files written. */
  files: Partial<Record<BulletinFormat, string>>;
  overview: BulletinModel['overview'];
}

export const bulletinRecordKind = 'bulletin';

/** The folder bulletins are written to under an output folder (`govaudit bulletin --out`, the service's `--out`). */
export function bulletinOutDir(outRoot: string): string {
  return join(resolve(outRoot), 'bulletins');
}

export interface GenerateBulletinOptions {
  store: Store;
  config: DistrictConfig;
  /** `YYYY-MM` */
  month: string;
  /** The bulletin's date and the clock for waivers. */
  now: Date;
  outDir: string;
  /** Default all three; a PDF that cannot be printed (no browser) is a warning unless it is the only format asked. */
  formats?: BulletinFormat[];
  /** Default: the config's waivers and confirmations. */
  decisions?: ReviewDecisions;
}

export interface GeneratedBulletin {
  model: BulletinModel;
  files: Partial<Record<BulletinFormat, string>>;
  warnings: string[];
}

/** Writes `outDir/bulletin-YYYY-MM.{html,pdf,docx}` and records them. Throws NoRunsError, ReviewFileError, NoBrowserError. */
export async function generateBulletin(opts: GenerateBulletinOptions): Promise<GeneratedBulletin> {
  const formats = opts.formats ?? bulletinFormats;
  const decisions = opts.decisions ?? (await loadReviewDecisions(opts.config));
  const model = await buildBulletinModel({ store: opts.store, config: opts.config, month: opts.month, now: opts.now, decisions });
  const doc = bulletinDocument(model);
  const html = renderBulletinHtml(doc);
  const outDir = resolve(opts.outDir);
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `bulletin-${model.month.id}`);
  const files: Partial<Record<BulletinFormat, string>> = {};
  const warnings = [...model.warnings];
  if (formats.includes('html')) {
    await writeFile(`${base}.html`, html);
    files.html = `${base}.html`;
  }
  if (formats.includes('docx')) {
    await writeFile(`${base}.docx`, await renderBulletinDocx(doc));
    files.docx = `${base}.docx`;
  }
  if (formats.includes('pdf')) {
    try {
      await writeFile(`${base}.pdf`, await printPdf(html, { chromePath: opts.config.accessibility?.chromePath }));
      files.pdf = `${base}.pdf`;
    } catch (e) {
      if (!(e instanceof NoBrowserError) || formats.length === 1) throw e;
      warnings.push(`PDF not written: ${e.message}`);
    }
  }
  const record: BulletinRecord = { month: model.month.id, title: model.title, generatedAt: opts.now.toISOString(), files, overview: model.overview };
  await opts.store.upsertRecords(bulletinRecordKind, [{ key: model.month.id, siteKey: null, data: record, updatedAt: new Date().toISOString() }]);
  return { model, files, warnings };
}
