// The shared Store test suite: every backend (SQLite, PostgreSQL) must pass the same assertions.
import { expect, it } from 'vitest';
import type { LinkTarget, PageArtifact } from '../../contract/artifacts/crawl.ts';
import type { Store, StoredFinding } from '../../store/types.ts';

const finding = (n: number, state: StoredFinding['state'] = 'new'): StoredFinding => ({
  check: 'links', code: 'link.broken', severity: 'minor', siteId: 'portal', url: `http://x/${n}`, message: '链接无法访问',
  evidence: { status: 404, foundOn: ['http://x/'] }, identity: `id${n}`, firstSeen: '2026-11-01T00:00:00.000Z', state,
});

/** Registers the contract tests; `open(reopen)` opens the backend (the same data when reopen is true). */
export function storeContract(open: (reopen: boolean) => Promise<Store>): void {
  it('keeps runs, site runs, findings, pages and records across a reopen', async () => {
    let store = await open(false);
    await store.createRun({ id: 'r1', kind: 'audit', asOf: '2026-11-01T02:00:00.000Z', startedAt: '2026-11-01T02:00:00.000Z', siteIds: ['portal'] });
    await store.startSiteRun('r1', 'portal', '2026-11-01T02:00:00.000Z');
    await store.savePages('r1', 'portal', [
      { url: 'http://x/', finalUrl: 'http://x/', depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'gbk', bytes: 10, fetchedAt: '2026-11-01T02:00:01.000Z', timeMs: 3.4, isHtml: true, title: '鲤城区人民政府', meta: { sitename: '鲤城' }, links: [] },
    ]);
    await store.saveLinkTargets('r1', 'portal', [{ url: 'http://x/404', internal: true, method: 'CRAWL', status: 404, redirects: 0, foundOn: ['http://x/'], onHomepage: true, tags: ['a'] }]);
    await store.saveFindings('r1', 'portal', [finding(1), finding(2)]);
    await store.saveFindings('r1', 'portal', [finding(1), finding(2)]);
    await store.finishSiteRun({ runId: 'r1', siteId: 'portal', state: 'done', finishedAt: '2026-11-01T02:05:00.000Z', score: 99.8, verdict: '合格', scorecard: { score: 99.8 }, error: null });
    await store.updateRun('r1', { state: 'done', finishedAt: '2026-11-01T02:05:00.000Z', summary: { sites: 1 } });
    expect(await store.upsertRecords('error-report', [{ key: 'A1', siteKey: '3505020001', data: { a: 1 }, updatedAt: '2026-11-01T03:00:00.000Z' }])).toEqual({ inserted: 1, updated: 0 });
    expect(
      await store.upsertRecords('error-report', [
        { key: 'A1', siteKey: '3505020001', data: { a: 2 }, updatedAt: '2026-11-01T04:00:00.000Z' },
        { key: 'A1b', siteKey: null, data: {}, updatedAt: '2026-11-01T04:00:00.000Z' },
        { key: 'A0', siteKey: '3505020001', data: { a: 0 }, updatedAt: '2026-11-01T04:00:00.000Z' },
      ]),
    ).toEqual({ inserted: 2, updated: 1 });
    expect(await store.upsertRecords('error-report', [{ key: 'A0', siteKey: '3505020001', data: { a: 0 }, updatedAt: '2026-11-01T05:00:00.000Z' }])).toEqual({ inserted: 0, updated: 0 });
    await store.close();

    store = await open(true);
    const run = await store.getRun('r1');
    expect(run).toMatchObject({ state: 'done', siteIds: ['portal'], summary: { sites: 1 } });
    expect(await store.countPages('r1', 'portal')).toBe(1);
    expect(await store.listFindings('r1')).toEqual([finding(1), finding(2)]);
    expect((await store.listRecords('error-report', { siteKey: '3505020001' })).map((r) => [r.key, r.data])).toEqual([['A0', { a: 0 }], ['A1', { a: 2 }]]);
    expect((await store.listSiteRuns('r1')).map((s) => [s.siteId, s.state, s.score, s.verdict])).toEqual([['portal', 'done', 99.8, '合格']]);

    await store.createRun({ id: 'r2', kind: 'audit', asOf: '2026-11-02T02:00:00.000Z', startedAt: '2026-11-02T02:00:00.000Z', siteIds: ['portal'] });
    const prev = await store.previousSiteRun('portal', { asOf: '2026-11-02T02:00:00.000Z', runId: 'r2' });
    expect(prev?.runId).toBe('r1');
    expect(prev?.scorecard).toEqual({ score: 99.8 });
    expect(await store.previousSiteRun('portal', { asOf: '2026-11-01T02:00:00.000Z', runId: 'r1' })).toBeNull();
    expect((await store.listRuns({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })).map((r) => r.id)).toEqual(['r2', 'r1']);
    expect((await store.siteHistory('portal', 10)).map((s) => s.runId)).toEqual(['r1']);
    await store.close();
  });

  it('keeps probes and named locks, purges old raw data, and creates a run in the state asked for', async () => {
    const store = await open(false);
    try {
      const probe = (siteId: string, at: string, ok: boolean) => ({ siteId, at, url: `http://${siteId}/`, ok, status: ok ? 200 : null, error: ok ? null : 'timeout', timeMs: 12.6 });
      await store.saveProbes([probe('portal', '2026-11-01T00:00:00.000Z', true), probe('edu', '2026-11-01T00:00:00.000Z', false), probe('portal', '2026-11-02T00:00:00.000Z', true), probe('stats', '2026-10-05T00:00:00.000Z', true)]);
      await store.saveProbes([probe('portal', '2026-11-01T00:00:00.000Z', false)]);
      expect(await store.listProbes({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).toEqual([
        { ...probe('edu', '2026-11-01T00:00:00.000Z', false), timeMs: 13 },
        { ...probe('portal', '2026-11-01T00:00:00.000Z', false), timeMs: 13 },
      ]);
      expect((await store.listProbes({ from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', siteId: 'portal' })).map((p) => [p.at, p.ok])).toEqual([
        ['2026-11-01T00:00:00.000Z', false],
        ['2026-11-02T00:00:00.000Z', true],
      ]);

      const lock = (holder: string, at: string) => ({ name: 'audit', holder, pid: 7, host: 'h', runId: null, acquiredAt: at, heartbeatAt: at });
      expect(await store.acquireLock(lock('a', '2026-11-01T00:00:00.000Z'), { staleBefore: '2026-10-31T23:58:00.000Z' })).toBe(true);
      expect(await store.acquireLock(lock('b', '2026-11-01T00:01:00.000Z'), { staleBefore: '2026-10-31T23:59:00.000Z' })).toBe(false);
      expect(await store.heartbeatLock('audit', 'a', '2026-11-01T00:02:00.000Z', 'r9')).toBe(true);
      expect(await store.heartbeatLock('audit', 'b', '2026-11-01T00:02:00.000Z')).toBe(false);
      expect(await store.getLock('audit')).toEqual({ ...lock('a', '2026-11-01T00:00:00.000Z'), runId: 'r9', heartbeatAt: '2026-11-01T00:02:00.000Z' });
      expect(await store.acquireLock(lock('b', '2026-11-01T00:03:00.000Z'), { staleBefore: '2026-11-01T00:01:00.000Z', replace: 'a' })).toBe(true);
      expect(await store.acquireLock(lock('c', '2026-11-01T00:09:00.000Z'), { staleBefore: '2026-11-01T00:04:00.000Z' })).toBe(true);
      expect(await store.releaseLock('audit', 'b')).toBe(false);
      expect(await store.releaseLock('audit', 'c')).toBe(true);
      expect(await store.getLock('audit')).toBeNull();

      expect((await store.createRun({ id: 'q1', kind: 'audit', asOf: '2026-11-03T02:00:00.000Z', startedAt: '2026-10-03T02:00:00.000Z', siteIds: ['portal'], state: 'queued' })).state).toBe('queued');
      await store.createRun({ id: 'old', kind: 'audit', asOf: '2026-10-01T02:00:00.000Z', startedAt: '2026-10-01T02:00:00.000Z', siteIds: ['portal'] });
      await store.savePages('old', 'portal', [
        { url: 'http://x/', finalUrl: 'http://x/', depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 1, fetchedAt: '2026-11-01T02:00:01.000Z', timeMs: 1, isHtml: true, title: 't', meta: {}, links: [] },
      ]);
      // Old delivered and given-up notifications go; an old one still waiting to be sent, and a recent one, stay.
      const note = (id: string, at: string) => ({ id, eventKey: id, channel: 'mail', kind: 'digest', urgent: false, message: { title: id, lines: [] }, createdAt: at, nextAt: at });
      await store.enqueueNotifications([note('sent-old', '2026-10-01T03:00:00.000Z'), note('failed-old', '2026-10-01T03:00:00.000Z'), note('pending-old', '2026-10-01T03:00:00.000Z'), note('sent-new', '2026-10-20T03:00:00.000Z')]);
      for (const [id, state, at] of [['sent-old', 'sent', '2026-10-01T03:00:01.000Z'], ['failed-old', 'failed', '2026-10-01T03:00:01.000Z'], ['sent-new', 'sent', '2026-10-20T03:00:01.000Z']] as const) {
        expect(await store.claimNotification(id, at)).toBe(true);
        await store.settleNotification(id, { state, at });
      }
      expect(await store.purgeRawData('2026-10-15T00:00:00.000Z')).toEqual({ pages: 0, linkTargets: 0, probes: 1, notifications: 2 });
      expect((await store.listNotifications()).map((n) => n.id)).toEqual(['pending-old', 'sent-new']);
      await store.updateRun('old', { state: 'done' });
      expect(await store.purgeRawData('2026-10-15T00:00:00.000Z')).toEqual({ pages: 1, linkTargets: 0, probes: 0, notifications: 0 });
      expect(await store.countPages('old')).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('reads back what a run wrote: findings with their review state, link targets, pages, scores by month', async () => {
    const store = await open(false);
    try {
      await store.createRun({ id: 'm1', kind: 'audit', asOf: '2026-11-03T02:00:00.000Z', startedAt: '2026-11-03T02:00:00.000Z', siteIds: ['portal', 'edu'] });
      await store.createRun({ id: 'm2', kind: 'audit', asOf: '2026-11-20T02:00:00.000Z', startedAt: '2026-11-20T02:00:00.000Z', siteIds: ['portal'] });
      await store.createRun({ id: 'oct', kind: 'audit', asOf: '2026-10-31T15:59:59.000Z', startedAt: '2026-10-31T15:59:59.000Z', siteIds: ['portal'] });
      const waived = { ...finding(3), waived: { reason: '外链由上级单位管理', by: '中心', until: '2026-12-31' }, indicators: ['links.broken'] };
      const confirmed = { ...finding(4), review: true as const, confirmed: { by: '张三' }, indicators: [] };
      const noUrl = { ...finding(5), url: null, code: 'link.a' };
      const upper = { ...finding(6), url: 'http://X/6' };
      await store.saveSiteResult({ runId: 'm1', siteId: 'portal', state: 'done', finishedAt: '2026-11-03T02:10:00.000Z', score: 97.5, verdict: '合格', scorecard: { score: 97.5 }, error: null }, [finding(1), waived, confirmed, noUrl, upper]);
      await store.saveSiteResult({ runId: 'm1', siteId: 'edu', state: 'failed', finishedAt: '2026-11-03T02:11:00.000Z', score: null, verdict: null, scorecard: null, error: 'homepage unreachable' }, []);
      await store.saveSiteResult({ runId: 'm2', siteId: 'portal', state: 'done', finishedAt: '2026-11-20T02:10:00.000Z', score: 88, verdict: '不合格', scorecard: { score: 88 }, error: null }, [finding(1, 'persisting')]);
      await store.saveSiteResult({ runId: 'oct', siteId: 'portal', state: 'done', finishedAt: '2026-10-31T16:10:00.000Z', score: 70, verdict: '不合格', scorecard: { score: 70 }, error: null }, []);
      for (const id of ['m1', 'm2', 'oct']) await store.updateRun(id, { state: 'done' });

      // the stored findings are the scorecard's, review state included; ordered by code point (upper case first), a null URL first
      expect(await store.listFindings('m1', 'portal')).toEqual([noUrl, upper, finding(1), waived, confirmed]);
      expect(await store.getSiteRun('m1', 'portal')).toMatchObject({ state: 'done', score: 97.5, verdict: '合格', scorecard: { score: 97.5 } });
      // a review changes a finding's status: the site run is re-scored in one step, findings and score together
      await store.saveSiteResult({ runId: 'm1', siteId: 'portal', state: 'done', finishedAt: '2026-11-03T02:10:00.000Z', score: 99, verdict: '合格', scorecard: { score: 99 }, error: null }, [finding(1), waived]);
      expect((await store.listFindings('m1')).map((f) => f.identity)).toEqual(['id1', 'id3']);
      expect((await store.getSiteRun('m1', 'portal'))?.score).toBe(99);

      // the bulletin's question: site runs of the month's runs, newest first
      const month = await store.listSiteRunsBetween({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z', runStates: ['done', 'interrupted'] });
      expect(month.map((s) => [s.runId, s.siteId, s.state, s.score, s.verdict, s.asOf])).toEqual([
        ['m2', 'portal', 'done', 88, '不合格', '2026-11-20T02:00:00.000Z'],
        ['m1', 'edu', 'failed', null, null, '2026-11-03T02:00:00.000Z'],
        ['m1', 'portal', 'done', 99, '合格', '2026-11-03T02:00:00.000Z'],
      ]);
      expect((await store.listSiteRunsBetween({ from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', state: 'done' })).map((s) => s.runId)).toEqual(['m2', 'm1', 'oct']);
      expect(await store.listSiteRunsBetween({ from: '2026-10-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', runStates: ['running'] })).toEqual([]);

      // link targets read back whole, as the links check saw them
      const targets: LinkTarget[] = [
        { url: 'http://x/ok', internal: true, method: 'CRAWL', status: 200, redirects: 0, foundOn: [], onHomepage: false, tags: ['a'] },
        { url: 'http://x/gone', internal: true, method: 'HEAD', status: 404, redirects: 1, finalUrl: 'http://x/gone/', foundOn: ['http://x/', 'http://x/a'], onHomepage: true, tags: ['a', 'img'] },
        { url: 'http://ext/slow', internal: false, method: 'GET', status: null, error: 'timeout', errorMessage: 'no answer in 15 s', redirects: 0, foundOn: ['http://x/'], onHomepage: true, tags: ['a'] },
        { url: 'http://x/soft', internal: true, method: 'GET', status: 200, redirects: 0, soft404Signals: { text: { phrase: '页面不存在', otherChars: 12 }, likeMissingPage: { lengthRatio: 0.98, similarity: 0.93 } }, foundOn: ['http://x/'], onHomepage: false, tags: ['a'] },
        { url: 'http://x/busy', internal: true, method: 'HEAD', status: 429, redirects: 0, rateLimited: { status: 429, retryAfterMs: 3_600_000, why: 'wait-over-cap' }, foundOn: ['http://x/'], onHomepage: true, tags: ['a'] },
        { url: 'mailto:a@x', internal: false, method: 'GET', status: null, redirects: 0, foundOn: [], onHomepage: false, tags: ['a'], skipped: 'non-http scheme' },
      ];
      await store.saveLinkTargets('m1', 'portal', targets);
      expect(await store.listLinkTargets('m1', 'portal')).toEqual([...targets].sort((a, b) => (a.url < b.url ? -1 : 1)));
      expect(await store.listLinkTargets('m1', 'edu')).toEqual([]);

      // pages: raw data of the crawl; a page saved twice in one call keeps its last version
      const p = (url: string, title: string): PageArtifact => ({
        url, finalUrl: url, depth: 1, status: 200, redirects: [], contentType: 'text/html', charset: 'gbk', bytes: 10, fetchedAt: '2026-11-03T10:00:00+08:00',
        timeMs: 2.6, isHtml: true, title, meta: { sitename: '鲤城' }, links: [],
      });
      await store.savePages('m1', 'portal', [p('http://x/b', '旧'), p('http://x/a', '甲'), p('http://x/b', '乙')]);
      expect(await store.listPages('m1', 'portal')).toEqual([
        { url: 'http://x/a', finalUrl: 'http://x/a', status: 200, error: null, contentType: 'text/html', charset: 'gbk', title: '甲', meta: { sitename: '鲤城' }, depth: 1, bytes: 10, timeMs: 3, fetchedAt: '2026-11-03T02:00:00.000Z' },
        { url: 'http://x/b', finalUrl: 'http://x/b', status: 200, error: null, contentType: 'text/html', charset: 'gbk', title: '乙', meta: { sitename: '鲤城' }, depth: 1, bytes: 10, timeMs: 3, fetchedAt: '2026-11-03T02:00:00.000Z' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps hostile text, compares records as JSON values, refuses a time that is not one', async () => {
    const store = await open(false);
    try {
      await store.createRun({ id: 'h1', kind: 'audit', asOf: '2026-11-01T10:00:00+08:00', startedAt: '2026-11-01T02:00:00Z', siteIds: ['portal'] });
      // times are kept as instants and returned as UTC ISO text, whatever offset they came with
      expect(await store.getRun('h1')).toMatchObject({ asOf: '2026-11-01T02:00:00.000Z', startedAt: '2026-11-01T02:00:00.000Z', finishedAt: null, summary: null });
      await expect(store.createRun({ id: 'h2', kind: 'audit', asOf: 'yesterday', startedAt: '2026-11-01T02:00:00Z', siteIds: [] })).rejects.toThrow(/"yesterday" is not a time/);
      expect(await store.getRun('h2')).toBeNull();

      // a NUL character (PostgreSQL keeps none) is saved as U+FFFD, in text and in JSON; a literal "\u0000" stays
      await store.savePages('h1', 'portal', [
        { url: 'http://x/\0', finalUrl: 'http://x/\0', depth: 0, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: 1, fetchedAt: '', timeMs: 1, isHtml: true, title: 'a\0b', meta: { 'k': 'v\0', raw: '\\u0000' }, links: [] },
      ]);
      expect(await store.listPages('h1', 'portal')).toMatchObject([{ url: 'http://x/\uFFFD', title: 'a\uFFFDb', meta: { k: 'v\uFFFD', raw: '\\u0000' }, fetchedAt: null }]);
      await store.saveFindings('h1', 'portal', [{ ...finding(1), message: '标题含\0字符', evidence: { title: 'a\0b', list: ['\0'] } }]);
      expect(await store.listFindings('h1')).toMatchObject([{ message: '标题含\uFFFD字符', evidence: { title: 'a\uFFFDb', list: ['\uFFFD'] } }]);

      // records: the same data with its keys in another order is no update; a changed site key is one
      const rec = (data: unknown, siteKey: string | null = 's1') => [{ key: 'k', siteKey, data, updatedAt: '2026-11-01T00:00:00.000Z' }];
      expect(await store.upsertRecords('t', rec({ a: 1, b: [1, { c: 'x\0' }] }))).toEqual({ inserted: 1, updated: 0 });
      expect(await store.upsertRecords('t', rec({ b: [1, { c: 'x\uFFFD' }], a: 1 }))).toEqual({ inserted: 0, updated: 0 });
      expect(await store.upsertRecords('t', rec({ b: [1, { c: 'x\uFFFD' }], a: 1 }, 's2'))).toEqual({ inserted: 0, updated: 1 });
      expect(await store.upsertRecords('t', rec({ a: 1, b: [{ c: 'x\uFFFD' }, 1] }, 's2'))).toEqual({ inserted: 0, updated: 1 });
      expect(await store.listRecords('t', { siteKey: 's2' })).toEqual([{ key: 'k', siteKey: 's2', data: { a: 1, b: [{ c: 'x\uFFFD' }, 1] }, updatedAt: '2026-11-01T00:00:00.000Z' }]);
      // a JSON string, number or null is a value like any other
      expect(await store.upsertRecords('scalar', [
        { key: 'str', siteKey: null, data: '"quoted"', updatedAt: '2026-11-01T00:00:00.000Z' },
        { key: 'num', siteKey: null, data: 0, updatedAt: '2026-11-01T00:00:00.000Z' },
        { key: 'nul', siteKey: null, data: null, updatedAt: '2026-11-01T00:00:00.000Z' },
      ])).toEqual({ inserted: 3, updated: 0 });
      expect((await store.listRecords('scalar')).map((r) => [r.key, r.data])).toEqual([['nul', null], ['num', 0], ['str', '"quoted"']]);
      // keys order by code point in both stores (upper case before lower case)
      await store.upsertRecords('order', ['b', 'B', 'a', 'A', '_', '中'].map((key) => ({ key, siteKey: null, data: {}, updatedAt: '2026-11-01T00:00:00.000Z' })));
      expect((await store.listRecords('order')).map((r) => r.key)).toEqual(['A', 'B', '_', 'a', 'b', '中']);
    } finally {
      await store.close();
    }
  });

  it('writes a large crawl in one go and replaces what a re-run of the site writes again', async () => {
    const store = await open(false);
    try {
      await store.createRun({ id: 'big', kind: 'audit', asOf: '2026-11-01T02:00:00.000Z', startedAt: '2026-11-01T02:00:00.000Z', siteIds: ['portal'] });
      const target = (i: number, status: number): LinkTarget => ({ url: `http://x/${String(i).padStart(5, '0')}`, internal: true, method: 'CRAWL', status, redirects: 0, foundOn: [], onHomepage: i < 10, tags: ['a'] });
      await store.saveLinkTargets('big', 'portal', Array.from({ length: 2_600 }, (_, i) => target(i, 200)));
      await store.saveLinkTargets('big', 'portal', Array.from({ length: 1_200 }, (_, i) => target(i * 2, 404)));
      const stored = await store.listLinkTargets('big', 'portal');
      expect(stored).toHaveLength(2_600);
      expect(stored.filter((t) => t.status === 404).map((t) => t.url)).toEqual(Array.from({ length: 1_200 }, (_, i) => target(i * 2, 404).url));
      expect(stored.filter((t) => t.onHomepage)).toHaveLength(10);
      const many = Array.from({ length: 1_500 }, (_, i) => finding(i));
      await store.saveFindings('big', 'portal', many);
      await store.saveFindings('big', 'portal', many.slice(0, 3));
      expect((await store.listFindings('big', 'portal')).map((f) => f.identity)).toEqual(['id0', 'id1', 'id2']);
      // of two findings with one identity in a call, the later is kept (in both stores)
      await store.saveFindings('big', 'portal', [finding(7), { ...finding(7), message: '后一条' }]);
      expect((await store.listFindings('big', 'portal')).map((f) => [f.identity, f.message])).toEqual([['id7', '后一条']]);
      await store.saveProbes([
        { siteId: 'portal', at: '2026-11-01T08:00:00+08:00', url: 'http://x/', ok: false, status: 503, error: null, timeMs: 5 },
        { siteId: 'portal', at: '2026-11-01T00:00:00.000Z', url: 'http://x/', ok: true, status: 200, error: null, timeMs: 6 },
      ]);
      expect(await store.listProbes({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).toEqual([
        { siteId: 'portal', at: '2026-11-01T00:00:00.000Z', url: 'http://x/', ok: true, status: 200, error: null, timeMs: 6 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps the incremental crawl\'s page cache and link checks per site, upserting by URL, across a reopen', async () => {
    let store = await open(false);
    const row = (url: string, n: number) => ({
      siteId: 'portal', url, etag: n % 2 ? `"e${n}"` : null, lastModified: n % 2 ? null : 'Mon, 30 Nov 2026 08:00:00 GMT', contentHash: `h${n}`, fetchedAt: `2026-12-0${n}T18:00:00.000Z`, payload: `p${n}`.repeat(1000),
    });
    await store.savePageCache([row('http://x/b', 1), row('http://x/a', 2), { ...row('http://x/a', 2), siteId: 'edu' }]);
    // an upsert replaces validators, hash, time and payload; the same URL twice in one call keeps the last
    await store.savePageCache([row('http://x/b', 3), row('http://x/中文\0', 4), row('http://x/b', 5)]);
    await store.saveLinkChecks([
      { siteId: 'portal', url: 'http://x/logo.png', checkedAt: '2026-12-01T18:00:00.000Z', healthy: true, outcome: { method: 'HEAD', status: 200, finalUrl: 'http://x/logo.png', redirects: 0 } },
      { siteId: 'portal', url: 'http://x/gone.png', checkedAt: '2026-12-01T18:00:00.000Z', healthy: false, outcome: { method: 'GET', status: 404, finalUrl: 'http://x/gone.png', redirects: 0 } },
    ]);
    await store.saveLinkChecks([{ siteId: 'portal', url: 'http://x/gone.png', checkedAt: '2026-12-02T18:00:00.000Z', healthy: true, outcome: { method: 'HEAD', status: 200, finalUrl: 'http://x/gone.png', redirects: 0 } }]);
    await store.close();

    store = await open(true);
    try {
      const { payload: _a, ...a } = row('http://x/a', 2);
      const { payload: _b, ...b } = row('http://x/b', 5);
      const { payload: _c, ...c } = { ...row('http://x/中文\uFFFD', 4) };
      expect(await store.listPageCache('portal')).toEqual([a, b, c]);
      expect(await store.listPageCache('edu')).toEqual([{ ...a, siteId: 'edu' }]);
      expect(await store.listPageCache('none')).toEqual([]);
      expect(await store.getPageCache('portal', 'http://x/b')).toEqual(row('http://x/b', 5));
      expect(await store.getPageCache('portal', 'http://x/missing')).toBeNull();
      expect(await store.listLinkChecks('portal')).toEqual([
        { siteId: 'portal', url: 'http://x/gone.png', checkedAt: '2026-12-02T18:00:00.000Z', healthy: true, outcome: { method: 'HEAD', status: 200, finalUrl: 'http://x/gone.png', redirects: 0 } },
        { siteId: 'portal', url: 'http://x/logo.png', checkedAt: '2026-12-01T18:00:00.000Z', healthy: true, outcome: { method: 'HEAD', status: 200, finalUrl: 'http://x/logo.png', redirects: 0 } },
      ]);
      expect(await store.listLinkChecks('edu')).toEqual([]);
      await store.deleteCrawlCache('portal', { pages: ['http://x/a', 'http://x/none'], links: ['http://x/gone.png'] });
      expect((await store.listPageCache('portal')).map((r) => r.url)).toEqual(['http://x/b', 'http://x/中文\uFFFD']);
      expect((await store.listPageCache('edu')).map((r) => r.url)).toEqual(['http://x/a']);
      expect((await store.listLinkChecks('portal')).map((r) => r.url)).toEqual(['http://x/logo.png']);
    } finally {
      await store.close();
    }
  });
}

