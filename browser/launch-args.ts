// Chromium's command line: the flags that work headless as root on Debian (DESIGN.md), a fresh profile folder,
// and the config's `resolve` map turned into `--host-resolver-rules` so fixture and intranet host names resolve.

/** Flags every launch uses. */
export const baseFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--mute-audio',
];

/** Viewport the pages are checked at (a desktop browser). */
export const viewport = { width: 1280, height: 800 };

/**
 * `MAP host addr, …` for every host of the `resolve` map: the first listed address (IPv6 in brackets); a host
 * listed with no address maps to `~NOTFOUND` (does not resolve). IP literals need no rule. Null when nothing to map.
 */
export function hostResolverRules(resolve: Record<string, string[]>): string | null {
  const rules: string[] = [];
  for (const host of Object.keys(resolve).sort()) {
    if (!/^[A-Za-z0-9.-]+$/.test(host) || /^[0-9.]+$/.test(host)) continue;
    const first = resolve[host][0];
    const target = first === undefined ? '~NOTFOUND' : first.includes(':') ? `[${first.replace(/^\[|\]$/g, '')}]` : first;
    rules.push(`MAP ${host.toLowerCase()} ${target}`);
  }
  return rules.length ? rules.join(', ') : null;
}

/** The full argument list for one launch. */
export function launchArgs(opts: { userDataDir: string; resolve: Record<string, string[]> }): string[] {
  const rules = hostResolverRules(opts.resolve);
  return [
    ...baseFlags,
    `--user-data-dir=${opts.userDataDir}`,
    `--window-size=${viewport.width},${viewport.height}`,
    ...(rules ? [`--host-resolver-rules=${rules}`] : []),
  ];
}
