// Runs checks over a site's artifacts. Each check gets only what it declared, inside try/catch: one broken
// check becomes an `error` result for that check alone and never sinks the run (Lighthouse core/runner.js).
// No silent pass: a check that saw candidates but could judge none of them (documents without a readable 文号 or
// date, lists without dates) is `not-measured` with the reason, and any finding it gave is for review — `passed`
// means the check saw what it needs.
import { findingSchema, sortFindings, type Finding } from '../contract/finding.ts';
import type { ArtifactName } from '../contract/artifacts.ts';
import type { SiteArtifacts, Check, CheckContext } from './types.ts';
import type { CheckResult, Coverage } from '../contract/check-result.ts';

/** The reason shown when a check judged none of its candidates and gave none of its own (zh-CN). */
export function unjudgedReason(c: Coverage): string {
  return `发现${c.candidates}项待检对象，但均无法判断，未检测`;
}

/** Artifact names that are page fields rather than gathered keys. */
const pageFields: ArtifactName[] = ['text', 'html'];

export function runChecks(checks: Check[], artifacts: SiteArtifacts, ctx: CheckContext): CheckResult[] {
  return checks.map((check) => runOne(check, artifacts, ctx));
}

function runOne(check: Check, artifacts: SiteArtifacts, ctx: CheckContext): CheckResult {
  const base = { id: check.id, title: check.title };
  for (const name of check.requires) {
    const missing = pageFields.includes(name) ? artifacts.unavailable[name] : artifacts[name as keyof SiteArtifacts] === undefined ? (artifacts.unavailable[name] ?? `artifact "${name}" was not gathered`) : undefined;
    if (missing) return { ...base, status: 'not-measured', reason: missing, findings: [] };
  }
  try {
    const out = check.run(restrict(artifacts, [...check.requires, ...(check.reads ?? [])]), ctx);
    const { findings, metrics, notMeasured, warnings, coverage } = Array.isArray(out) ? { findings: out, metrics: undefined, notMeasured: undefined, warnings: undefined, coverage: undefined } : out;
    const valid: Finding[] = findings.map((f, i) => {
      const parsed = findingSchema.safeParse(f);
      if (!parsed.success) throw new Error(`finding ${i} (${f?.code ?? '?'}) is invalid: ${parsed.error.issues[0]?.message}`);
      if (parsed.data.check !== check.id) throw new Error(`finding ${i} claims check "${parsed.data.check}"`);
      return parsed.data;
    });
    const cov = coverage ? { coverage } : {};
    if (notMeasured) return { ...base, status: 'not-measured', reason: notMeasured, findings: sortFindings(valid), metrics, warnings, ...cov };
    if (coverage && coverage.candidates > 0 && coverage.judged === 0) {
      const reason = coverage.reason ?? unjudgedReason(coverage);
      const reviewed = valid.map((f) => (f.review ? f : { ...f, review: true as const, evidence: { ...f.evidence, reviewReason: f.evidence.reviewReason ?? reason } }));
      return { ...base, status: 'not-measured', reason, findings: sortFindings(reviewed), metrics, warnings, coverage };
    }
    const failed = valid.some((f) => !f.review);
    return { ...base, status: failed ? 'failed' : 'passed', findings: sortFindings(valid), metrics, warnings, ...cov };
  } catch (e) {
    return { ...base, status: 'error', reason: (e as Error)?.message ?? String(e), findings: [] };
  }
}

/** A view of the artifacts holding only what the check declared (plus the site and the unavailable notes). */
function restrict(artifacts: SiteArtifacts, requires: ArtifactName[]): SiteArtifacts {
  const view: SiteArtifacts = { site: artifacts.site, unavailable: artifacts.unavailable };
  for (const name of requires) {
    if (pageFields.includes(name)) continue;
    (view as unknown as Record<string, unknown>)[name] = artifacts[name as keyof SiteArtifacts];
  }
  if (requires.some((n) => pageFields.includes(n)) && !view.pages) view.pages = artifacts.pages;
  return view;
}
