// Review decisions as a YAML file: `govaudit review export` writes every stored decision (who, when, why, the finding
// identity and the dismissed evidence's hash); importing the file into a fresh store gives the same decisions, on
// SQLite and PostgreSQL; the same file twice adds nothing; a bad file names its line and writes nothing (not even
// the good entries before it); the import is in the audit log under --as; the config's own lists move in once.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { parseConfig } from '../../config/load.ts';
import { parseReviewFile, ReviewImportError, reviewFileText } from '../../reports/review-file.ts';
import { importReviewFile } from '../../reports/review-store.ts';
import { openPostgresStore } from '../../store/postgres.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { ReviewDecisionRecord, Store } from '../../store/types.ts';
import { postgresAvailability, scratchSchema, testDatabaseUrl } from '../support/postgres.ts';
import { makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';

const config = parseConfig(
  {
    district: '鲤城区',
    sites: [
      { id: 'portal', name: '鲤城区人民政府门户网站', unit: '鲤城区人民政府办公室', homepage: 'http://www.lc.gov.cn/' },
      { id: 'edu', name: '鲤城区教育局网站', unit: '鲤城区教育局', homepage: 'http://edu.lc.gov.cn/' },
    ],
  },
  '/tmp/govaudit-test/district.json',
);

const decisions: ReviewDecisionRecord[] = [
  { siteId: 'edu', identity: '0123456789abcdef', kind: 'confirm', by: '李复核', at: '2026-12-01T01:02:03.004Z', reason: '已核实：身份证号码未遮盖', until: null, evidenceHash: null },
  { siteId: 'edu', identity: '1111222233334444', kind: 'confirm', by: '李复核', at: '2026-12-01T02:00:00.000Z', reason: null, until: null, evidenceHash: null },
  { siteId: 'portal', identity: 'aaaabbbbccccdddd', kind: 'waive', by: '王主任', at: '2026-12-02T03:00:00.000Z', reason: '外链由上级单位管理：\n见 2026 年第 3 号函 # 非注释', until: '2027-01-31', evidenceHash: null },
  { siteId: 'portal', identity: 'fedcba9876543210', kind: 'dismiss', by: '李复核', at: '2026-12-03T04:00:00.000Z', reason: "误报: 'yes' - no", until: null, evidenceHash: '0f0f0f0f0f0f0f0f' },
];

const counts = async (store: Store) => ({ decisions: (await store.listReviewDecisions()).length, audit: (await store.listAudit()).length });

function roundTrip(name: string, open: () => Promise<{ a: Store; b: Store; close: () => Promise<void> }>, skip = false) {
  describe.skipIf(skip)(`review file round trip (${name})`, () => {
    let a: Store;
    let b: Store;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ a, b, close } = await open());
      for (const d of decisions) await a.saveReviewDecision(d);
    }, 60_000);
    afterAll(() => close?.());

    it('export then import into a fresh store gives equal decisions; the same file twice adds nothing', async () => {
      const text = reviewFileText(await a.listReviewDecisions(), new Date('2026-12-07T08:00:00Z'));
      const first = await importReviewFile(b, config, parseReviewFile(text, 'decisions.yaml'), { actor: 'admin', now: new Date('2026-12-07T08:00:00Z'), source: 'decisions.yaml' });
      expect([first.inserted, first.updated, first.unchanged]).toEqual([4, 0, 0]);
      expect(await b.listReviewDecisions()).toEqual(await a.listReviewDecisions());
      const again = await importReviewFile(b, config, parseReviewFile(text, 'decisions.yaml'), { actor: 'admin', now: new Date('2026-12-07T08:05:00Z'), source: 'decisions.yaml' });
      expect([again.inserted, again.updated, again.unchanged]).toEqual([0, 0, 4]);
      expect(await b.listReviewDecisions()).toEqual(await a.listReviewDecisions());
      const log = await b.listAudit();
      expect(log.map((e) => [e.actor, e.action, e.target, e.detail?.inserted, e.detail?.unchanged])).toEqual([
        ['admin', 'review.import', 'decisions.yaml', 0, 4],
        ['admin', 'review.import', 'decisions.yaml', 4, 0],
      ]);
    });

    it('a write failing inside the import rolls back the decisions written before it', async () => {
      const before = await b.listReviewDecisions();
      const auditBefore = await b.listAudit();
      const fresh: ReviewDecisionRecord = { siteId: 'edu', identity: '7777777777777777', kind: 'confirm', by: '甲', at: '2026-12-07T09:00:00.000Z', reason: null, until: null, evidenceHash: null };
      const changed: ReviewDecisionRecord = { ...decisions[0], reason: '改过的说明' };
      // The audit entry reuses an existing id: its insert fails after both decisions were written.
      await expect(b.importReviewDecisions([fresh, changed], () => ({ ...auditBefore[0] }))).rejects.toThrow();
      expect(await b.listReviewDecisions()).toEqual(before);
      expect(await b.listAudit()).toEqual(auditBefore);
    });

    it('a bad entry after good ones: the error names its line, and nothing is written', async () => {
      const before = await counts(b);
      const text = [
        'waivers:',
        '  - identity: 9999888877776666',
        '    siteId: edu',
        '    by: 王主任',
        '    reason: 新的豁免',
        '    until: 2027-03-01',
        '  - identity: 5555444433332222',
        '    siteId: edu',
        '    by: 王主任',
        '    reason: 日期写错',
        '    until: 2027-02-30',
      ].join('\n');
      expect(() => parseReviewFile(text, 'bad.yaml')).toThrow(new ReviewImportError('bad.yaml:11: waivers.1.until: Invalid ISO date'));
      // A valid file naming a site the district does not have: refused before the transaction.
      const unknown = 'confirmations:\n  - identity: 9999888877776666\n    siteId: edu\n    by: 甲\n  - identity: 9999888877776667\n    siteId: nosuch\n    by: 乙\n';
      await expect(importReviewFile(b, config, parseReviewFile(unknown, 'u.yaml'), { actor: 'admin', now: new Date(), source: 'u.yaml' })).rejects.toThrow('u.yaml:5: siteId "nosuch" is not a site of 鲤城区');
      expect(await counts(b)).toEqual(before);
    });
  });
}

roundTrip('SQLite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-review-io-'));
  const a = openSqliteStore(join(dir, 'a'));
  const b = openSqliteStore(join(dir, 'b'));
  return { a, b, close: async () => (await a.close(), await b.close(), await rm(dir, { recursive: true, force: true })) };
});

const pgSkip = postgresAvailability().skip;
roundTrip(
  'PostgreSQL',
  async () => {
    const sa = scratchSchema('review_io_a');
    const sb = scratchSchema('review_io_b');
    const a = await openPostgresStore(testDatabaseUrl!, { schema: sa.schema });
    const b = await openPostgresStore(testDatabaseUrl!, { schema: sb.schema });
    return { a, b, close: async () => (await a.close(), await b.close(), await sa.drop(), await sb.drop()) };
  },
  pgSkip,
);

describe('malformed review files', () => {
  const bad: [string, string][] = [
    ['waivers:\n  - identity: 0123456789abcdef\n    by: 甲\n   reason: 缩进错了\n', 'bad.yaml:4: not valid YAML'],
    ['confirmations:\n  - identity: XYZ\n    by: 甲\n', 'bad.yaml:2: confirmations.0.identity: a finding identity: 16 hex digits, as shown on the scorecard'],
    ['confirmations:\n  - identity: 0123456789abcdef\n    by: 甲\n    untill: 2027-01-01\n', 'bad.yaml:4: confirmations.0: Unrecognized key: "untill"'],
    ['dismissals:\n  - identity: 0123456789abcdef\n    by: 甲\n    reason: 误报\n', 'bad.yaml:2: dismissals.0.evidenceHash: Invalid input: expected string, received undefined'],
    ['waiver:\n  - {}\n', 'bad.yaml:1: file: Unrecognized key: "waiver"'],
    ['- identity: 0123456789abcdef\n', 'bad.yaml:1: expected the keys confirmations, waivers and dismissals'],
  ];
  it.each(bad)('%j is refused with its line', (text, message) => {
    expect(() => parseReviewFile(text, 'bad.yaml')).toThrow(message);
  });
});

const run = runCli;

describe('govaudit review export / import', () => {
  let s: StoredRuns;
  let cfg: string;
  let data: string;
  let eduId: string;
  let marketVeto: string;
  beforeAll(async () => {
    s = await makeStoredRuns();
    data = join(s.dir, 'data');
    eduId = s.cards[2].get('edu')!.findings.find((f) => f.code === 'privacy.id-number')!.identity;
    marketVeto = s.cards[2].get('market')!.findings.find((f) => f.code === 'security.tampered-title')!.identity;
    cfg = join(s.dir, 'district.json');
    await writeFile(
      cfg,
      JSON.stringify({
        district: '鲤城区',
        sites: s.config.sites.map(({ id, name, unit, homepage }) => ({ id, name, unit, homepage })),
        // The config's old shape: no siteId, no date.
        confirmations: [{ identity: marketVeto, by: '李复核', note: '已核实标题被篡改' }],
        waivers: [{ identity: eduId, by: '王主任', reason: '已报上级单位处理', until: '2027-01-31' }],
      }),
    );
  }, 60_000);
  afterAll(() => s?.close());

  it('moves the config lists in once (finding each site), exports them, and a bad file writes nothing', async () => {
    expect((await run(['review', 'import', '--from-config', '--config', cfg, '--data', data])).err).toBe('govaudit review: import: --as USER is required (who is importing, for the audit log)\n');
    const moved = await run(['review', 'import', '--from-config', '--as', 'admin', '--config', cfg, '--data', data, '--now', '2026-12-07T10:00:00+08:00']);
    expect([moved.code, moved.out]).toEqual([0, '已导入复核结论 2 条：新增 2，更新 0，未变 0；已重新计分：edu、market\n']);
    expect((await s.store.listReviewDecisions()).map((d) => [d.siteId, d.kind, d.by, d.at, d.reason, d.until])).toEqual([
      ['edu', 'waive', '王主任', '2026-12-07T02:00:00.000Z', '已报上级单位处理', '2027-01-31'],
      ['market', 'confirm', '李复核', '2026-12-07T02:00:00.000Z', '已核实标题被篡改', null],
    ]);
    // The confirmed veto makes the market site fail in its stored latest run.
    expect((await s.store.siteHistory('market', 1))[0].verdict).toBe('不合格');
    const again = await run(['review', 'import', '--from-config', '--as', 'admin', '--config', cfg, '--data', data]);
    expect(again.out).toBe('已导入复核结论 2 条：新增 0，更新 0，未变 2\n');

    const out = join(s.dir, 'decisions.yaml');
    const exported = await run(['review', 'export', '--out', out, '--config', cfg, '--data', data, '--now', '2026-12-07T10:00:00+08:00']);
    expect(exported.code).toBe(0);
    const text = await readFile(out, 'utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(['# govaudit review decisions, exported 2026-12-07T02:00:00.000Z', '# Load into a store with: govaudit review import FILE --as USER (idempotent; all entries or none).']);
    expect(parseReviewFile(text, out).map(({ line: _l, ...d }) => d)).toEqual([
      { kind: 'confirm', identity: marketVeto, siteId: 'market', by: '李复核', at: '2026-12-07T02:00:00.000Z', reason: '已核实标题被篡改', until: null, evidenceHash: null },
      { kind: 'waive', identity: eduId, siteId: 'edu', by: '王主任', at: '2026-12-07T02:00:00.000Z', reason: '已报上级单位处理', until: '2027-01-31', evidenceHash: null },
    ]);
    const same = await run(['review', 'import', out, '--as', 'admin', '--config', cfg, '--data', data]);
    expect(same.out).toBe('已导入复核结论 2 条：新增 0，更新 0，未变 2\n');

    const before = [await s.store.listReviewDecisions(), (await s.store.listAudit()).length] as const;
    const broken = join(s.dir, 'broken.yaml');
    await writeFile(broken, `${text.replace('until: 2027-01-31', 'until: 2027-01-31\n    extra: 1')}`);
    const refused = await run(['review', 'import', broken, '--as', 'admin', '--config', cfg, '--data', data]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^govaudit review: .*broken\.yaml:\d+: waivers\.0: Unrecognized key: "extra"/);
    expect([await s.store.listReviewDecisions(), (await s.store.listAudit()).length]).toEqual(before);
    expect((await s.store.listAudit()).filter((e) => e.action === 'review.import').map((e) => e.actor)).toEqual(['admin', 'admin', 'admin']);
  });
});
