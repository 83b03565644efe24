// Finds the browser executable: the config's `chromePath`, then `CHROME_PATH`, then Debian's and Google's usual paths.
import { accessSync, constants, statSync } from 'node:fs';

/** Paths tried after the config and `CHROME_PATH`, in order. */
export const defaultChromePaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export interface FindChromeOptions {
  /** The config's `accessibility.chromePath`. */
  configured?: string;
  env?: NodeJS.ProcessEnv;
  /** Is this path an executable file? (injectable for tests) */
  isExecutable?: (path: string) => boolean;
}

/** The first executable candidate, or null when there is no browser on this machine. */
export function findChrome(opts: FindChromeOptions = {}): string | null {
  const env = opts.env ?? process.env;
  const isExecutable = opts.isExecutable ?? executableFile;
  const candidates = [opts.configured, env.CHROME_PATH, ...defaultChromePaths].filter((p): p is string => Boolean(p?.trim()));
  return candidates.find((p) => isExecutable(p)) ?? null;
}

/** The paths `findChrome` would try, for the "not found" message. */
export function chromeCandidates(opts: Pick<FindChromeOptions, 'configured' | 'env'> = {}): string[] {
  const env = opts.env ?? process.env;
  return [opts.configured, env.CHROME_PATH, ...defaultChromePaths].filter((p): p is string => Boolean(p?.trim()));
}

function executableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A warning for the run summary when the config names a browser that is not an executable file: the audit then
 * uses the next candidate (or none), which the operator should know rather than discover in the timings.
 */
export function configuredChromeWarning(opts: Pick<FindChromeOptions, 'configured' | 'env' | 'isExecutable'>): string | null {
  const configured = opts.configured?.trim();
  if (!configured) return null;
  const isExecutable = opts.isExecutable ?? executableFile;
  if (isExecutable(configured)) return null;
  const used = findChrome({ ...opts, configured: undefined });
  return `accessibility.chromePath ${configured} is not an executable file; ${used ? `using ${used} instead` : 'no other browser found, the browser checks are not measured'}`;
}
