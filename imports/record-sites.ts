// Which configured site an imported record belongs to: by 网站标识码 first, then by 网站名称. Shared by the import
// (which stores the match) and the records gatherer (which matches again with the current config).
import type { SiteConfig } from '../config/schema.ts';

/** How a record was matched to a site. */
export interface SiteMatch {
  siteId: string;
  by: 'code' | 'name';
}

/**
 * The site a record names: the site whose `siteCode` equals the record's (letters compared case-insensitively),
 * else the one whose `name` equals the record's site name (Unicode-normalised, white space ignored); null when
 * neither matches. A code naming no site falls back to the name.
 */
export function matchSite(sites: readonly SiteConfig[], record: { siteCode: string | null; siteName: string | null }): SiteMatch | null {
  const code = record.siteCode?.trim().toUpperCase();
  if (code) {
    const site = sites.find((s) => s.siteCode?.toUpperCase() === code);
    if (site) return { siteId: site.id, by: 'code' };
  }
  const name = record.siteName ? normalizeName(record.siteName) : '';
  if (name) {
    const site = sites.find((s) => normalizeName(s.name) === name);
    if (site) return { siteId: site.id, by: 'name' };
  }
  return null;
}

function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
