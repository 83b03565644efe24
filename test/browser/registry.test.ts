// Orphaned browsers (issue 28 item 3): a process that launched Chromium is SIGKILLed, its browser lives on with
// parent 1; the next start of a browser-using process reaps it (the whole tree) and removes its profile folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../../browser/chrome-path.ts';
import { processesUsing, reapOrphanedBrowsers } from '../../browser/registry.ts';

const chrome = findChrome();
let registry: string;
const children: ChildProcess[] = [];

/** Live (not zombie) processes of a process group. */
function liveGroup(pgid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') found.push(Number(name));
    } catch {
      // gone
    }
  }
  return found;
}

/** Starts a child that launches a browser; resolves with what it printed. */
function launchInChild(): Promise<{ child: ChildProcess; pid: number; userDataDir: string }> {
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'test/browser/launch-child.ts'], {
    env: { ...process.env, GOVAUDIT_BROWSER_REGISTRY: registry },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before launching`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, ...JSON.parse(line) }));
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  registry = await mkdtemp(join(tmpdir(), 'govaudit-registry-test-'));
});

afterAll(async () => {
  for (const c of children) await killAndWait(c);
  await reapOrphanedBrowsers(registry);
  await rm(registry, { recursive: true, force: true });
});

describe.skipIf(!chrome)('orphaned browsers', () => {
  it('a browser left by a SIGKILLed owner is reaped by the next launch, profile folder and all', async () => {
    const first = await launchInChild();
    expect(liveGroup(first.pid).length).toBeGreaterThan(0);
    await killAndWait(first.child);
    // the owner is gone, its browser is not: this is the orphan of the issue
    expect(processesUsing(first.userDataDir)).toContain(first.pid);
    expect(existsSync(first.userDataDir)).toBe(true);

    // the next browser-using start reaps before it launches
    const second = await launchInChild();
    expect(processesUsing(first.userDataDir)).toEqual([]);
    expect(liveGroup(first.pid)).toEqual([]);
    expect(existsSync(first.userDataDir)).toBe(false);
    // the new browser (its owner alive) is left alone
    expect(processesUsing(second.userDataDir)).toContain(second.pid);
    expect(readdirSync(registry).filter((n) => n.endsWith('.json'))).toHaveLength(1);

    // a live owner's browser survives a reap; once the owner is killed, it is reaped too
    expect((await reapOrphanedBrowsers(registry)).reaped).toBe(0);
    await killAndWait(second.child);
    const result = await reapOrphanedBrowsers(registry);
    expect(result.reaped).toBe(1);
    expect(result.removedDirs).toEqual([second.userDataDir]);
    expect(liveGroup(second.pid)).toEqual([]);
    expect(processesUsing(second.userDataDir)).toEqual([]);
    expect(readdirSync(registry)).toEqual([]);
  });

  it('a broken record is removed and a record naming a folder it did not make removes nothing', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    const keep = await mkdtemp(join(tmpdir(), 'not-a-profile-'));
    await writeFile(join(registry, 'broken.json'), '{not json');
    await writeFile(join(registry, 'foreign.json'), JSON.stringify({ userDataDir: keep, ownerPid: 999_999_999, ownerStart: '1', launchedAt: '' }));
    await mkdir(join(keep, 'x'));
    const result = await reapOrphanedBrowsers(registry);
    expect(result).toEqual({ reaped: 1, killed: [], removedDirs: [] });
    expect(existsSync(join(keep, 'x'))).toBe(true);
    expect(readdirSync(registry)).toEqual([]);
    await rm(keep, { recursive: true, force: true });
  });
});
