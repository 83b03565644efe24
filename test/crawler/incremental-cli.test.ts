// `govaudit audit --full` is accepted (it forces a full crawl for one run: scheduler/audit.ts `full`, exercised in
// incremental-audit.test.ts), also with --distributed, where the run carries it to the workers (exercised in
// test/distributed/incremental.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditCommand } from '../../cli/commands/audit.ts';
import { main } from '../../cli/main.ts';
import { loadRunMeta } from '../../scheduler/distributed/run-meta.ts';
import { queueSchemaFor } from '../../scheduler/distributed/queue.ts';
import { openPostgresStore } from '../../store/postgres.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';

const pgAvailable = postgresAvailability();
const schema = scratchSchema('incremental_cli');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-incremental-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (pgAvailable.skip) return;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema.schema} CASCADE; DROP SCHEMA IF EXISTS ${queueSchemaFor(schema.schema)} CASCADE`);
  await admin.end();
});

describe('govaudit audit --full', () => {
  it('is a flag of audit, named in its usage', () => {
    expect(auditCommand.options.full).toEqual({ type: 'boolean' });
    expect(auditCommand.usage).toContain('[--full]');
  });

  it.skipIf(pgAvailable.skip)('is passed to the workers with --distributed: the run records it', async () => {
    const config = join(dir, 'district.json');
    await writeFile(config, JSON.stringify({ district: '测试区', sites: [{ id: 'portal', name: '门户网站', unit: '区政府办', homepage: 'http://127.0.0.1:9/' }] }));
    const url = new URL(testDatabaseUrl!);
    url.searchParams.set('schema', schema.schema);
    const saved = { db: process.env.GOVAUDIT_DATABASE_URL, data: process.env.GOVAUDIT_DATA };
    process.env.GOVAUDIT_DATABASE_URL = url.toString();
    delete process.env.GOVAUDIT_DATA;
    let out = '';
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    let code: number;
    try {
      code = await main(['audit', '--full', '--distributed', '--detach', '--config', config, '--out', join(dir, 'out'), '--quiet']);
    } finally {
      vi.restoreAllMocks();
      if (saved.db === undefined) delete process.env.GOVAUDIT_DATABASE_URL;
      else process.env.GOVAUDIT_DATABASE_URL = saved.db;
      if (saved.data !== undefined) process.env.GOVAUDIT_DATA = saved.data;
    }
    expect(code).toBe(0);
    const runId = out.trim();
    const store = await openPostgresStore(testDatabaseUrl!, { schema: schema.schema });
    try {
      expect((await loadRunMeta(store, runId))?.full).toBe(true);
    } finally {
      await store.close();
    }
  });
});
