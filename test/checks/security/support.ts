// Test support for the security check: the content checks' hand-made site (www.x.gov.cn) plus transport,
// cloaking and browser artifacts that say "nothing to see" unless a test says otherwise. No network.
import type { SiteArtifacts } from '../../../checks/types.ts';
import type { PageArtifact } from '../../../contract/artifacts/crawl.ts';
import type { CloakingArtifact } from '../../../contract/artifacts/cloaking.ts';
import type { LinkVisibilityArtifact } from '../../../contract/artifacts/link-visibility.ts';
import type { TlsArtifact, TlsCertificateInfo } from '../../../contract/artifacts/tls.ts';
import type { DistrictConfigInput } from '../../../config/schema.ts';
import { HOME, setup } from '../content/support.ts';

export { findingsOf, metricsOf, page, u, HOME, NOW } from '../content/support.ts';

export function cert(over: Partial<TlsCertificateInfo> = {}): TlsCertificateInfo {
  return {
    subject: 'CN=www.x.gov.cn', issuer: 'CN=Test CA', subjectAltName: 'DNS:www.x.gov.cn', validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-06-30T00:00:00.000Z', fingerprint256: 'AA', serialNumber: '01', ca: false, ...over,
  };
}

/** A site served over HTTPS with a good certificate, HTTP redirected to it. */
export function goodTls(over: Partial<TlsArtifact> = {}): TlsArtifact {
  return {
    homepage: HOME, httpsUrl: 'https://www.x.gov.cn/', extraCas: 0,
    probe: { url: 'https://www.x.gov.cn/', host: 'www.x.gov.cn', port: 443, address: '192.0.2.1', connected: true, chain: [cert(), cert({ subject: 'CN=Test CA', ca: true, validTo: '2036-01-01T00:00:00.000Z' })], hostMatches: true, trusted: true, trustAnchor: 'CN=Test CA' },
    httpRedirect: { url: HOME, status: 200, finalUrl: 'https://www.x.gov.cn/', toHttps: true },
    ...over,
  };
}

export function securitySetup(district: Partial<DistrictConfigInput> = {}) {
  const base = setup({ district });
  const artifacts = (
    pages: PageArtifact[],
    more: { tls?: TlsArtifact; cloaking?: CloakingArtifact; linkVisibility?: LinkVisibilityArtifact } = {},
  ): SiteArtifacts => ({
    ...base.artifacts(pages),
    tls: more.tls ?? goodTls(),
    cloaking: more.cloaking ?? { agents: ['Baiduspider'], pages: [] },
    linkVisibility: more.linkVisibility ?? { pages: [] },
  });
  return { ...base, artifacts };
}
