// Timeouts that count only the time this process could actually run. A plain setTimeout measures wall time: when
// the event loop is blocked (a 50,000-link page being parsed, a busy machine), every timer that came due fires the
// moment the loop is free — before the socket data that arrived meanwhile is read — and pages that answered in
// time are recorded as timeouts. Here one shared ticker credits each running timer with the time since the last
// tick, but never more than MAX_CREDIT_MS per tick, so a blocked stretch counts as one short tick. A wall-clock
// cap (`maxStretch` × the timeout) still ends every wait, however busy the machine.

const TICK_MS = 25;
const MAX_CREDIT_MS = 100;

interface Running {
  ms: number;
  credited: number;
  startedAt: number;
  capAt: number;
  onExpire: () => void;
}

const running = new Set<Running>();
let ticker: NodeJS.Timeout | undefined;
let lastTick = 0;

function tick(): void {
  const now = performance.now();
  const credit = Math.min(now - lastTick, MAX_CREDIT_MS);
  lastTick = now;
  for (const t of [...running]) {
    t.credited += Math.max(0, Math.min(credit, now - t.startedAt));
    if (t.credited >= t.ms || now >= t.capAt) {
      running.delete(t);
      t.onExpire();
    }
  }
  if (running.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/** A running patient timeout. */
export interface PatientTimer {
  /** Stops it (no effect once it expired). */
  clear(): void;
  /** Starts counting again from zero (for idle timeouts). */
  refresh(): void;
}

/**
 * Calls `onExpire` once `ms` of time the process could run has passed (±25 ms), or `maxStretch` × `ms` of wall
 * time, whichever comes first. The ticker does not keep the process alive on its own.
 */
export function patientTimeout(ms: number, onExpire: () => void, maxStretch = 4): PatientTimer {
  const make = (): Running => {
    const now = performance.now();
    return { ms, credited: 0, startedAt: now, capAt: now + Math.max(ms, ms * maxStretch), onExpire };
  };
  let t = make();
  running.add(t);
  if (!ticker) {
    lastTick = performance.now();
    ticker = setInterval(tick, TICK_MS);
    ticker.unref();
  }
  return {
    clear() {
      running.delete(t);
    },
    refresh() {
      if (!running.has(t)) return;
      running.delete(t);
      t = make();
      running.add(t);
    },
  };
}

/** An AbortSignal aborted by a patient timeout with a `TimeoutError` (like `AbortSignal.timeout`), and its timer. */
export function patientAbortSignal(ms: number, maxStretch = 4): { signal: AbortSignal; timer: PatientTimer } {
  const ac = new AbortController();
  const timer = patientTimeout(ms, () => ac.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')), maxStretch);
  return { signal: ac.signal, timer };
}
