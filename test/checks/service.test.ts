// The service check on hand-made search artifacts: no form, a search that finds the article, one that does not,
// one that fails, and a form that could not be tried (shown for review, not passed silently).
import { describe, expect, it } from 'vitest';
import { service } from '../../checks/service.ts';
import type { SearchArtifact } from '../../contract/artifacts/search.ts';
import { findingsOf, HOME, securitySetup, u } from './security/support.ts';
import { page } from './content/support.ts';

const form = { pageUrl: HOME, action: u('/search/'), method: 'get' as const, field: 'q', fixed: {}, why: 'field q' };
const target = { title: '关于做好冬季防火工作的通知', url: u('/tzgg/a.htm'), date: '2026-11-18', source: 'meta' as const };
const attempt = { query: target.title, requestUrl: `${u('/search/')}?q=x`, status: 200, finalUrl: `${u('/search/')}?q=x`, resultLinks: [u('/tzgg/a.htm')], linksToTarget: true };

function run(search: Partial<SearchArtifact>) {
  const { ctx, artifacts } = securitySetup();
  return findingsOf(service.run({ ...artifacts([page('/')]), search: { homepage: HOME, lookedAt: [HOME], form, target, attempt, ...search } }, ctx));
}

describe('service: site search', () => {
  it('passes when searching for a recent article finds it', () => {
    expect(run({})).toEqual([]);
  });

  it('reports a site without a search form', () => {
    const f = run({ form: null, target: null, attempt: null });
    expect(f.map((x) => [x.code, x.url, x.severity, x.review])).toEqual([['service.no-search', HOME, 'minor', undefined]]);
  });

  it('does not call a search missing on a homepage it could not read: not measured, with why', () => {
    const { ctx, artifacts } = securitySetup();
    const down = { ...page('/'), status: 503 };
    const out = service.run({ ...artifacts([down]), search: { homepage: HOME, lookedAt: [HOME], form: null, target: null, attempt: null } }, ctx);
    expect(out).toMatchObject({ findings: [], notMeasured: '首页无法正常访问（HTTP 503），无法查找站内搜索，未检测' });
  });

  it('reports a search that does not return the article, with the query and the result page', () => {
    const f = run({ attempt: { ...attempt, resultLinks: [], linksToTarget: false } });
    expect(f.map((x) => x.code)).toEqual(['service.search-broken']);
    expect(f[0].evidence).toMatchObject({ query: target.title, resultUrl: attempt.requestUrl, articleUrl: target.url, resultLinks: 0 });
    expect(f[0].review).toBeUndefined();
  });

  it('reports a search page that errors', () => {
    const f = run({ attempt: { ...attempt, status: 500, linksToTarget: false } });
    expect(f[0].message).toContain('HTTP 500');
  });

  it('marks a form it could not try for review instead of passing it', () => {
    const f = run({ form: { ...form, method: 'post' }, attempt: null, skipped: '搜索表单以POST方式提交' });
    expect(f.map((x) => [x.code, x.review])).toEqual([['service.search-broken', true]]);
  });
});
