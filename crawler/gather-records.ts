// The records gatherer: reads a site's imported error reports (我为政府网站找错) from the store. The reports are
// matched to sites again with the current config (by 网站标识码, then 网站名称), so a config change takes effect
// without re-importing. The store is read once per run and shared by every site.
import type { Gatherer } from './gatherer.ts';
import { configuredExports, ERROR_REPORT_KIND } from '../imports/error-report-records.ts';
import { type ErrorReportsArtifact, errorReportSchema, type ErrorReport } from '../contract/artifacts/error-reports.ts';
import { matchSite } from '../imports/record-sites.ts';

interface BySite {
  reports: Map<string, ErrorReport[]>;
  invalid: Map<string | null, { id: string; reason: string }[]>;
}

export const errorReportsGatherer: Gatherer = {
  id: 'error-reports',
  produces: ['errorReports'],
  async gather(ctx, artifacts) {
    const all = await ctx.shared.get<BySite>('error-reports:by-site', async () => {
      const bySite: BySite = { reports: new Map(), invalid: new Map() };
      for (const row of await ctx.store.listRecords<unknown>(ERROR_REPORT_KIND)) {
        const parsed = errorReportSchema.safeParse(row.data);
        if (!parsed.success) {
          const list = bySite.invalid.get(row.siteKey) ?? [];
          list.push({ id: row.key, reason: parsed.error.issues[0]?.message ?? 'invalid' });
          bySite.invalid.set(row.siteKey, list);
          continue;
        }
        const siteId = matchSite(ctx.config.sites, parsed.data)?.siteId;
        if (!siteId) continue;
        const list = bySite.reports.get(siteId) ?? [];
        list.push(parsed.data);
        bySite.reports.set(siteId, list);
      }
      return bySite;
    });
    const artifact: ErrorReportsArtifact = {
      reports: all.reports.get(ctx.site.id) ?? [],
      invalid: all.invalid.get(ctx.site.id) ?? [],
      sources: configuredExports(ctx.config),
    };
    artifacts.errorReports = artifact;
  },
};
