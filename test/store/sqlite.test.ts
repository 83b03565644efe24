// The SQLite backend passes the shared store contract.
import { describe } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite.ts';
import { storeContract } from './contract.ts';

describe('sqlite store', () => {
  let dir = '';
  storeContract(async (reopen) => {
    if (!reopen) dir = join(await mkdtemp(join(tmpdir(), 'govaudit-store-')), 'data');
    return openSqliteStore(dir);
  });
});
