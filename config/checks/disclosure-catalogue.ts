// The catalogue a site is held to: the district's catalogue (its own, or the shipped default) with the district's and
// the site's additions and removals, filtered by the site's role; and the config's check that every removed id exists.
import { defaultDisclosureCatalogue } from './disclosure-default-catalogue.ts';
import {
  disclosureItemListSchema,
  type DisclosureItem,
  type DisclosureRole,
  type DistrictDisclosureConfig,
  type SiteDisclosureConfig,
} from './disclosure.ts';

/** The shipped default, validated with the config's own item schema (a broken default fails at load, naming the item). */
export const defaultCatalogue: readonly DisclosureItem[] = validateDefault(defaultDisclosureCatalogue);

/** The district-wide items: `catalogue` (or the default) with `add` (same id replaces) and without `remove`. */
export function districtCatalogue(district: DistrictDisclosureConfig): DisclosureItem[] {
  return merge(district.catalogue ?? [...defaultCatalogue], district.add, district.remove);
}

/** The items a site is held to: the district items that apply to its role, then its own `add` and `remove`. */
export function siteCatalogue(district: DistrictDisclosureConfig, site: SiteDisclosureConfig): DisclosureItem[] {
  const forRole = districtCatalogue(district).filter((item) => appliesTo(item, site.role));
  return merge(forRole, site.add, site.remove);
}

/** An item without `roles` applies to every site; one with `roles` only to sites of those roles. */
export function appliesTo(item: DisclosureItem, role: DisclosureRole | undefined): boolean {
  return item.roles === undefined || (role !== undefined && item.roles.includes(role));
}

/** A problem with an id in `remove` (an item that is not there to remove), with its config path. */
export interface CatalogueIdIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Ids in `disclosure.remove` (district) and `sites[i].disclosure.remove` that name no item: most likely typos,
 * which would otherwise leave an item silently required.
 */
export function catalogueIdIssues(district: DistrictDisclosureConfig, sites: readonly { disclosure: SiteDisclosureConfig }[]): CatalogueIdIssue[] {
  const issues: CatalogueIdIssue[] = [];
  const base = new Set([...(district.catalogue ?? defaultCatalogue).map((i) => i.id), ...district.add.map((i) => i.id)]);
  district.remove.forEach((id, j) => {
    if (!base.has(id)) issues.push({ path: ['disclosure', 'remove', j], message: unknownId(id, base) });
  });
  const districtIds = new Set(districtCatalogue(district).map((i) => i.id));
  sites.forEach((site, i) => {
    site.disclosure.remove.forEach((id, j) => {
      if (!districtIds.has(id)) issues.push({ path: ['sites', i, 'disclosure', 'remove', j], message: unknownId(id, districtIds) });
    });
  });
  return issues;
}

function merge(base: DisclosureItem[], add: readonly DisclosureItem[], remove: readonly string[]): DisclosureItem[] {
  const byId = new Map(base.map((i) => [i.id, i]));
  for (const item of add) byId.set(item.id, item);
  for (const id of remove) byId.delete(id);
  return [...byId.values()];
}

function unknownId(id: string, known: Set<string>): string {
  return `no catalogue item "${id}" to remove (items: ${[...known].join(', ') || 'none'})`;
}

function validateDefault(items: DisclosureItem[]): DisclosureItem[] {
  const parsed = disclosureItemListSchema.safeParse(items);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`config/checks/disclosure-default-catalogue.ts: item ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
