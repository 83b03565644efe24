// Transport security of a site: HTTPS offered (security.no-https, kind `not-offered`) and plain HTTP sent on to it
// (kind `not-redirected`; a host that does not answer plain HTTP at all is fine); a certificate chain that leads to
// a trusted root, names the host and is within its dates at the audit's clock (security.tls-invalid); one ending
// within `expiringDays` (security.tls-expiring); HTTPS pages loading resources over plain HTTP
// (security.mixed-content: major when scripts, styles or frames, else minor).
import type { LinkTag, PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Finding } from '../../contract/finding.ts';
import type { TlsArtifact } from '../../contract/artifacts/tls.ts';
import { strings } from '../security.strings.ts';
import { groupBySignature, MAX_LISTED_PAGES } from './group.ts';

const DAY_MS = 86_400_000;
const PASSIVE: LinkTag[] = ['img', 'source'];
const ACTIVE: LinkTag[] = ['script', 'link', 'iframe', 'frame', 'embed', 'object'];

export interface TransportInput {
  siteId: string;
  homepage: string;
  tls: TlsArtifact;
  pages: PageArtifact[];
  now: Date;
  expiringDays: number;
  timezone: string;
}

export function transportFindings(input: TransportInput): { findings: Finding[]; metrics: Record<string, unknown> } {
  const { tls, siteId, homepage, now } = input;
  const findings: Finding[] = [];
  const probe = tls.probe;
  const base = { check: 'security', siteId, url: homepage };
  const notTls = !probe.connected && probe.error !== 'handshake';
  if (notTls) {
    findings.push({
      ...base, code: 'security.no-https', severity: 'major', message: strings.noHttpsOffered(tls.httpsUrl),
      evidence: { kind: 'not-offered', httpsUrl: tls.httpsUrl, error: probe.error, detail: probe.errorMessage },
    });
  } else if (tls.httpRedirect && tls.httpRedirect.status !== null && !tls.httpRedirect.toHttps) {
    findings.push({
      ...base, code: 'security.no-https', severity: 'major', message: strings.noHttpsRedirect,
      evidence: { kind: 'not-redirected', httpUrl: tls.httpRedirect.url, status: tls.httpRedirect.status, finalUrl: tls.httpRedirect.finalUrl, ...(tls.httpRedirect.error ? { error: tls.httpRedirect.error } : {}) },
    });
  }
  let daysLeft: number | null = null;
  if (!probe.connected && probe.error === 'handshake') {
    findings.push({
      ...base, code: 'security.tls-invalid', severity: 'major', message: strings.tlsInvalid([probe.errorMessage ?? 'handshake']),
      evidence: { problems: ['handshake'], httpsUrl: tls.httpsUrl, detail: probe.errorMessage },
    });
  } else if (probe.connected) {
    const chain = probe.chain ?? [];
    const leaf = chain[0];
    const problems: string[] = [];
    if (!probe.trusted) problems.push(probe.trustProblem ?? 'unknown-issuer');
    if (leaf && probe.hostMatches === false) problems.push('wrong-host');
    if (chain.some((c) => Date.parse(c.validTo) < now.getTime())) problems.push('expired');
    if (chain.some((c) => Date.parse(c.validFrom) > now.getTime())) problems.push('not-yet-valid');
    const certificate = leaf ? { subject: leaf.subject, issuer: leaf.issuer, subjectAltName: leaf.subjectAltName, validFrom: leaf.validFrom, validTo: leaf.validTo } : null;
    if (leaf) daysLeft = Math.floor((Math.min(...chain.map((c) => Date.parse(c.validTo))) - now.getTime()) / DAY_MS);
    if (problems.length) {
      findings.push({
        ...base, code: 'security.tls-invalid', severity: 'major', message: strings.tlsInvalid(problems),
        evidence: { problems, httpsUrl: tls.httpsUrl, certificate, ...(probe.nodeVerdict ? { nodeVerdict: probe.nodeVerdict } : {}) },
      });
    } else if (daysLeft !== null && daysLeft < input.expiringDays) {
      const endsOn = chain.map((c) => c.validTo).sort()[0];
      findings.push({
        ...base, code: 'security.tls-expiring', severity: 'minor', message: strings.tlsExpiring(daysLeft, localDay(endsOn, input.timezone)),
        evidence: { daysLeft, validTo: endsOn, limitDays: input.expiringDays, httpsUrl: tls.httpsUrl, certificate },
      });
    }
  }
  findings.push(...mixedContent(input));
  return {
    findings,
    metrics: {
      httpsUrl: tls.httpsUrl, httpsOffered: probe.connected, redirectsToHttps: tls.httpRedirect?.toHttps ?? null,
      certificateDaysLeft: daysLeft, extraCas: tls.extraCas,
    },
  };
}

function mixedContent(input: TransportInput): Finding[] {
  const entries: { url: string; item: { url: string; tag: LinkTag }[] }[] = [];
  for (const p of input.pages) {
    if (!p.finalUrl.startsWith('https:') || !p.isHtml) continue;
    const insecure = p.links.filter((l) => l.url.startsWith('http:') && (PASSIVE.includes(l.tag) || ACTIVE.includes(l.tag)));
    if (insecure.length) entries.push({ url: p.url, item: insecure.map((l) => ({ url: l.url, tag: l.tag })) });
  }
  const homepage = input.pages.find((p) => p.depth === 0)?.url ?? null;
  return groupBySignature(entries, (item) => item.map((l) => l.url).sort().join('\n'), homepage).map((g) => {
    const active = g.item.some((l) => ACTIVE.includes(l.tag));
    return {
      check: 'security', code: 'security.mixed-content', severity: active ? 'major' : 'minor', siteId: input.siteId, url: g.url,
      message: strings.mixedContent(g.item.length, g.pages.length),
      evidence: { resources: g.item.slice(0, 20), active, pages: g.pages.slice(0, MAX_LISTED_PAGES), pageCount: g.pages.length },
    } satisfies Finding;
  });
}

function localDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}
