// Processes opening a new SQLite store at the same moment (two `govaudit serve --once`, an audit beside an import)
// take turns migrating it: none fails with "table runs already exists", and the store ends at the latest version.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../store/migrations.ts';
import { openSqliteStore } from '../../store/sqlite.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('opening a new store from several processes at once', () => {
  it('migrates it once: every process opens it, and it ends at the latest schema version', async () => {
    for (let round = 0; round < 2; round++) {
      const dir = await mkdtemp(join(tmpdir(), 'govaudit-open-'));
      dirs.push(dir);
      const at = String(Date.now() + 4_000);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 3 }, () => run(process.execPath, ['bin/run-ts.mjs', 'test/store/open-child.ts', dir, at], { cwd: repoRoot, timeout: 60_000 })),
      );
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : String((o.reason as { stderr?: string }).stderr ?? o.reason)))).toEqual(['ok', 'ok', 'ok']);
      const store = openSqliteStore(dir);
      expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      await store.close();
    }
  }, 120_000);
});
