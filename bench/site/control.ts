// The bench's handle on its site server processes: one site (server.ts: start it, reset and read its request
// counters, stop it) or many sites in one process (farm.ts, the scale bench).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SiteHosts } from './model.ts';
import type { ServerReply, ServerStats, SiteOptions } from './protocol.ts';
import type { FarmOptions, FarmReply, FarmSite, FarmStats } from './farm.ts';

export interface SiteHandle {
  hosts: SiteHosts;
  /** HTML pages of the generated site. */
  pages: number;
  articles: number;
  reset(): Promise<void>;
  stats(): Promise<ServerStats>;
  /** Writes every distinct request key (`METHOD URL FAMILY`) since the last reset to `file`, sorted. */
  keys(file: string): Promise<void>;
  stop(): Promise<void>;
}

const runTs = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const serverScript = fileURLToPath(new URL('./server.ts', import.meta.url));

/** Starts the site in its own process and waits until it listens. */
export async function startSite(opts: SiteOptions): Promise<SiteHandle> {
  const child: ChildProcess = fork(runTs, [serverScript, JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (r: ServerReply) => void>();
  const ready = new Promise<Extract<ServerReply, { type: 'ready' }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench site exited before it was ready (code ${code})`)));
    child.on('message', (msg: ServerReply) => {
      if (msg.type === 'ready') resolve(msg);
      else pending.get(msg.id)?.(msg);
    });
  });
  const ask = <T extends ServerReply>(type: 'reset' | 'stats' | 'keys', extra: { file?: string } = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, (r) => {
        pending.delete(id);
        resolve(r as T);
      });
      child.send({ type, id, ...extra });
    });
  const r = await ready;
  return {
    hosts: r.hosts,
    pages: r.pages,
    articles: r.articles,
    reset: async () => {
      await ask('reset');
    },
    stats: async () => (await ask<Extract<ServerReply, { type: 'stats' }>>('stats')).stats,
    keys: async (file) => {
      await ask('keys', { file });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export interface FarmHandle {
  sites: FarmSite[];
  stats(): Promise<FarmStats>;
  stop(): Promise<void>;
}

const farmScript = fileURLToPath(new URL('./farm.ts', import.meta.url));

/** Starts many generated sites in one server process (farm.ts) and waits until all listen. */
export async function startFarm(opts: FarmOptions): Promise<FarmHandle> {
  const child: ChildProcess = fork(runTs, [farmScript, JSON.stringify(opts)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, (r: FarmReply) => void>();
  const ready = new Promise<FarmSite[]>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench farm exited before it was ready (code ${code})`)));
    child.on('message', (msg: FarmReply) => {
      if (msg.type === 'ready') resolve(msg.sites);
      else pending.get(msg.id)?.(msg);
    });
  });
  const sites = await ready;
  return {
    sites,
    stats: () =>
      new Promise<FarmStats>((resolve) => {
        const id = nextId++;
        pending.set(id, (r) => {
          pending.delete(id);
          if (r.type === 'stats') resolve(r.stats);
        });
        child.send({ type: 'stats', id });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
