// Durability of the SQLite store (WAL, synchronous=FULL): a writer process is killed with SIGKILL at random points
// while it saves batches of findings; afterwards the database passes `PRAGMA integrity_check` and every batch the
// writer reported committed is there in full (the batch in flight is either whole or absent, never partial), and the
// store opens again. (A process kill does not lose the OS page cache, so this cannot tell synchronous=FULL from
// NORMAL; FULL is what covers power loss — store/sqlite.ts sets it, and the test asserts WAL.)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite.ts';

const KILL_POINTS = 10;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A seeded pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

/** Starts the writer and kills it with SIGKILL once it has reported `afterBatches` commits; resolves with those lines. */
function writeUntilKilled(runId: string, afterBatches: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/run-ts.mjs'), join(repoRoot, 'test/support/crash-writer.ts'), join(dir, 'data'), runId], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.on('data', (d) => {
      buffered += String(d);
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('committed ')) committed.push(line);
      if (committed.length >= afterBatches && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer ended on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('kill -9 during writes', () => {
  it(`loses nothing committed and never corrupts the store (${KILL_POINTS} kill points)`, async () => {
    const next = random(20261120);
    const reported: string[] = [];
    for (let point = 0; point < KILL_POINTS; point++) {
      reported.push(...(await writeUntilKilled(`crash-${point}`, 1 + Math.floor(next() * 4))));
    }
    const db = new Database(join(dir, 'data', 'govaudit.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const count = db.prepare('SELECT COUNT(*) n FROM findings WHERE run_id = ? AND site_id = ?');
      for (const line of reported) {
        const [, runId, siteId, n] = line.split(' ');
        expect((count.get(runId, siteId) as { n: number }).n, line).toBe(Number(n));
      }
      // the batch in flight at each kill is all or nothing
      const partial = db.prepare('SELECT run_id, site_id, COUNT(*) n FROM findings GROUP BY run_id, site_id HAVING n <> 40').all();
      expect(partial).toEqual([]);
      expect(reported.length).toBeGreaterThanOrEqual(KILL_POINTS);
    } finally {
      db.close();
    }
    const store = openSqliteStore(join(dir, 'data'));
    try {
      expect((await store.listRuns({ limit: 100 })).map((r) => r.id).sort()).toEqual(Array.from({ length: KILL_POINTS }, (_, i) => `crash-${i}`).sort());
    } finally {
      await store.close();
    }
  }, 300_000);
});
