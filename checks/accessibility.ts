// Accessibility: axe-core violations per page (a11y.<rule>), axe's "incomplete" as needs-review findings, the
// homepage's Lighthouse accessibility score, and the homepage's elderly-friendly rules (mode entry, floating layers,
// small text), judged from the `accessibility` artifact. Each finding names the WCAG criteria and GB/T 37668 clauses.
import type { A11yPage, AccessibilityArtifact, AxeImpact, AxeRuleResult } from '../contract/artifacts/accessibility.ts';
import { describeCriterion, gbtUnmappedNote, mappingFor } from './accessibility.mapping.ts';
import type { Finding, Severity } from '../contract/finding.ts';
import type { Check } from './types.ts';
import { strings } from './accessibility.strings.ts';

/** Gravity of an axe impact (critical/serious → major, moderate → minor, minor → info). */
export const severityOfImpact: Record<AxeImpact, Severity> = { critical: 'major', serious: 'major', moderate: 'minor', minor: 'info' };

export const accessibility: Check = {
  id: 'accessibility',
  title: strings.title,
  requires: ['accessibility'],
  run(artifacts, ctx) {
    const a = artifacts.accessibility!;
    const siteId = artifacts.site.id;
    // A page that answered an HTTP error was loaded, but axe judged the error page, not the site's page.
    const checked = a.pages.filter((p) => !p.error && (p.status === null || p.status < 400));
    const metrics = metricsOf(a, checked);
    if (!checked.length) {
      const first = a.pages[0];
      return { findings: [], metrics, notMeasured: strings.noPageChecked(first?.error ?? (first?.status != null ? `HTTP ${first.status}` : '无页面')) };
    }
    const unchecked = a.pages.length - checked.length;
    const coverage = { candidates: a.pages.length, judged: checked.length, ...(unchecked ? { reason: strings.pagesNotChecked(unchecked) } : {}) };
    const findings: Finding[] = [];
    const warnings: string[] = [];
    for (const page of checked) {
      for (const r of page.violations) findings.push(axeFinding(siteId, page, r, false));
      for (const r of page.incomplete) findings.push(axeFinding(siteId, page, r, true));
    }
    const cfg = ctx.config.accessibility;
    const home = a.pages.find((p) => p.kind === 'homepage');
    const homeUrl = home?.url ?? artifacts.site.homepage;
    if (a.lighthouse) {
      const lh = a.lighthouse;
      if (lh.score === null) warnings.push(strings.lighthouseNotMeasured(lh.error ?? '未知原因'));
      else if (lh.score < cfg.lighthouseThreshold) {
        findings.push({
          check: 'accessibility',
          code: 'a11y.lighthouse-score',
          severity: 'minor',
          siteId,
          url: homeUrl,
          message: strings.lighthouseScore(lh.score, cfg.lighthouseThreshold),
          evidence: { score: lh.score, threshold: cfg.lighthouseThreshold, failedAudits: lh.failedAudits ?? [], lighthouseVersion: lh.version },
        });
      }
    }
    if (!home || home.error || (home.status !== null && home.status >= 400) || !a.homepage) {
      warnings.push(strings.homepageNotChecked(home?.error ?? (home?.status != null && home.status >= 400 ? `HTTP ${home.status}` : '未检测')));
    } else {
      const probe = a.homepage;
      const base = { check: 'accessibility', siteId, url: homeUrl } as const;
      if (!probe.modeEntries.length) {
        findings.push({ ...base, code: 'a11y.no-accessible-mode', severity: 'major', message: strings.noAccessibleMode, evidence: { searched: '无障碍 / 长者模式 / 适老化 / 关怀版 / 老年模式 / 大字版' } });
      }
      if (probe.floatingLayers.length) {
        findings.push({
          ...base,
          code: 'a11y.floating-ad',
          severity: 'major',
          message: strings.floatingAd(probe.floatingLayers.length),
          evidence: { count: probe.floatingLayers.length, selectors: probe.floatingLayers.map((l) => l.selector), layers: probe.floatingLayers },
        });
      }
      if (probe.smallTextCount > 0) {
        findings.push({
          ...base,
          code: 'a11y.small-text',
          severity: 'minor',
          message: strings.smallText(probe.smallTextCount, probe.minFontPx),
          evidence: { count: probe.smallTextCount, minFontPx: probe.minFontPx, smallestPx: Math.min(...probe.smallText.map((s) => s.fontSizePx)), samples: probe.smallText },
        });
      }
    }
    return { findings, metrics, warnings, coverage };
  },
};

function axeFinding(siteId: string, page: A11yPage, r: AxeRuleResult, review: boolean): Finding {
  const map = mappingFor(r.id, r.tags);
  return {
    check: 'accessibility',
    code: `a11y.${r.id}`,
    severity: r.impact ? severityOfImpact[r.impact] : 'minor',
    ...(review ? { review: true as const } : {}),
    siteId,
    url: page.url,
    message: review ? strings.needsReview(r.help, r.nodeCount) : strings.violation(r.help, r.nodeCount),
    evidence: {
      rule: r.id,
      kind: review ? 'incomplete' : 'violation',
      impact: r.impact,
      nodeCount: r.nodeCount,
      selectors: r.nodes.map((n) => n.target.join(' ')),
      html: r.nodes[0]?.html ?? '',
      howToFix: r.nodes[0]?.failureSummary ?? r.description,
      help: r.help,
      helpUrl: r.helpUrl,
      wcag: map.wcag.map(describeCriterion),
      gbt37668: map.gbt37668 ?? strings.unmapped,
      ...(map.gbt37668 ? {} : { gbt37668Note: gbtUnmappedNote }),
      mappingSource: map.gbtSource ? `${map.source}; ${map.gbtSource}` : map.source,
      pageKind: page.kind,
      ...(page.column ? { column: page.column } : {}),
    },
  };
}

function metricsOf(a: AccessibilityArtifact, checked: A11yPage[]): Record<string, unknown> {
  const byImpact: Record<AxeImpact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  let violationNodes = 0;
  const rules = new Set<string>();
  for (const p of checked) {
    for (const v of p.violations) {
      if (v.impact) byImpact[v.impact]++;
      violationNodes += v.nodeCount;
      rules.add(v.id);
    }
  }
  return {
    pagesPlanned: a.pages.length,
    pagesChecked: checked.length,
    pagesFailed: a.pages.filter((p) => p.error).map((p) => ({ url: p.url, error: p.error })),
    violationsByImpact: byImpact,
    violationNodes,
    rulesViolated: [...rules].sort(),
    needsReview: checked.reduce((n, p) => n + p.incomplete.length, 0),
    lighthouseScore: a.lighthouse?.score ?? null,
    ...(a.lighthouse?.error ? { lighthouseNotMeasured: a.lighthouse.error } : {}),
    accessibleModeEntry: a.homepage ? a.homepage.modeEntries.length > 0 : null,
    floatingLayers: a.homepage ? a.homepage.floatingLayers.length : null,
    smallTextCount: a.homepage ? a.homepage.smallTextCount : null,
    axeVersion: a.axeVersion,
    tags: a.tags,
    locale: a.locale,
    browser: a.browserVersion,
    browserRestarts: a.browserRestarts,
  };
}
