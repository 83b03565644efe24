// The layering rules (.dependency-cruiser.cjs, `npm run lint:deps`): the real tree keeps them, and on a small planted
// tree every forbidden import is reported under its rule while the allowed ones pass (the whole set is compared, so
// a rule that fires where it should not fails this test as surely as one that stays silent).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cruiser = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Runs the project's cruiser config in `cwd` over `paths`; the violations found. */
function cruise(cwd: string, paths: string[]): Promise<Violation[]> {
  const args = [cruiser, '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', ...paths];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        const result = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
        resolve(result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: packageOf(v.to) })));
      } catch {
        reject(new Error(`dependency-cruiser gave no report (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}`));
      }
    });
  });
}

/** `npm:<name>` for a module inside node_modules (wherever the folder really lies), else the path as given. */
function packageOf(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i < 0 ? path : `npm:${path.slice(i + 'node_modules/'.length).split('/')[0]}`;
}

/** The planted tree: file → its imports. */
const planted: Record<string, string[]> = {
  // allowed
  'contract/c.ts': [],
  'util/u.ts': ["import type {} from '../contract/c.ts';"],
  'calendar/d.ts': ["import '../util/u.ts';"],
  'config/g.ts': ["import '../contract/c.ts';", "import '../util/u.ts';"],
  'checks/k.ts': ["import '../contract/c.ts';", "import '../util/u.ts';", "import '../config/g.ts';", "import '../calendar/d.ts';"],
  'store/types.ts': ["import type {} from '../contract/c.ts';", 'export type Store = { close(): void };'],
  'store/sqlite.ts': ["import '../config/g.ts';", 'export const openStore = () => null;'],
  'imports/r.ts': ["import type {} from '../store/types.ts';", "import '../config/g.ts';"],
  'browser/launch.ts': ["import '../util/u.ts';"],
  'crawler/w.ts': ["import type { Store } from '../store/types.ts';", "import '../imports/r.ts';", "import '../browser/launch.ts';", 'export type S = Store;'],
  'reports/p.ts': ["import '../store/sqlite.ts';", "import '../browser/launch.ts';", "import '../config/g.ts';"],
  'notify/n.ts': ["import '../store/sqlite.ts';", "import '../calendar/d.ts';", "import '../config/g.ts';"],
  'dashboard/h.ts': ["import '../reports/p.ts';", "import '../store/sqlite.ts';", "import '../notify/n.ts';"],
  'scheduler/s.ts': ["import '../crawler/w.ts';", "import '../checks/k.ts';", "import '../reports/p.ts';", "import '../store/sqlite.ts';", "import '../dashboard/h.ts';", "import '../notify/n.ts';"],
  'fixtures/server.ts': ["import '../util/u.ts';"],
  'demo/index.ts': ["import '../fixtures/server.ts';", "import '../config/g.ts';"],
  'cli/main.ts': ["import '../scheduler/s.ts';", "import '../demo/index.ts';"],
  'bin/govaudit.mjs': ["import '../cli/main.ts';"],
  'test/helper.ts': [],
  'test/x.test.ts': ["import '../fixtures/server.ts';", "import '../cli/main.ts';", "import './helper.ts';", "import 'vitest';"],
  'bench/run.ts': ["import '../fixtures/server.ts';", "import '../test/helper.ts';"],
  // forbidden, one import each
  'contract/bad.ts': ["import '../config/g.ts';"],
  'util/bad.ts': ["import '../checks/k.ts';"],
  'browser/bad.ts': ["import '../crawler/w.ts';"],
  'calendar/bad.ts': ["import '../config/g.ts';"],
  'config/bad.ts': ["import '../checks/k.ts';"],
  'checks/bad.ts': ["import '../crawler/w.ts';"],
  'store/bad.ts': ["import '../checks/k.ts';"],
  'imports/bad.ts': ["import '../checks/k.ts';"],
  'crawler/bad.ts': ["import '../checks/k.ts';"],
  'crawler/writes.ts': ["import { openStore } from '../store/sqlite.ts';", 'openStore();'],
  'reports/bad.ts': ["import '../crawler/w.ts';"],
  'notify/bad.ts': ["import '../reports/p.ts';"],
  'crawler/notifies.ts': ["import '../notify/n.ts';"],
  'scheduler/bad.ts': ["import '../cli/main.ts';"],
  'dashboard/bad.ts': ["import '../scheduler/s.ts';"],
  'cli/bad.ts': ["import '../fixtures/server.ts';"],
  'fixtures/bad.ts': ["import '../crawler/w.ts';"],
  'reports/tested.ts': ["import '../test/helper.ts';"],
  'scheduler/benched.ts': ["import '../bench/run.ts';"],
  'scheduler/demo.ts': ["import '../demo/index.ts';"],
  'checks/dev.ts': ["import 'vitest';"],
  'checks/typo.ts': ["import './nowhere.ts';"],
  'crawler/a.ts': ["import type {} from './b.ts';"],
  'crawler/b.ts': ["import type {} from './a.ts';"],
};

const expected: Violation[] = [
  { rule: 'contract-imports-only-itself', from: 'contract/bad.ts', to: 'config/g.ts' },
  { rule: 'util-imports-only-contract', from: 'util/bad.ts', to: 'checks/k.ts' },
  { rule: 'browser-imports-only-util-contract', from: 'browser/bad.ts', to: 'crawler/w.ts' },
  { rule: 'calendar-imports-only-util-contract', from: 'calendar/bad.ts', to: 'config/g.ts' },
  { rule: 'config-imports-only-contract-util', from: 'config/bad.ts', to: 'checks/k.ts' },
  { rule: 'checks-imports-only-contract-util-calendar-config', from: 'checks/bad.ts', to: 'crawler/w.ts' },
  { rule: 'store-imports-only-contract-util-calendar-config', from: 'store/bad.ts', to: 'checks/k.ts' },
  { rule: 'imports-imports-only-contract-util-calendar-config-store', from: 'imports/bad.ts', to: 'checks/k.ts' },
  { rule: 'crawler-never-imports-checks-reports-scheduler-dashboard-cli-demo-notify', from: 'crawler/bad.ts', to: 'checks/k.ts' },
  { rule: 'crawler-never-imports-checks-reports-scheduler-dashboard-cli-demo-notify', from: 'crawler/notifies.ts', to: 'notify/n.ts' },
  { rule: 'notify-imports-only-contract-util-calendar-config-store', from: 'notify/bad.ts', to: 'reports/p.ts' },
  { rule: 'crawler-never-writes-the-store', from: 'crawler/writes.ts', to: 'store/sqlite.ts' },
  { rule: 'reports-never-imports-crawler-checks-imports-scheduler-dashboard-cli-demo-notify', from: 'reports/bad.ts', to: 'crawler/w.ts' },
  { rule: 'scheduler-never-imports-cli-demo', from: 'scheduler/bad.ts', to: 'cli/main.ts' },
  { rule: 'only-bin-imports-cli', from: 'scheduler/bad.ts', to: 'cli/main.ts' },
  { rule: 'dashboard-never-imports-crawler-checks-scheduler-cli-demo-browser', from: 'dashboard/bad.ts', to: 'scheduler/s.ts' },
  { rule: 'only-demo-imports-fixtures', from: 'cli/bad.ts', to: 'fixtures/server.ts' },
  { rule: 'fixtures-imports-only-util-contract-config', from: 'fixtures/bad.ts', to: 'crawler/w.ts' },
  { rule: 'nobody-imports-test', from: 'reports/tested.ts', to: 'test/helper.ts' },
  { rule: 'nobody-imports-test', from: 'bench/run.ts', to: 'test/helper.ts' },
  { rule: 'nobody-imports-bench', from: 'scheduler/benched.ts', to: 'bench/run.ts' },
  { rule: 'scheduler-never-imports-cli-demo', from: 'scheduler/demo.ts', to: 'demo/index.ts' },
  { rule: 'only-cli-imports-demo', from: 'scheduler/demo.ts', to: 'demo/index.ts' },
  { rule: 'no-dev-dependencies-in-product', from: 'checks/dev.ts', to: 'npm:vitest' },
  { rule: 'not-to-unresolvable', from: 'checks/typo.ts', to: './nowhere.ts' },
  // a circle is reported once, at its first edge
  { rule: 'no-circular', from: 'crawler/a.ts', to: 'crawler/b.ts' },
];

const byKey = (a: Violation, b: Violation) => `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`);

describe('layering rules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'govaudit-layering-'));
    for (const [file, lines] of Object.entries(planted)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), `${lines.join('\n')}\nexport {};\n`);
    }
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'planted', type: 'module', devDependencies: { vitest: '*' } }));
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('report each planted forbidden import under its rule, and nothing else', async () => {
    const found = await cruise(dir, ['.']);
    expect(found.sort(byKey)).toEqual([...expected].sort(byKey));
  });

  it('hold on the real tree', async () => {
    expect(await cruise(root, ['.'])).toEqual([]);
  });
});
