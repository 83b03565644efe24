// How the long-running commands (audit, worker, serve) ask V8 to manage the heap. A crawl makes garbage fast (every
// page is decoded and parsed, then dropped) while what it keeps is small (the link index, the frontier); V8's
// default heap growth lets the heap reach several times the live data between full collections, so a 100,000-page
// crawl peaked near 580 MB RSS with about 110 MB live. A smaller growth step keeps the heap near the live data at a
// few percent more CPU, and unlike --max-old-space-size it is no hard limit: a large non-streaming audit that needs
// more heap still gets it. GOVAUDIT_HEAP_GROWING_PERCENT sets the step (0 leaves V8's default).
import { setFlagsFromString } from 'node:v8';

/** Heap growth step (percent) applied when GOVAUDIT_HEAP_GROWING_PERCENT is not set. */
export const DEFAULT_HEAP_GROWING_PERCENT = 20;

/** Applies the heap growth step; returns the percent applied, or null when V8's default is kept. */
export function tuneHeap(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.GOVAUDIT_HEAP_GROWING_PERCENT;
  const percent = raw === undefined || raw === '' ? DEFAULT_HEAP_GROWING_PERCENT : Number(raw);
  if (!Number.isInteger(percent) || percent < 0 || percent > 1_000) throw new Error(`GOVAUDIT_HEAP_GROWING_PERCENT must be an integer from 0 to 1000, not "${raw}"`);
  if (percent === 0) return null;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
