// Test support: audit the demo district once per test file (fixture server on loopback, temp store, pinned clock).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { startFixtureServer, type FixtureServer } from '../../fixtures/server.ts';
import { runAudit, type AuditOptions, type RunSummary } from '../../scheduler/audit.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { Store } from '../../store/types.ts';

export const demoConfigFile = fileURLToPath(new URL('../../fixtures/demo/district.json', import.meta.url));

export interface DemoAudit {
  server: FixtureServer;
  config: DistrictConfig;
  store: Store;
  dir: string;
  outDir: string;
  summary: RunSummary;
  scorecards: Map<string, Scorecard>;
  close(): Promise<void>;
}

/** Starts the fixture server, audits the demo district as of its pinned date, and returns everything. */
export async function auditDemo(opts: Partial<AuditOptions> & { sites?: string[]; mutateConfig?: (c: Record<string, unknown>) => void } = {}): Promise<DemoAudit> {
  const server = await startFixtureServer(opts.sites ? { sites: opts.sites } : undefined);
  const raw = server.config() as Record<string, unknown>;
  opts.mutateConfig?.(raw);
  const config = parseConfig(raw, demoConfigFile);
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-test-'));
  const store = openSqliteStore(join(dir, 'data'));
  const outDir = join(dir, 'out');
  const { sites: _s, mutateConfig: _m, ...rest } = opts;
  const { summary, scorecards } = await runAudit({ config, store, now: new Date(config.asOf!), outDir, ...rest });
  return {
    server,
    config,
    store,
    dir,
    outDir,
    summary,
    scorecards: new Map(scorecards.map((c) => [c.siteId, c])),
    async close() {
      await store.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
