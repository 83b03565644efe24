// Test support: a temp SQLite store holding three audit runs (2026-10-20, 2026-11-05, 2026-11-20) of four demo
// sites run by three units, scored from hand-made findings with buildScorecard — fast, no crawl. One finding
// carries a hostile page title, to check that every report shows it as text.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../contract/finding.ts';
import type { CheckResult } from '../../contract/check-result.ts';
import { parseConfig } from '../../config/load.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import { buildScorecard } from '../../reports/build-scorecard.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.ts';

export const hostileTitle = `<script>window.__xss=1</script>"><img src=x onerror="window.__xss=2">`;

export const runDates = ['2026-10-20T10:00:00+08:00', '2026-11-05T10:00:00+08:00', '2026-11-20T10:00:00+08:00'];

export function storedRunsConfig(extra: Record<string, unknown> = {}, file = '/tmp/govaudit-test/district.json'): DistrictConfig {
  return parseConfig(
    {
      district: '鲤城区',
      sites: [
        { id: 'portal', name: '鲤城区人民政府门户网站', unit: '鲤城区人民政府办公室', homepage: 'http://www.lc.gov.cn/' },
        { id: 'edu', name: '鲤城区教育局网站', unit: '鲤城区教育局', homepage: 'http://edu.lc.gov.cn/' },
        { id: 'exam', name: '鲤城区招生考试网', unit: '鲤城区教育局', homepage: 'http://zk.lc.gov.cn/' },
        { id: 'market', name: '鲤城区市场监督管理局网站', unit: '鲤城区市场监督管理局', homepage: 'http://scjg.lc.gov.cn/' },
      ],
      ...extra,
    },
    file,
  );
}

const fnd = (siteId: string, check: string, code: string, severity: Finding['severity'], path: string | null, message: string, evidence: Record<string, unknown> = {}): Finding => ({
  check, code, severity, siteId, url: path === null ? null : `http://${hostOf(siteId)}${path}`, message, evidence,
});

function hostOf(siteId: string): string {
  return { portal: 'www.lc.gov.cn', edu: 'edu.lc.gov.cn', exam: 'zk.lc.gov.cn', market: 'scjg.lc.gov.cn' }[siteId] ?? 'x.gov.cn';
}

/** The findings of a site in run `i` (0, 1, 2). */
export function findingsOf(siteId: string, i: number): Finding[] {
  const out: Finding[] = [];
  if (siteId === 'portal') {
    out.push(fnd('portal', 'links', 'link.broken', 'major', '/zwgk/old.htm', '首页链接无法访问（404）', { status: 404, foundOn: ['http://www.lc.gov.cn/'], onHomepage: true }));
    if (i < 2) out.push(fnd('portal', 'links', 'link.broken', 'major', '/bsfw/gone.htm', '首页链接无法访问（404）', { status: 404, foundOn: ['http://www.lc.gov.cn/'], onHomepage: true }));
    if (i >= 1) out.push(fnd('portal', 'links', 'link.timeout', 'minor', '/xxgk/slow.htm', '链接访问超时', { foundOn: ['http://www.lc.gov.cn/xxgk/'], onHomepage: false }));
  }
  if (siteId === 'edu') {
    out.push(fnd('edu', 'privacy', 'privacy.id-number', 'major', '/tzgg/2026/t1.htm', '页面公开了未遮盖的居民身份证号码', { masked: '350502********1234' }));
    out.push(fnd('edu', 'identity', 'identity.missing-site-code', 'minor', '/', '页面底部缺少网站标识码'));
    if (i === 2) out.push(fnd('edu', 'error-reports', 'error-report.unanswered', 'major', null, '网民纠错留言超过2个工作日未答复', { reportId: 'JC2026110001' }));
  }
  if (siteId === 'exam') {
    if (i === 2) out.push(fnd('exam', 'freshness', 'freshness.homepage-stale', 'veto', '/', '首页超过2周未更新（最新信息 2026-10-30）', { newest: '2026-10-30' }));
    out.push(fnd('exam', 'identity', 'identity.missing-icp', 'minor', '/', '页面底部缺少ICP备案编号'));
  }
  if (siteId === 'market') {
    out.push(fnd('market', 'freshness', 'freshness.column-stale', 'minor', '/tzgg/', `栏目“${hostileTitle}”超过6个月未更新`, { column: hostileTitle, kind: 'notice', title: hostileTitle }));
    if (i >= 1) out.push({ ...fnd('market', 'security', 'security.tampered-title', 'veto', '/zwgk/', `页面标题疑似被篡改：${hostileTitle}`, { title: hostileTitle }), review: true });
  }
  return out;
}

const checkIds = ['links', 'privacy', 'identity', 'error-reports', 'freshness', 'security'];

function resultsFor(findings: Finding[]): CheckResult[] {
  return [
    ...checkIds.map((id) => {
      const mine = findings.filter((f) => f.check === id);
      return { id, title: id, status: mine.some((f) => !f.review) ? ('failed' as const) : ('passed' as const), findings: mine };
    }),
    { id: 'accessibility', title: '无障碍', status: 'not-measured' as const, reason: '未找到浏览器', findings: [] },
  ];
}

export interface StoredRuns {
  dir: string;
  config: DistrictConfig;
  store: SqliteStore;
  /** Scorecards by run index, then site id. */
  cards: Map<string, Scorecard>[];
  runIds: string[];
  close(): Promise<void>;
}

/** Builds the store; `runs` limits how many of the three runs are stored. */
export async function makeStoredRuns(opts: { runs?: number; config?: DistrictConfig } = {}): Promise<StoredRuns> {
  const dir = await mkdtemp(join(tmpdir(), 'govaudit-runs-'));
  const config = opts.config ?? storedRunsConfig();
  const store = openSqliteStore(join(dir, 'data'));
  const cards: Map<string, Scorecard>[] = [];
  const runIds: string[] = [];
  for (const [i, at] of runDates.slice(0, opts.runs ?? 3).entries()) {
    const now = new Date(at);
    const runId = `run-${i + 1}`;
    runIds.push(runId);
    await store.createRun({ id: runId, kind: 'audit', asOf: now.toISOString(), startedAt: now.toISOString(), siteIds: config.sites.map((s) => s.id) });
    const map = new Map<string, Scorecard>();
    for (const site of config.sites) {
      const findings = findingsOf(site.id, i);
      const previous = i > 0 ? cards[i - 1].get(site.id) ?? null : null;
      const card = buildScorecard({ runId, site, config, now, results: resultsFor(findings), findings, previous });
      map.set(site.id, card);
      await store.startSiteRun(runId, site.id, now.toISOString());
      await store.saveFindings(runId, site.id, card.findings.map(({ waived: _w, confirmed: _c, indicators: _i, ...f }) => f));
      await store.finishSiteRun({ runId, siteId: site.id, state: 'done', finishedAt: now.toISOString(), score: card.score, verdict: card.verdict, scorecard: card, error: null });
    }
    cards.push(map);
    await store.updateRun(runId, { state: 'done', finishedAt: now.toISOString() });
  }
  return {
    dir,
    config,
    store,
    cards,
    runIds,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
