// Where a site's disclosure requests (依申请公开) come from (the store's record kind, the config's export files), and
// which site a request belongs to.
import { resolve } from 'node:path';
import type { DistrictConfig, SiteConfig } from '../config/schema.ts';
import type { DisclosureRequest } from '../contract/artifacts/disclosure-requests.ts';
import { matchSite } from './record-sites.ts';

/** The store's record kind for disclosure requests (`upsertRecords` / `listRecords`). */
export const DISCLOSURE_REQUEST_KIND = 'disclosure-request';

/** Paths of the config's disclosure-request exports, absolute (relative ones resolve against the config's folder). */
export function configuredRequestExports(config: DistrictConfig): string[] {
  return config.disclosureRequests.map((p) => resolve(config.baseDir, p));
}

/**
 * The site a request belongs to: the site whose `siteCode` equals the request's 网站标识码, else the first site (in
 * config order) whose `unit` equals its 受理机关 (Unicode-normalised, white space ignored); null when neither matches.
 */
export function matchRequestSite(sites: readonly SiteConfig[], request: Pick<DisclosureRequest, 'siteCode' | 'unit'>): { siteId: string; by: 'code' | 'unit' } | null {
  const byCode = matchSite(sites, { siteCode: request.siteCode, siteName: null });
  if (byCode) return { siteId: byCode.siteId, by: 'code' };
  const unit = request.unit ? normalizeName(request.unit) : '';
  const site = unit ? sites.find((s) => normalizeName(s.unit) === unit) : undefined;
  return site ? { siteId: site.id, by: 'unit' } : null;
}

function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}
