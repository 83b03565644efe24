// `govaudit import-reports FILE`: ingest an error-report export (我为政府网站找错, CSV or JSON) into the store, matched
// to the config's sites. Prints what was inserted, updated and skipped (bad rows with their line numbers).
import { basename, resolve } from 'node:path';
import { importErrorReportFile, type ReportImportResult } from '../../scheduler/import-error-reports.ts';
import { commonOptions, parseNow, UsageError, type Command } from '../command.ts';
import { loadConfigOrDemo, openStoreFor } from '../context.ts';

const usage = 'govaudit import-reports FILE [--config FILE] [--data DIR] [--now ISO]';

export const importReportsCommand: Command = {
  name: 'import-reports',
  summary: 'import an error-report export (我为政府网站找错, CSV or JSON) into the store',
  usage,
  options: { ...commonOptions },
  allowPositionals: true,
  async run(values, positionals) {
    if (positionals.length !== 1) throw new UsageError(`expected one export file, got ${positionals.length} (usage: ${usage})`);
    const file = resolve(positionals[0]);
    const loaded = await loadConfigOrDemo(values.config as string | undefined);
    try {
      const now = parseNow(values.now as string | undefined, loaded.config.asOf);
      const store = await openStoreFor(loaded.config, values.data as string | undefined);
      let result: ReportImportResult;
      try {
        result = await importErrorReportFile(file, { config: loaded.config, store, now });
      } finally {
        await store.close();
      }
      if (result.fatal) throw new UsageError(result.fatal);
      process.stdout.write(report(result));
      if (result.rows === 0 && result.errors.length > 0) throw new UsageError(`${basename(file)}: no valid row; nothing imported`);
      return 0;
    } finally {
      await loaded.stopDemo?.();
    }
  },
};

/** The command's printout: totals, each bad row, the sites matched and the reports matching none. */
export function report(r: ReportImportResult): string {
  const lines = [
    `${basename(r.file)}: ${r.rows} report(s) read — ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged; ${r.errors.length} bad row(s) skipped`,
  ];
  for (const e of r.errors) lines.push(`  skipped: ${e.message}`);
  const sites = Object.entries(r.bySite).sort(([a], [b]) => a.localeCompare(b));
  if (sites.length) lines.push(`  by site: ${sites.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  for (const u of r.unmatched) {
    lines.push(`  no site: ${u.id} (网站名称 ${u.siteName ?? '—'}, 网站标识码 ${u.siteCode ?? '—'}) kept without a site: add the site or its siteCode to the config`);
  }
  return `${lines.join('\n')}\n`;
}
