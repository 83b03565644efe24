// The disclosure-requests gatherer: reads a site's imported disclosure requests (依申请公开) from the store, matched to
// sites again with the current config (by 网站标识码, then 受理机关), so a config change takes effect without
// re-importing. The store is read once per run and shared by every site (like the error-report gatherer).
import type { Gatherer } from './gatherer.ts';
import { configuredRequestExports, DISCLOSURE_REQUEST_KIND, matchRequestSite } from '../imports/disclosure-request-records.ts';
import { type DisclosureRequestsArtifact, disclosureRequestSchema, type DisclosureRequest } from '../contract/artifacts/disclosure-requests.ts';

interface BySite {
  requests: Map<string, DisclosureRequest[]>;
  invalid: Map<string | null, { id: string; reason: string }[]>;
}

export const disclosureRequestsGatherer: Gatherer = {
  id: 'disclosure-requests',
  produces: ['disclosureRequests'],
  async gather(ctx, artifacts) {
    const all = await ctx.shared.get<BySite>('disclosure-requests:by-site', async () => {
      const bySite: BySite = { requests: new Map(), invalid: new Map() };
      for (const row of await ctx.store.listRecords<unknown>(DISCLOSURE_REQUEST_KIND)) {
        const parsed = disclosureRequestSchema.safeParse(row.data);
        if (!parsed.success) {
          const list = bySite.invalid.get(row.siteKey) ?? [];
          list.push({ id: row.key, reason: parsed.error.issues[0]?.message ?? 'invalid' });
          bySite.invalid.set(row.siteKey, list);
          continue;
        }
        const siteId = matchRequestSite(ctx.config.sites, parsed.data)?.siteId;
        if (!siteId) continue;
        const list = bySite.requests.get(siteId) ?? [];
        list.push(parsed.data);
        bySite.requests.set(siteId, list);
      }
      return bySite;
    });
    const artifact: DisclosureRequestsArtifact = {
      requests: all.requests.get(ctx.site.id) ?? [],
      invalid: all.invalid.get(ctx.site.id) ?? [],
      sources: configuredRequestExports(ctx.config),
    };
    artifacts.disclosureRequests = artifact;
  },
};
