// The indicator catalogue a district scores with: the defaults (indicators.ts) with the config's overrides
// of points, per-finding weights and veto thresholds applied, validated so that a bad entry is an error naming
// the indicator's id (duplicate ids, unknown codes, bad weights), never a silently wrong score.
import { z } from 'zod';
import { defaultIndicators, knownCodes, type Indicator } from './indicators.ts';

const severity = z.enum(['veto', 'major', 'minor', 'info']);

const triggerSchema = z.strictObject({
  codes: z.array(z.string().min(1)).min(1),
  atLeast: z.number().int().min(1),
  evidence: z.strictObject({ key: z.string().min(1), values: z.array(z.unknown()).min(1) }).optional(),
});

/** One district override (config `indicators.<id>`); absent fields keep the default. */
export const indicatorOverrideSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** Most the indicator subtracts (deductions). */
  points: z.number().min(0).max(100).optional(),
  perFinding: z.number().min(0).max(100).optional(),
  countBy: z.enum(['finding', 'code', 'url', 'kind']).optional(),
  /** Replaces the finding codes that feed it. */
  codes: z.array(z.string().min(1)).min(1).optional(),
  severities: z.array(severity).min(1).optional(),
  /** Replaces the evidence filter: only findings whose `evidence[key]` is one of `values` count. */
  evidence: z.strictObject({ key: z.string().min(1), values: z.array(z.unknown()).min(1) }).optional(),
  /** Replaces a veto's thresholds. */
  triggers: z.array(triggerSchema).min(1).optional(),
  /** `false` drops the indicator from the district's catalogue. */
  enabled: z.boolean().optional(),
});

export type IndicatorOverride = z.infer<typeof indicatorOverrideSchema>;

/** Config `indicators`: overrides by indicator id, checked against the catalogue when the config loads. */
export const indicatorOverridesSchema = z
  .record(z.string(), indicatorOverrideSchema)
  .default({})
  .superRefine((overrides, ctx) => {
    const unknown = Object.keys(overrides).filter((id) => !defaultIndicators.some((i) => i.id === id));
    for (const id of unknown)
      ctx.addIssue({ code: 'custom', path: [id], message: `unknown indicator "${id}" (known: ${defaultIndicators.map((i) => i.id).join(', ')})` });
    if (unknown.length) return;
    try {
      applyOverrides(defaultIndicators, overrides);
    } catch (e) {
      if (!(e instanceof CatalogueError)) throw e;
      for (const issue of e.issues) ctx.addIssue({ code: 'custom', path: issue.id in overrides ? [issue.id] : [], message: issue.message });
    }
  });

/** A catalogue problem; `issues` name the indicator each is about. */
export class CatalogueError extends Error {
  constructor(readonly issues: { id: string; message: string }[]) {
    super(issues.map((i) => `indicator "${i.id}": ${i.message}`).join('; '));
    this.name = 'CatalogueError';
  }
}

/** Does a code pattern (`link.broken`, `a11y.*`) name codes the checks emit? */
export function isKnownCode(pattern: string): boolean {
  const prefix = pattern.endsWith('*') ? pattern.slice(0, -1) : null;
  return knownCodes.some((k) => {
    if (k.endsWith('*')) return pattern.startsWith(k.slice(0, -1)) && pattern.length > k.length - 1;
    return prefix !== null ? k.startsWith(prefix) : k === pattern;
  });
}

/** Every problem of a catalogue, each naming its indicator (empty when valid). */
export function validateCatalogue(catalogue: Indicator[]): { id: string; message: string }[] {
  const issues: { id: string; message: string }[] = [];
  const seen = new Set<string>();
  let deductionTotal = 0;
  for (const ind of catalogue) {
    const id = ind.id || '(no id)';
    const bad = (message: string) => issues.push({ id, message });
    if (!ind.id) bad('missing id');
    if (seen.has(ind.id)) bad('duplicate id');
    seen.add(ind.id);
    if (!ind.name) bad('missing name');
    if (!['veto', 'deduction', 'bonus'].includes(ind.kind)) bad(`kind must be veto, deduction or bonus, not "${ind.kind}"`);
    if (!Number.isFinite(ind.points) || ind.points < 0 || ind.points > 100) bad(`points must be between 0 and 100, not ${ind.points}`);
    if (ind.kind === 'veto') {
      if (ind.points !== 0) bad(`a veto carries no points (got ${ind.points})`);
      if (ind.perFinding !== undefined) bad('a veto has no perFinding weight');
    } else {
      if (ind.kind === 'deduction' && !(ind.points > 0)) bad('a deduction needs points > 0 (set enabled: false to drop it)');
      if (ind.perFinding !== undefined && !(Number.isFinite(ind.perFinding) && ind.perFinding > 0)) bad(`perFinding must be a number > 0, not ${ind.perFinding}`);
      if (ind.triggers) bad('only a veto has triggers');
      if (ind.kind === 'deduction' && Number.isFinite(ind.points)) deductionTotal += ind.points;
    }
    if (!ind.codes?.length) bad('feeds on no finding code');
    for (const c of ind.codes ?? []) if (!isKnownCode(c)) bad(`unknown finding code "${c}"`);
    if (!ind.checks?.length) bad('names no check that measures it');
    for (const t of ind.triggers ?? []) {
      if (!Number.isInteger(t.atLeast) || t.atLeast < 1) bad(`trigger threshold atLeast must be a whole number ≥ 1, not ${t.atLeast}`);
      for (const c of t.codes) {
        if (!isKnownCode(c)) bad(`unknown finding code "${c}" in a trigger`);
        else if (!ind.codes.some((p) => (p.endsWith('*') ? c.startsWith(p.slice(0, -1)) : p === c))) bad(`trigger code "${c}" is not among the indicator's codes`);
      }
    }
  }
  if (deductionTotal > 100) {
    const parts = catalogue.filter((i) => i.kind === 'deduction').map((i) => `${i.id} ${i.points}`);
    issues.push({ id: '(deductions)', message: `deduction points add up to ${round(deductionTotal)}, more than 100 (${parts.join(', ')})` });
  }
  return issues;
}

/** The catalogue with overrides applied; throws CatalogueError when the result is invalid. */
export function applyOverrides(base: Indicator[], overrides: Record<string, IndicatorOverride>): Indicator[] {
  const unknown = Object.keys(overrides).filter((id) => !base.some((i) => i.id === id));
  if (unknown.length) throw new CatalogueError(unknown.map((id) => ({ id, message: 'unknown indicator' })));
  const out: Indicator[] = [];
  for (const ind of base) {
    const o = overrides[ind.id];
    if (o?.enabled === false) continue;
    if (!o) {
      out.push(ind);
      continue;
    }
    const { enabled: _e, ...fields } = o;
    out.push({ ...ind, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) } as Indicator);
  }
  const issues = validateCatalogue(out);
  if (issues.length) throw new CatalogueError(issues);
  return out;
}

const cache = new WeakMap<object, Indicator[]>();

/** The district's catalogue (defaults plus `config.indicators`), computed once per config object. */
export function catalogueFor(config: { indicators?: Record<string, IndicatorOverride> } | undefined): Indicator[] {
  if (!config?.indicators || Object.keys(config.indicators).length === 0) return defaultIndicators;
  let cat = cache.get(config.indicators);
  if (!cat) {
    cat = applyOverrides(defaultIndicators, config.indicators);
    cache.set(config.indicators, cat);
  }
  return cat;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
