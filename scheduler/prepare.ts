// Steps run once before an audit's sites are gathered (e.g. importing the configured record exports).
// Each returns warnings for the run summary; a failing step is a warning, never a failed run.
import type { PrepareContext, PrepareStep } from './prepare-step.ts';
import { recordImportSteps } from './import-records.ts';

/** Registry of prepare steps, in order. */
export const prepareSteps: PrepareStep[] = [...recordImportSteps];

/** Runs every prepare step in order; returns their warnings, a failing step's error among them (never thrown). */
export async function runPrepareSteps(ctx: PrepareContext, steps: PrepareStep[] = prepareSteps): Promise<string[]> {
  const warnings: string[] = [];
  for (const step of steps) {
    try {
      warnings.push(...(await step.run(ctx)));
    } catch (e) {
      warnings.push(`${step.id}: ${(e as Error).message}`);
    }
  }
  return warnings;
}
