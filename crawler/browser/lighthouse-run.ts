// Lighthouse 12's accessibility category on one URL, through the run's browser (by its DevTools port: Lighthouse
// ships its own puppeteer-core), with the short waits of DESIGN.md. Lighthouse runs in a worker thread
// (lighthouse-worker.mjs), loaded only when first used, so its long synchronous phases never stall the audit.
// Lighthouse keeps global state (its performance marks, GoogleChrome/lighthouse#9845): two runs at once in one process
// break each other ("The "start lh:runner:gather" performance mark has not been set"). Every run therefore goes
// through one queue per process (lighthouseOnce), is retried once, and otherwise fails with both reasons named.
import { Worker } from 'node:worker_threads';
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

/** The worker thread Lighthouse runs in (started on first use, ended after a minute idle or by stopLighthouse). */
let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (v: LighthouseScore) => void; reject: (e: Error) => void }>();
const IDLE_MS = 60_000;

function lighthouseWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./lighthouse-worker.mjs', import.meta.url));
  const settle = (m: { id: number; ok: boolean; value?: LighthouseScore; error?: string }) => {
    const p = waiting.get(m.id);
    if (!p) return;
    waiting.delete(m.id);
    if (m.ok) p.resolve(m.value!);
    else p.reject(new Error(m.error ?? 'Lighthouse failed'));
    if (!waiting.size) idle(w);
  };
  const gone = (e: Error) => {
    if (worker === w) worker = null;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  w.on('message', settle);
  w.on('error', gone);
  w.on('exit', (code) => gone(new Error(`the Lighthouse worker thread ended (exit code ${code})`)));
  worker = w;
  return w;
}

/** An idle worker does not keep the process alive and ends after a minute without a run. */
function idle(w: Worker): void {
  w.unref();
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void w.terminate(), IDLE_MS);
  idleTimer.unref();
}

/**
 * Runs Lighthouse on `url` in the browser listening on `port`, in a worker thread (its seconds-long synchronous phases
 * never stall this process's event loop). Throws with Lighthouse's own reason on failure.
 */
export async function runLighthouse(url: string, port: number, maxWaitForLoadMs: number): Promise<LighthouseScore> {
  const w = lighthouseWorker();
  clearTimeout(idleTimer);
  w.ref();
  const id = ++nextId;
  const config = { extends: 'lighthouse:default', settings: { ...lighthouseSettings, onlyCategories: [...lighthouseSettings.onlyCategories], maxWaitForLoad: maxWaitForLoadMs } };
  return new Promise<LighthouseScore>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, url, port, config });
  });
}

/** Ends the Lighthouse worker thread now (an abandoned run after a time limit): its runs fail with `reason`. */
export async function stopLighthouse(reason: string): Promise<void> {
  const w = worker;
  if (!w) return;
  worker = null;
  for (const p of waiting.values()) p.reject(new Error(reason));
  waiting.clear();
  clearTimeout(idleTimer);
  await w.terminate();
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
