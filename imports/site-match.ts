// Which configured site a record belongs to, by its kind's rule (contract/records/): 网站标识码 first, then the
// record's name field against the site's name (error reports: 网站名称) or its unit (disclosure requests: 受理机关).
// Shared by the import (which stores the match) and the records gatherer (which matches again with the current config).
import type { SiteConfig } from '../config/schema.ts';
import type { AnyRecord, RecordKind } from '../contract/records/kind.ts';

/** How a record was matched to a site: by code, or by the site field its kind compares names with. */
export interface SiteMatch {
  siteId: string;
  by: 'code' | 'name' | 'unit';
}

/**
 * The site a record names: the site whose `siteCode` equals the record's (letters compared case-insensitively), else
 * the first site (in config order) whose name or unit, as the kind says, equals the record's name field
 * (Unicode-normalised, white space ignored); null when neither matches. A code naming no site falls back to the name.
 */
export function matchSite(kind: Pick<RecordKind, 'site'>, sites: readonly SiteConfig[], record: AnyRecord): SiteMatch | null {
  const { code: codeKey, name: nameKey, matches } = kind.site;
  const codeValue = record[codeKey];
  const code = typeof codeValue === 'string' ? codeValue.trim().toUpperCase() : '';
  if (code) {
    const site = sites.find((s) => s.siteCode?.toUpperCase() === code);
    if (site) return { siteId: site.id, by: 'code' };
  }
  const nameValue = record[nameKey];
  const name = typeof nameValue === 'string' ? normalizeName(nameValue) : '';
  if (name) {
    const site = sites.find((s) => normalizeName(s[matches]) === name);
    if (site) return { siteId: site.id, by: matches };
  }
  return null;
}

function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
