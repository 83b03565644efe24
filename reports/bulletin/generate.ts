// Produces the monthly bulletin's files (HTML, PDF, DOCX) from the store and records them in the store's
// bulletin archive (records kind `bulletin`, key `YYYY-MM`), which the dashboard lists for download.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Store } from '../../store/types.ts';
import { NoBrowserError } from '../../browser/launch.ts';
import { printPdf } from '../pdf.ts';
import { loadReviewDecisions, mergeDecisions, type ReviewDecisions } from '../review.ts';
import { asDecisions } from '../review-store.ts';
import { bulletinDocument } from './document.ts';
import { renderBulletinDocx } from './docx.ts';
import { renderBulletinHtml } from './html.tsx';
import { buildBulletinModel, type BulletinModel, type PendingVeto } from './model.ts';
import { officialPhrase } from './wording.ts';
import { issuedBulletinKind, type IssuedRectification } from '../rectification.ts';

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
  /** Issued with --final (no veto-level finding awaited review). */
  final?: boolean;
  /** Veto-level findings awaiting review when it was written (a draft lists them). */
  pending?: number;
  docNumber?: string;
  /** An issued (final) bulletin's 整改期限 per unit and the problems it named: the overdue list reads them. */
  rectification?: IssuedRectification;
}

export const bulletinRecordKind = issuedBulletinKind;

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
  /** The bulletin to issue: refused while a veto-level finding awaits review, or the 文号 lacks its number. */
  final?: boolean;
  /** The 文号's sequence number (`{seq}` of `bulletin.docNumber`). */
  seq?: number | null;
  /** The audits' scorecards folder, where problem screenshots are (default: `<outDir>/../scorecards`). */
  screenshotsDir?: string;
}

/** A final bulletin asked for while veto-level findings await review: the message lists them. */
export class BulletinNotReadyError extends Error {
  constructor(
    message: string,
    readonly pending: PendingVeto[],
  ) {
    super(message);
    this.name = 'BulletinNotReadyError';
  }
}

/** One line per unreviewed veto-level finding: site, indicator, problem, page and 编号 (for the reviewer). */
export function pendingLines(pending: PendingVeto[], timezone: string): string[] {
  return pending.map((p) => `${p.siteName}｜${p.indicator}｜${officialPhrase(p.finding, timezone)}${p.finding.url ? `｜${p.finding.url}` : ''}｜编号 ${p.finding.identity}`);
}

export interface GeneratedBulletin {
  model: BulletinModel;
  files: Partial<Record<BulletinFormat, string>>;
  warnings: string[];
}

/** The PNG files the document's figures name, read from the scorecards folder (missing ones left out). */
async function readFigures(doc: ReturnType<typeof bulletinDocument>, dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const a of doc.annexes) {
    for (const b of a.body) {
      if (b.type !== 'figure' || out.has(b.path) || b.path.includes('..')) continue;
      const png = await readFile(join(dir, b.path)).catch(() => null);
      if (png && png.length <= 4 * 1024 * 1024) out.set(b.path, png);
    }
  }
  return out;
}

/** Writes `outDir/bulletin-YYYY-MM.{html,pdf,docx}` and records them. Throws NoRunsError, ReviewFileError, NoBrowserError. */
export async function generateBulletin(opts: GenerateBulletinOptions): Promise<GeneratedBulletin> {
  const formats = opts.formats ?? bulletinFormats;
  const decisions = opts.decisions ?? mergeDecisions(asDecisions(await opts.store.listReviewDecisions()), await loadReviewDecisions(opts.config));
  // an issued bulletin's deadlines stay as issued, whatever the config says now
  const issued = (await opts.store.listRecords<BulletinRecord>(bulletinRecordKind)).find((r) => r.key === opts.month)?.data.rectification;
  const earlier = issued?.deadlines;
  const model = await buildBulletinModel({ store: opts.store, config: opts.config, month: opts.month, now: opts.now, decisions, seq: opts.seq, ...(earlier ? { issuedDeadlines: earlier } : {}) });
  if (opts.final && model.pending.length) {
    throw new BulletinNotReadyError(
      `${model.pending.length} 项疑似单项否决的问题尚未复核，不能印发正式通报；请先确认或排除：\n${pendingLines(model.pending, model.timezone).map((l) => `  ${l}`).join('\n')}`,
      model.pending,
    );
  }
  if (opts.final && model.docNumberBlank) throw new BulletinNotReadyError('正式通报需要文号：请用 --seq N 给出发文字号中的序号（配置 bulletin.docNumber 含 {seq}）', []);
  const doc = bulletinDocument(model);
  const pictures = await readFigures(doc, opts.screenshotsDir ?? join(resolve(opts.outDir), '..', 'scorecards'));
  const html = renderBulletinHtml(doc, { images: new Map([...pictures].map(([p, png]) => [p, `data:image/png;base64,${png.toString('base64')}`])) });
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
    await writeFile(`${base}.docx`, await renderBulletinDocx(doc, { images: pictures }));
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
  const record: BulletinRecord = { month: model.month.id, title: model.title, generatedAt: opts.now.toISOString(), files, overview: model.overview, final: Boolean(opts.final), pending: model.pending.length, ...(model.docNumber ? { docNumber: model.docNumber } : {}), ...(opts.final ? { rectification: { deadlines: model.unitDeadlines, named: model.named } } : issued ? { rectification: issued } : {}) };
  await opts.store.upsertRecords(bulletinRecordKind, [{ key: model.month.id, siteKey: null, data: record, updatedAt: new Date().toISOString() }]);
  return { model, files, warnings };
}
