// Chromium's command line: the flags that work headless as root on Debian (DESIGN.md), a fresh profile folder,
// and the config's `resolve` map turned into `--host-resolver-rules` so fixture and intranet host names resolve; or,
// behind the guard proxy (guard-proxy.ts), every request sent to it and no name resolved by Chromium itself.

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

/**
 * Flags that send every request through the guard proxy on 127.0.0.1:`port`: loopback is not bypassed (Chromium
 * bypasses it by default), Chromium resolves no name itself (so it cannot reach a host any other way), and WebRTC
 * may not send UDP around the proxy.
 */
export function proxyFlags(port: number): string[] {
  return [
    `--proxy-server=http://127.0.0.1:${port}`,
    '--proxy-bypass-list=<-loopback>',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  ];
}

/** The full argument list for one launch; with `proxyPort`, the proxy resolves (the `resolve` map is its business). */
export function launchArgs(opts: { userDataDir: string; resolve: Record<string, string[]>; proxyPort?: number }): string[] {
  const rules = opts.proxyPort ? null : hostResolverRules(opts.resolve);
  return [
    ...baseFlags,
    `--user-data-dir=${opts.userDataDir}`,
    `--window-size=${viewport.width},${viewport.height}`,
    ...(rules ? [`--host-resolver-rules=${rules}`] : []),
    ...(opts.proxyPort ? proxyFlags(opts.proxyPort) : []),
  ];
}
