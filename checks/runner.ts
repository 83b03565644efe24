// Runs checks over a site's artifacts. Each check gets only what it declared, inside try/catch: one broken
// check becomes an `error` result for that check alone and never sinks the run (Lighthouse core/runner.js).
import { findingSchema, sortFindings, type Finding } from '../contract/finding.ts';
import type { ArtifactName } from '../contract/artifacts.ts';
import type { SiteArtifacts, Check, CheckContext } from './types.ts';
import type { CheckResult } from '../contract/check-result.ts';

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
    const { findings, metrics, notMeasured, warnings } = Array.isArray(out) ? { findings: out, metrics: undefined, notMeasured: undefined, warnings: undefined } : out;
    const valid: Finding[] = findings.map((f, i) => {
      const parsed = findingSchema.safeParse(f);
      if (!parsed.success) throw new Error(`finding ${i} (${f?.code ?? '?'}) is invalid: ${parsed.error.issues[0]?.message}`);
      if (parsed.data.check !== check.id) throw new Error(`finding ${i} claims check "${parsed.data.check}"`);
      return parsed.data;
    });
    if (notMeasured) return { ...base, status: 'not-measured', reason: notMeasured, findings: sortFindings(valid), metrics, warnings };
    const failed = valid.some((f) => !f.review);
    return { ...base, status: failed ? 'failed' : 'passed', findings: sortFindings(valid), metrics, warnings };
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
