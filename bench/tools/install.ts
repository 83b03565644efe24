// Makes sure the peer tools are there before the bench runs them: linkinator and pa11y-ci from bench/peers
// (npm, Puppeteer's browser download skipped: Debian's Chromium is used), and Debian's linkchecker (apt-get).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const peersDir = fileURLToPath(new URL('../peers/', import.meta.url));
export const linkinatorCli = `${peersDir}node_modules/linkinator/build/src/cli.js`;
export const pa11yCiCli = `${peersDir}node_modules/pa11y-ci/bin/pa11y-ci.js`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  process.stderr.write(`bench: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env, timeout: 600_000 });
  return r.status === 0;
}

/** Installs bench/peers/node_modules when a peer is missing; throws when it cannot. */
export function ensureNodePeers(): void {
  if (existsSync(linkinatorCli) && existsSync(pa11yCiCli)) return;
  const ok = run('npm', ['install', '--prefix', peersDir, '--no-audit', '--no-fund'], { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' });
  if (!ok || !existsSync(linkinatorCli) || !existsSync(pa11yCiCli)) throw new Error(`could not install the peer tools into ${peersDir}node_modules`);
}

/** The path of Debian's linkchecker, installed with apt-get when missing; throws when it cannot be had. */
export function ensureLinkchecker(): string {
  const path = '/usr/bin/linkchecker';
  if (existsSync(path)) return path;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('apt-get', ['install', '-y', '--no-install-recommends', 'linkchecker'], env)) {
    run('apt-get', ['update'], env);
    run('apt-get', ['install', '-y', '--no-install-recommends', 'linkchecker'], env);
  }
  if (!existsSync(path)) throw new Error('linkchecker is not installed and apt-get could not install it');
  return path;
}
