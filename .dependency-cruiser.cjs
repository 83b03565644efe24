// The layering of DESIGN.md ("The flow" and its layer table) as dependency-cruiser rules: `npm run lint:deps`, run in
// CI; test/layering.test.ts proves each rule fails on a planted import. Top-level folders are the layers:
//
//   contract/  the types shared by gathering, judging, storing and reporting   imports no layer
//   util/      pure helpers used on both sides                                  contract
//   browser/   starting and stopping Chromium                                   util, contract
//   calendar/  dates, time zones, working days                                  util, contract
//   config/    the district file and every module's settings                    contract, util
//   imports/   record exports (error reports, disclosure requests)              + calendar, config, store
//   crawler/   gatherers (I/O → artifacts); never judges, never writes          + calendar, config, browser, imports,
//                                                                                 the Store type (read through it)
//   checks/    pure judges (artifacts → findings)                               contract, util, calendar, config
//   store/     the one source of truth; no business rules                       contract, util, calendar, config
//   reports/   scoring and rendering                                            + calendar, config, store, browser
//   notify/    notifications: channels, outbox, messages                       contract, util, calendar, config, store
//   scheduler/ runs, jobs, the service (wires gather → check → store → report)  every layer but cli/ and demo/
//   dashboard/ web pages; queues work, never crawls or runs it                   contract, util, calendar, config,
//                                                                                 store, reports, imports, notify (reads)
//   demo/      the bundled demo district: the only product module importing fixtures/
//   cli/       `govaudit` commands (wiring only); imported by bin/ alone
//   fixtures/, test/, bench/: not product; product code never imports them (fixtures/ only through demo/).

/** Every top-level folder that holds code, as a path alternative. */
const layers = ['contract', 'util', 'browser', 'calendar', 'config', 'imports', 'crawler', 'checks', 'store', 'reports', 'notify', 'scheduler', 'dashboard', 'demo', 'cli', 'bin', 'fixtures', 'test', 'bench'];
const folders = (names) => `^(${names.join('|')})/`;
const except = (allowed) => folders(layers.filter((l) => !allowed.includes(l)));

/** `name` may import only its own folder and `allowed` (npm packages and node: modules are not layers). */
const only = (name, allowed, comment) => ({
  name: `${name}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
  severity: 'error',
  comment,
  from: { path: `^${name}/` },
  to: { path: except([name, ...allowed]) },
});

/** `name` never imports `banned`. */
const never = (name, banned, comment) => ({
  name: `${name}-never-imports-${banned.join('-')}`,
  severity: 'error',
  comment,
  from: { path: `^${name}/` },
  to: { path: folders(banned) },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle (type-only ones too) means two modules are one; a registry takes its member type from a types file.',
      from: {},
      to: { circular: true },
    },
    only('contract', [], 'The contract is the leaf every layer shares (Lighthouse types/artifacts.d.ts); zod is its only import.'),
    only('util', ['contract'], 'Neutral pure helpers: usable by gathering and judging alike, so they depend on neither.'),
    only('browser', ['util', 'contract'], 'Starting Chromium is shared by the crawler and the PDF renderer and belongs to neither.'),
    only('calendar', ['util', 'contract'], 'Dates and working days are a neutral service of every layer.'),
    only('config', ['contract', 'util'], 'Config is imported by every layer, so it imports none of them (each module\'s settings live under config/).'),
    only('checks', ['contract', 'util', 'calendar', 'config'], 'A check is a pure function of artifacts: no crawler, store, records, reports, scheduler, dashboard or CLI.'),
    only('store', ['contract', 'util', 'calendar', 'config'], 'The store keeps data, never business rules (checks, reports, records, crawler, scheduler).'),
    only('imports', ['contract', 'util', 'calendar', 'config', 'store'], 'Records are parsed and stored, never judged.'),
    only('notify', ['contract', 'util', 'calendar', 'config', 'store'], 'Notifications send what the scheduler hands them; they never gather, judge, score or run jobs.'),
    never('crawler', ['checks', 'reports', 'scheduler', 'dashboard', 'cli', 'demo', 'notify'], 'A gatherer records facts; "broken", "stale", "missing" are decided in checks/.'),
    {
      name: 'crawler-never-writes-the-store',
      severity: 'error',
      comment: 'Gathering may read through the Store type it is handed; the scheduler wires gather → store.',
      from: { path: '^crawler/' },
      to: { path: '^store/', dependencyTypesNot: ['type-only'] },
    },
    never('reports', ['crawler', 'checks', 'imports', 'scheduler', 'dashboard', 'cli', 'demo', 'notify'], 'Scoring and rendering read findings and the store, never gather or judge.'),
    never('scheduler', ['cli', 'demo'], 'The scheduler runs jobs; the CLI wires the scheduler, never the other way.'),
    never('dashboard', ['crawler', 'checks', 'scheduler', 'cli', 'demo', 'browser'], 'The dashboard reads and queues; it never crawls or runs an audit itself.'),
    {
      name: 'only-demo-imports-fixtures',
      severity: 'error',
      comment: 'The fixture sites ship for the demo; product code reaches them only through demo/.',
      from: { pathNot: '^(demo|fixtures|test|bench)/' },
      to: { path: '^fixtures/' },
    },
    only('fixtures', ['util', 'contract', 'config'], 'The fixture server is test scaffolding: it uses neutral helpers only.'),
    {
      name: 'nobody-imports-test',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'nobody-imports-bench',
      severity: 'error',
      from: { pathNot: '^(bench|test)/' },
      to: { path: '^bench/' },
    },
    {
      name: 'only-bin-imports-cli',
      severity: 'error',
      comment: 'The CLI is the entry: nothing below it may load a command.',
      from: { pathNot: '^(cli|bin|test|bench)/' },
      to: { path: '^cli/' },
    },
    {
      name: 'only-cli-imports-demo',
      severity: 'error',
      from: { pathNot: '^(demo|cli|test|bench)/' },
      to: { path: '^demo/' },
    },
    {
      name: 'no-dev-dependencies-in-product',
      severity: 'error',
      comment: 'Product code runs after `npm ci --omit=dev`.',
      from: { pathNot: '^(test|bench)/|\\.config\\.ts$' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing (a typo, or a module moved without its importers).',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|data|bench/peers|\\.git)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.json'],
    },
  },
};
