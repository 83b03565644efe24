// `govaudit audit --full` is accepted (it forces a full crawl for one run: scheduler/audit.ts `full`, exercised in
// incremental-audit.test.ts), also with --distributed, where the run carries it to the workers (exercised in
// test/distributed/incremental.test.ts).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../cli/commands/audit.ts';
import { runCli } from '../support/cli.ts';
import { loadRunMeta } from '../../scheduler/distributed/run-meta.ts';
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
  if (!pgAvailable.skip) await schema.drop();
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
    let run: { code: number; out: string };
    try {
      run = await runCli(['audit', '--full', '--distributed', '--detach', '--config', config, '--out', join(dir, 'out'), '--quiet']);
    } finally {
      if (saved.db === undefined) delete process.env.GOVAUDIT_DATABASE_URL;
      else process.env.GOVAUDIT_DATABASE_URL = saved.db;
      if (saved.data !== undefined) process.env.GOVAUDIT_DATA = saved.data;
    }
    expect(run.code).toBe(0);
    const runId = run.out.trim();
    const store = await openPostgresStore(testDatabaseUrl!, { schema: schema.schema });
    try {
      expect((await loadRunMeta(store, runId))?.full).toBe(true);
    } finally {
      await store.close();
    }
  });
});
