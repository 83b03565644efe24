// Lighthouse 12's accessibility category on one URL, through the run's browser (by its DevTools port: Lighthouse
// ships its own puppeteer-core), with the short waits of DESIGN.md. Lighthouse is loaded only when first used.
// Lighthouse keeps global state (its performance marks, GoogleChrome/lighthouse#9845): two runs at once in one process
// break each other ("The "start lh:runner:gather" performance mark has not been set"). Every run therefore goes
// through one queue per process (lighthouseOnce), is retried once, and otherwise fails with both reasons named.
import pLimit from 'p-limit';

export interface LighthouseScore {
  /** 0–100. */
  score: number;
  version: string;
  /** Failed audits (score 0) of the accessibility category. */
  failedAudits: { id: string; title: string }[];
}

/**
 * Settings that keep an accessibility-only run short (~3 s on an idle machine). The throttling method stays the
 * default `simulate`: any other one makes Lighthouse raise every quiet window to 5.25 s.
 */
export const lighthouseSettings = {
  onlyCategories: ['accessibility'],
  pauseAfterFcpMs: 0,
  pauseAfterLoadMs: 0,
  networkQuietThresholdMs: 0,
  cpuQuietThresholdMs: 0,
  disableFullPageScreenshot: true,
  disableStorageReset: true,
  formFactor: 'desktop',
  screenEmulation: { mobile: false, width: 1280, height: 800, deviceScaleFactor: 1, disabled: false },
  locale: 'zh',
} as const;

/** Runs Lighthouse on `url` in the browser listening on `port`. Throws with Lighthouse's own reason on failure. */
export async function runLighthouse(url: string, port: number, maxWaitForLoadMs: number): Promise<LighthouseScore> {
  const { default: lighthouse } = await import('lighthouse');
  const result = await lighthouse(
    url,
    { port, hostname: '127.0.0.1', output: 'json', logLevel: 'error' },
    { extends: 'lighthouse:default', settings: { ...lighthouseSettings, onlyCategories: [...lighthouseSettings.onlyCategories], maxWaitForLoad: maxWaitForLoadMs } },
  );
  const lhr = result?.lhr;
  if (!lhr) throw new Error('Lighthouse returned no result');
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const category = lhr.categories.accessibility;
  if (!category || typeof category.score !== 'number') throw new Error('Lighthouse gave no accessibility score');
  const failedAudits = category.auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score === 0)
    .map((a) => ({ id: a.id, title: a.title }));
  return { score: Math.round(category.score * 100), version: lhr.lighthouseVersion, failedAudits };
}

/** The process's one Lighthouse queue: a run starts only when the previous one has ended. */
const queue = pLimit(1);

/** Runs at most in the queue now or waiting (for tests and the status line). */
export function lighthouseQueueSize(): number {
  return queue.activeCount + queue.pendingCount;
}

/**
 * Runs `task` (one Lighthouse run) in the process's queue, one at a time; a failed run is retried once (queued again),
 * and when the retry fails too the error names both reasons. Not retried once `aborted()` says the audit stopped.
 */
export async function lighthouseOnce<T>(task: () => Promise<T>, opts: { retries?: number; aborted?: () => boolean } = {}): Promise<T> {
  const retries = opts.retries ?? 1;
  const reasons: string[] = [];
  for (let attempt = 0; ; attempt++) {
    try {
      return await queue(task);
    } catch (e) {
      reasons.push(((e as Error)?.message ?? String(e)).split('\n')[0]);
      if (attempt >= retries || opts.aborted?.()) {
        throw new Error(reasons.length > 1 ? `Lighthouse failed ${reasons.length} times: ${reasons.map((r, i) => `(${i + 1}) ${r}`).join(' ')}` : reasons[0]);
      }
    }
  }
}
