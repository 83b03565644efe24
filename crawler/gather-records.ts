// The records gatherer: reads a site's imported records with a statutory deadline — every record kind
// (contract/records/: error reports, disclosure requests) — from the store into one `records` artifact keyed by kind.
// Records are matched to sites again with the current config (by 网站标识码, then the kind's name field), so a config
// change takes effect without re-importing. The store is read once per run and shared by every site.
import type { Gatherer } from './gatherer.ts';
import { recordKinds, type RecordsArtifact } from '../contract/records/index.ts';
import type { AnyRecord, RecordSet } from '../contract/records/kind.ts';
import { configuredExports } from '../imports/store-import.ts';
import { matchSite } from '../imports/site-match.ts';

/** One kind's stored records, by the site they match now; invalid ones by the site they were stored with. */
interface BySite {
  records: Map<string, AnyRecord[]>;
  invalid: Map<string | null, RecordSet['invalid']>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const recordsGatherer: Gatherer = {
  id: 'records',
  produces: ['records'],
  async gather(ctx, artifacts) {
    const all = await ctx.shared.get('records:by-site', async () => {
      const byKind = new Map<string, BySite>();
      for (const kind of recordKinds) {
        const bySite: BySite = { records: new Map(), invalid: new Map() };
        for (const row of await ctx.store.listRecords<unknown>(kind.id)) {
          const parsed = kind.schema.safeParse(row.data);
          if (!parsed.success) {
            push(bySite.invalid, row.siteKey, { id: row.key, reason: parsed.error.issues[0]?.message ?? 'invalid' });
            continue;
          }
          const record = parsed.data as AnyRecord;
          const siteId = matchSite(kind, ctx.config.sites, record)?.siteId;
          if (siteId) push(bySite.records, siteId, record);
        }
        byKind.set(kind.id, bySite);
      }
      return byKind;
    });
    const artifact: RecordsArtifact = {};
    for (const kind of recordKinds) {
      const bySite = all.get(kind.id)!;
      artifact[kind.id] = { records: bySite.records.get(ctx.site.id) ?? [], invalid: bySite.invalid.get(ctx.site.id) ?? [], sources: configuredExports(kind, ctx.config) };
    }
    artifacts.records = artifact;
  },
};
