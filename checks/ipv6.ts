// IPv6 support degree, as the national monitoring measures it: AAAA record, homepage reachable over IPv6, the same
// content as over IPv4, second- and third-level links working over IPv6, and hosts of resources and outbound links
// with AAAA. A site-level fault is reported once (an IPv4-only site gets exactly `ipv6.no-aaaa`, not a cascade).
import type { Finding } from '../contract/finding.ts';
import type { Check, CheckContext } from './types.ts';
import type { Ipv6Artifact, Ipv6HomepageProbe, Ipv6Level, Ipv6LinkProbe } from '../contract/artifacts/ipv6.ts';
import { compareHomepages, type Parity } from './lib/ipv6-parity.ts';
import { strings } from './ipv6.strings.ts';

/** Metrics of one link level on the scorecard. */
export interface Ipv6LevelMetrics {
  checked: number;
  ok: number;
  /** ok / checked, 4 decimals; null when nothing was checked. */
  ratio: number | null;
}

/** `metrics.ipv6` on the scorecard. */
export type Ipv6Metrics = {
  aaaa: boolean;
  reachable: boolean | null;
  contentMatch: boolean | null;
  similarity: number | null;
  secondLevel: Ipv6LevelMetrics;
  thirdLevel: Ipv6LevelMetrics;
  resourceHostsWithoutAaaa: string[];
  nameServersIpv6: Ipv6Artifact['nameServers']['status'];
  homepage: { ipv4: ProbeSummary | null; ipv6: ProbeSummary | null };
  failingLinks: string[];
  /** null when part of the verdict could not be measured. */
  supported: boolean | null;
};

interface ProbeSummary {
  status: number | null;
  error?: string;
  timeMs: number;
  tls: 'ok' | 'failed' | null;
  address?: string;
}

export const ipv6: Check = {
  id: 'ipv6',
  title: strings.title,
  requires: ['ipv6'],
  run(artifacts, ctx) {
    const a = artifacts.ipv6!;
    const home = a.dns[0];
    // No lookup of the homepage's host at all: no AAAA is not known, it was not asked.
    if (!home) return { findings: [], notMeasured: strings.notMeasured.noLookup };
    if (home && home.a.length === 0 && home.aaaa.length === 0) {
      return { findings: [], notMeasured: home.error ? strings.notMeasured.homeLookupFailed(home.error) : strings.notMeasured.homeNoAddress };
    }
    const finding = makeFinding(artifacts.site.id);
    const usedHostsWithoutAaaa = a.hosts.filter((h) => h.a && !h.aaaa && !h.error && h.host !== a.host);
    const metrics: Ipv6Metrics = {
      aaaa: (home?.aaaa.length ?? 0) > 0,
      reachable: null,
      contentMatch: null,
      similarity: null,
      secondLevel: levelMetrics(a.levels, 2),
      thirdLevel: levelMetrics(a.levels, 3),
      resourceHostsWithoutAaaa: usedHostsWithoutAaaa.map((h) => h.host),
      nameServersIpv6: a.nameServers.status,
      homepage: { ipv4: summary(a.ipv4), ipv6: summary(a.ipv6) },
      failingLinks: [],
      supported: false,
    };
    const warnings: string[] = [];

    if (!metrics.aaaa) {
      return { findings: [finding('ipv6.no-aaaa', 'major', a.homepage, strings.noAaaa(a.host), { host: a.host, a: home?.a ?? [], cname: home?.cname ?? [] })], metrics };
    }
    if (!a.ipv6) return { findings: [], metrics, notMeasured: strings.notMeasured.noProbe };

    const findings: Finding[] = [];
    const v6 = a.ipv6;
    metrics.reachable = isReachable(v6, a.ipv4);
    if (!metrics.reachable) {
      findings.push(finding('ipv6.unreachable', 'major', a.homepage, strings.unreachable(describe(v6)), probeEvidence(v6)));
    } else if (a.ipv4 && a.ipv4.status !== null && !a.ipv4.error) {
      const parity: Parity = compareHomepages(a.ipv4, v6, ctx.config.ipv6.similarityMin);
      metrics.contentMatch = parity.match;
      metrics.similarity = parity.similarity;
      if (!parity.match) {
        const what = parity.differences.map((d) => strings.differences[d]).join(strings.differenceJoin);
        findings.push(
          finding('ipv6.content-mismatch', 'major', a.homepage, strings.contentMismatch(what), {
            differences: parity.differences,
            similarity: parity.similarity,
            ipv4Status: a.ipv4.status,
            ipv6Status: v6.status,
            ipv4FinalUrl: a.ipv4.finalUrl,
            ipv6FinalUrl: v6.finalUrl,
            ipv4Title: a.ipv4.title,
            ipv6Title: v6.title,
          }),
        );
      }
    } else {
      warnings.push(strings.warnings.ipv4Failed);
    }

    const sameSite = metrics.reachable && metrics.contentMatch !== false;
    const levels = judgeLevels(a.levels, ctx);
    metrics.failingLinks = levels.failing.map((f) => f.probe.url);
    if (sameSite) {
      for (const { level, probe } of levels.failing) {
        const name = strings.levelNames[level];
        findings.push(
          finding('ipv6.link-unsupported', 'minor', probe.url, strings.linkUnsupported(name, describe(probe)), {
            level,
            ...(probe.status !== null ? { status: probe.status } : {}),
            ...(probe.error ? { error: probe.error } : {}),
            ...(probe.errorMessage ? { detail: probe.errorMessage } : {}),
            crawlStatus: probe.crawlStatus,
          }),
        );
      }
      if (levels.below.length) {
        const detail = levels.below.map((b) => strings.levelRatio(strings.levelNames[b.level], b.ok, b.checked, b.min)).join(strings.differenceJoin);
        findings.push(
          finding('ipv6.support-low', 'major', a.homepage, strings.supportLow(detail), {
            secondLevel: { ...metrics.secondLevel, min: ctx.config.ipv6.secondLevelMin },
            thirdLevel: { ...metrics.thirdLevel, min: ctx.config.ipv6.thirdLevelMin },
          }),
        );
      }
    }
    for (const l of a.levels) if (l.skipped && metrics.reachable) warnings.push(strings.warnings.levelsSkipped(l.skipped));
    if (a.crawlTruncated) warnings.push(strings.warnings.crawlTruncated);

    for (const h of usedHostsWithoutAaaa) {
      const uses = h.uses.map((u) => strings.uses[u]).join(strings.usesJoin);
      findings.push(
        finding('ipv6.host-no-aaaa', 'minor', a.homepage, strings.hostNoAaaa(h.host, uses), {
          host: h.host,
          uses: h.uses,
          foundOn: h.foundOn,
          pages: h.pages,
          examples: h.examples,
        }),
      );
    }

    const levelsKnown = a.levels.every((l) => !l.skipped);
    if (!metrics.reachable || metrics.contentMatch === false || levels.below.length) metrics.supported = false;
    else metrics.supported = metrics.contentMatch === true && levelsKnown ? true : null;
    return { findings, metrics, ...(warnings.length ? { warnings: [...new Set(warnings)] } : {}) };
  },
};

/** An answer over IPv6 counts when it is not an error page, or is the same status IPv4 gets. */
function isReachable(v6: Ipv6HomepageProbe, v4: Ipv6HomepageProbe | null): boolean {
  if (v6.error || v6.status === null) return false;
  return v6.status < 400 || v6.status === v4?.status;
}

function linkWorks(p: Ipv6LinkProbe): boolean {
  return !p.error && p.status !== null && p.status < 400;
}

function levelMetrics(levels: Ipv6Level[], level: 2 | 3): Ipv6LevelMetrics {
  const probed = levels.find((l) => l.level === level)?.probed ?? [];
  const ok = probed.filter(linkWorks).length;
  return { checked: probed.length, ok, ratio: probed.length ? Math.round((ok / probed.length) * 10_000) / 10_000 : null };
}

function judgeLevels(levels: Ipv6Level[], ctx: CheckContext) {
  const failing: { level: 2 | 3; probe: Ipv6LinkProbe }[] = [];
  const below: { level: 2 | 3; ok: number; checked: number; min: number }[] = [];
  for (const l of levels) {
    const min = l.level === 2 ? ctx.config.ipv6.secondLevelMin : ctx.config.ipv6.thirdLevelMin;
    const bad = l.probed.filter((p) => !linkWorks(p));
    for (const probe of bad) failing.push({ level: l.level, probe });
    const checked = l.probed.length;
    if (checked && (checked - bad.length) / checked < min) below.push({ level: l.level, ok: checked - bad.length, checked, min });
  }
  failing.sort((x, y) => x.level - y.level || x.probe.url.localeCompare(y.probe.url));
  return { failing, below };
}

function describe(p: { status: number | null; error?: string; errorMessage?: string }): string {
  if (p.error) return strings.errors[p.error] ?? p.error;
  return p.status !== null ? strings.httpStatus(p.status) : strings.errors.network;
}

function probeEvidence(p: Ipv6HomepageProbe): Record<string, unknown> {
  return {
    ...(p.status !== null ? { status: p.status } : {}),
    ...(p.error ? { error: p.error } : {}),
    ...(p.errorMessage ? { detail: p.errorMessage } : {}),
    ...(p.address ? { address: p.address } : {}),
    tls: p.tls,
  };
}

function summary(p: Ipv6HomepageProbe | null): ProbeSummary | null {
  if (!p) return null;
  return { status: p.status, ...(p.error ? { error: p.error } : {}), timeMs: p.timeMs, tls: p.tls, ...(p.address ? { address: p.address } : {}) };
}

function makeFinding(siteId: string) {
  return (code: string, severity: Finding['severity'], url: string, message: string, evidence: Record<string, unknown>): Finding => ({
    check: 'ipv6',
    code,
    severity,
    siteId,
    url,
    message,
    evidence,
  });
}
