// Starting Chromium the one way this project does (the flags of launch-args.ts, a fresh profile folder), and
// stopping it (closing, killed if that hangs, the profile folder removed). Used by the crawler's browser pool and the
// PDF renderer; this folder imports no layer. Each launch is recorded (registry.ts) so a browser whose owner was
// killed is reaped by the next launch, and the first launch of a process reaps those first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { withTimeLimit } from '../util/time-limit.ts';
import { chromeCandidates, findChrome } from './chrome-path.ts';
import { baseFlags, launchArgs, viewport } from './launch-args.ts';
import { forgetBrowser, PROFILE_PREFIX, reapOnce, recordBrowser } from './registry.ts';

/** No browser on this machine (or it would not start): the message says where it looked. */
export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
  }
}

export interface BrowserLaunchOptions {
  executablePath: string;
  /**
   * Pages as a desktop visitor sees them: the window and viewport of launch-args.ts, with the config's `resolve` map
   * (host → addresses) as host resolver rules. Absent: the bare flags (self-contained pages such as a report to print).
   */
  desktop?: {
    resolve: Record<string, string[]>;
    /** Port of the guard proxy (guard-proxy.ts) every request goes through; absent: Chromium connects itself. */
    proxyPort?: number;
  };
  /** Limit of the launch, ms (default 30 s). */
  timeoutMs?: number;
  /** Limit of one DevTools call, ms (default 120 s). */
  protocolTimeoutMs?: number;
  /** Leave SIGINT/SIGTERM/SIGHUP to the caller, which stops the browser itself (default: puppeteer closes it). */
  ownSignals?: boolean;
}

/** A running browser and the profile folder it owns. */
export interface LaunchedBrowser {
  browser: Browser;
  userDataDir: string;
  /** Closes the browser (killed if closing hangs) and removes its profile folder. */
  close(): Promise<void>;
}

/** Time a browser gets to close before it is killed, ms. */
export const closeTimeoutMs = 5_000;

/** Launches Chromium with a fresh profile folder; the folder is removed again when the launch fails. */
export async function launchBrowser(opts: BrowserLaunchOptions): Promise<LaunchedBrowser> {
  await reapOnce();
  const userDataDir = await mkdtemp(join(tmpdir(), PROFILE_PREFIX));
  try {
    await recordBrowser(userDataDir).catch(() => {});
    const browser = await puppeteer.launch({
      executablePath: opts.executablePath,
      headless: true,
      args: opts.desktop ? launchArgs({ userDataDir, resolve: opts.desktop.resolve, proxyPort: opts.desktop.proxyPort }) : [...baseFlags, `--user-data-dir=${userDataDir}`],
      ...(opts.desktop ? { defaultViewport: viewport } : {}),
      timeout: opts.timeoutMs ?? 30_000,
      protocolTimeout: opts.protocolTimeoutMs ?? 120_000,
      ...(opts.ownSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
    });
    const pid = browser.process()?.pid;
    if (pid) await recordBrowser(userDataDir, pid).catch(() => {});
    return { browser, userDataDir, close: () => closeBrowser(browser, userDataDir) };
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    await forgetBrowser(userDataDir);
    throw e;
  }
}

async function closeBrowser(browser: Browser, userDataDir: string): Promise<void> {
  try {
    await withTimeLimit(browser.close(), closeTimeoutMs, 'browser close');
  } catch {
    // the whole process group (puppeteer starts Chromium as its leader), helpers included
    const pid = browser.process()?.pid;
    try {
      if (pid) process.kill(-pid, 'SIGKILL');
    } catch {
      browser.process()?.kill('SIGKILL');
    }
  }
  await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
  await forgetBrowser(userDataDir);
}

export interface WithBrowserOptions extends Omit<BrowserLaunchOptions, 'executablePath'> {
  /** Browser executable (the config's `accessibility.chromePath`); default: CHROME_PATH, then the usual paths. */
  chromePath?: string;
}

/**
 * Runs `work` with a browser of its own and stops the browser afterwards, whatever happened. Throws NoBrowserError
 * when no browser is found or it will not start.
 */
export async function withBrowser<T>(opts: WithBrowserOptions, work: (browser: Browser) => Promise<T>): Promise<T> {
  const { chromePath, ...launch } = opts;
  const executablePath = findChrome({ configured: chromePath });
  if (!executablePath) throw new NoBrowserError(`no Chromium found (tried ${chromeCandidates({ configured: chromePath }).join(', ')}); install chromium or set CHROME_PATH`);
  let launched: LaunchedBrowser;
  try {
    launched = await launchBrowser({ ...launch, executablePath });
  } catch (e) {
    throw new NoBrowserError(`cannot start ${executablePath}: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return await work(launched.browser);
  } finally {
    await launched.close();
  }
}
