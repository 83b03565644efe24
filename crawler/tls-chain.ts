// Certificate chain checks that do not depend on the clock: signatures from the leaf up to a trusted root (the
// system's roots plus extra CAs), issuers that are CAs, and the host named by the leaf. Dates are left to the check,
// which compares them with the audit's clock (a pinned `--now` must give the same verdict on any day).
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { TlsCertificateInfo, TlsTrustProblem } from '../contract/artifacts/tls.ts';

const MAX_DEPTH = 10;
let systemRoots: X509Certificate[] | null = null;

/** The system's trusted roots (Node's bundled Mozilla store), parsed once. */
export function systemRootCertificates(): X509Certificate[] {
  systemRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return systemRoots;
}

/** Every certificate of a PEM bundle; text that is not a certificate is skipped. Throws when one does not parse. */
export function certificatesFromPem(text: string): X509Certificate[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

export interface ChainVerdict {
  trusted: boolean;
  problem?: TlsTrustProblem;
  /** Leaf first, up to the last certificate reached (the trust anchor when trusted). */
  path: X509Certificate[];
  anchor?: X509Certificate;
}

/** Follows issuers from `presented[0]` through `presented` to one of `roots`. */
export function verifyChain(presented: X509Certificate[], roots: X509Certificate[]): ChainVerdict {
  if (presented.length === 0) return { trusted: false, problem: 'no-certificate', path: [] };
  const rootPrints = new Set(roots.map((r) => r.fingerprint256));
  const path = [presented[0]];
  let current = presented[0];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (rootPrints.has(current.fingerprint256)) return { trusted: true, path, anchor: current };
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) return { trusted: true, path: [...path, root], anchor: root };
    const issuer = presented.find((c) => c !== current && !path.includes(c) && current.checkIssued(c));
    if (!issuer) {
      const selfSigned = current.subject === current.issuer && current.verify(current.publicKey);
      return { trusted: false, problem: selfSigned && path.length === 1 ? 'self-signed' : 'unknown-issuer', path };
    }
    if (!current.verify(issuer.publicKey)) return { trusted: false, problem: 'bad-signature', path };
    if (!issuer.ca) return { trusted: false, problem: 'issuer-not-ca', path };
    path.push(issuer);
    current = issuer;
  }
  return { trusted: false, problem: 'unknown-issuer', path };
}

/** Does the leaf certificate name `host` (a DNS name or an IP address)? */
export function namesHost(leaf: X509Certificate, host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return isIP(bare) ? leaf.checkIP(bare) !== undefined : leaf.checkHost(bare) !== undefined;
}

/** The recorded form of a certificate. */
export function certificateInfo(c: X509Certificate): TlsCertificateInfo {
  return {
    subject: oneLine(c.subject),
    issuer: oneLine(c.issuer),
    subjectAltName: c.subjectAltName ?? '',
    validFrom: new Date(c.validFrom).toISOString(),
    validTo: new Date(c.validTo).toISOString(),
    fingerprint256: c.fingerprint256,
    serialNumber: c.serialNumber,
    ca: c.ca,
  };
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
