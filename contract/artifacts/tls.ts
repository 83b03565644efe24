// The transport artifact (gathered by crawler/gather-tls.ts): whether HTTPS is offered, the certificate chain it
// presents and whether that chain leads to a trusted root and names the host, and whether plain HTTP is sent on
// to HTTPS. Dates are recorded, not judged: the check compares them with the audit's clock.

/** One certificate as presented (leaf first). Dates are ISO instants. */
export interface TlsCertificateInfo {
  subject: string;
  issuer: string;
  /** `DNS:a, DNS:b, IP Address:…` as OpenSSL prints it; empty when absent. */
  subjectAltName: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  serialNumber: string;
  /** A CA certificate (basicConstraints CA:TRUE). */
  ca: boolean;
}

/** Why the chain does not lead to a trusted root (dates aside). */
export type TlsTrustProblem = 'self-signed' | 'unknown-issuer' | 'bad-signature' | 'issuer-not-ca' | 'no-certificate';

/** One TLS handshake with the site's host. */
export interface TlsProbe {
  url: string;
  host: string;
  port: number;
  /** Address connected to (from the audit's resolver); null when the name did not resolve. */
  address: string | null;
  /** The handshake completed (whatever the certificate). */
  connected: boolean;
  /** Why there was no handshake (`not-tls`: something other than TLS answers on the port). */
  error?: 'dns' | 'refused' | 'timeout' | 'reset' | 'not-tls' | 'handshake' | 'network';
  errorMessage?: string;
  protocol?: string;
  /** Presented chain, leaf first, then the trust anchor found in the store (if not presented). */
  chain?: TlsCertificateInfo[];
  /** The leaf certificate names the host (subjectAltName, or CN without one). */
  hostMatches?: boolean;
  /** Signatures lead from the leaf to a trusted root (system roots plus `security.caFile`), dates not judged. */
  trusted?: boolean;
  trustProblem?: TlsTrustProblem;
  /** Subject of the trusted root reached. */
  trustAnchor?: string;
  /** Node's own verdict at the machine's real clock (for the record; the check judges dates itself). */
  nodeVerdict?: string;
}

/** How the plain-HTTP homepage answers. */
export interface HttpRedirectInfo {
  url: string;
  status: number | null;
  /** Where it ended after redirects (or the Location header when redirects were not followed). */
  finalUrl: string | null;
  toHttps: boolean;
  error?: string;
}

export interface TlsArtifact {
  homepage: string;
  /** The HTTPS URL probed. */
  httpsUrl: string;
  probe: TlsProbe;
  /** Null when it could not be told (no crawl of an HTTP homepage). */
  httpRedirect: HttpRedirectInfo | null;
  /** Certificates read from `security.caFile`. */
  extraCas: number;
  /** `security.caFile` could not be read or held no certificate. */
  caFileError?: string;
}
