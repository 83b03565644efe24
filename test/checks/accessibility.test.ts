// The accessibility check on hand-made artifacts: axe violations per page with severity from impact, "incomplete"
// as review findings, WCAG/GB/T mapping in the evidence, Lighthouse threshold, the homepage's elderly-friendly
// rules, and "not measured" when the browser saw nothing — never a pass.
import { describe, expect, it } from 'vitest';
import axeCore from 'axe-core';
import type { SiteArtifacts, CheckContext } from '../../checks/types.ts';
import { accessibility } from '../../checks/accessibility.ts';
import { a11yMapping, axeTagsSource, wcagCriteria, wcagFromTags } from '../../checks/accessibility.mapping.ts';
import { runChecks } from '../../checks/runner.ts';
import { parseConfig } from '../../config/load.ts';
import type { A11yPage, AccessibilityArtifact, AxeRuleResult, HomepageProbe } from '../../contract/artifacts/accessibility.ts';

const home = 'http://www.x.gov.cn/';
const config = parseConfig({ district: 'd', sites: [{ id: 's', name: 'n', unit: 'u', homepage: home }] }, '/d.json');
const ctx = { now: new Date('2026-11-20T02:00:00Z'), timezone: 'Asia/Shanghai', config, site: config.sites[0], calendar: {} } as unknown as CheckContext;

const rule = (id: string, impact: AxeRuleResult['impact'], tags: string[], nodes = 1): AxeRuleResult => ({
  id,
  impact,
  help: `${id} 帮助`,
  description: `${id} 说明`,
  helpUrl: `https://dequeuniversity.com/rules/axe/4.14/${id}`,
  tags,
  nodes: Array.from({ length: Math.min(nodes, 10) }, (_, i) => ({ target: [`#e${i}`], html: `<x id="e${i}">`, failureSummary: '修复以下任一问题' })),
  nodeCount: nodes,
});
const page = (url: string, extra: Partial<A11yPage> = {}): A11yPage => ({ url, kind: 'article', status: 200, violations: [], incomplete: [], timeMs: 5, ...extra });
const cleanProbe: HomepageProbe = { modeEntries: [{ text: '无障碍浏览', href: `${home}wza/`, selector: '#wza' }], floatingLayers: [], smallText: [], smallTextCount: 0, minFontPx: 12 };

function artifact(extra: Partial<AccessibilityArtifact> = {}): AccessibilityArtifact {
  return {
    axeVersion: '4.14.1',
    locale: 'zh_CN',
    tags: ['wcag2a', 'wcag2aa'],
    pages: [page(home, { kind: 'homepage' })],
    homepage: cleanProbe,
    lighthouse: { url: home, score: 100, version: '12.2.3', failedAudits: [], timeMs: 3000 },
    browserRestarts: 0,
    browserVersion: 'Chrome/131',
    ...extra,
  };
}
const run = (a: AccessibilityArtifact) => runChecks([accessibility], { site: config.sites[0], unavailable: {}, accessibility: a }, ctx)[0];
const summary = (r: ReturnType<typeof run>) => r.findings.map((f) => [f.code, f.url, f.severity, f.review ?? false]);

describe('accessibility check', () => {
  it('passes a clean site and reports its metrics', () => {
    const r = run(artifact({ pages: [page(home, { kind: 'homepage' }), page(`${home}a.htm`)] }));
    expect(r.status).toBe('passed');
    expect(r.findings).toEqual([]);
    expect(r.metrics).toMatchObject({
      pagesPlanned: 2,
      pagesChecked: 2,
      pagesFailed: [],
      violationsByImpact: { critical: 0, serious: 0, moderate: 0, minor: 0 },
      rulesViolated: [],
      needsReview: 0,
      lighthouseScore: 100,
      accessibleModeEntry: true,
      floatingLayers: 0,
      smallTextCount: 0,
    });
  });

  it('turns each violated rule on each page into a11y.<rule>, severity from impact', () => {
    const r = run(
      artifact({
        pages: [
          page(home, { kind: 'homepage', violations: [rule('color-contrast', 'serious', ['wcag2aa', 'wcag143'], 3)] }),
          page(`${home}a.htm`, { violations: [rule('image-alt', 'critical', ['wcag2a', 'wcag111']), rule('color-contrast', 'serious', ['wcag2aa', 'wcag143'])] }),
          page(`${home}b.htm`, { violations: [rule('meta-viewport', 'moderate', ['wcag2aa', 'wcag144']), rule('some-minor', 'minor', ['wcag2a'])] }),
        ],
      }),
    );
    expect(r.status).toBe('failed');
    expect(summary(r)).toEqual([
      ['a11y.color-contrast', home, 'major', false],
      ['a11y.color-contrast', `${home}a.htm`, 'major', false],
      ['a11y.image-alt', `${home}a.htm`, 'major', false],
      ['a11y.meta-viewport', `${home}b.htm`, 'minor', false],
      ['a11y.some-minor', `${home}b.htm`, 'info', false],
    ]);
    expect(r.metrics).toMatchObject({ violationsByImpact: { critical: 1, serious: 2, moderate: 1, minor: 1 }, violationNodes: 7, rulesViolated: ['color-contrast', 'image-alt', 'meta-viewport', 'some-minor'] });
  });

  it('puts selectors, the HTML snippet, how to fix, WCAG criteria and the GB/T mapping in the evidence', () => {
    const r = run(artifact({ pages: [page(home, { kind: 'homepage', violations: [rule('image-alt', 'critical', ['wcag2a', 'wcag111'], 12)] })] }));
    const f = r.findings[0];
    expect(f.message).toBe('image-alt 帮助（12 处）');
    expect(f.evidence).toMatchObject({
      rule: 'image-alt',
      kind: 'violation',
      impact: 'critical',
      nodeCount: 12,
      html: '<x id="e0">',
      howToFix: '修复以下任一问题',
      wcag: ['WCAG 1.1.1 非文本内容（A）'],
      gbt37668: 'unmapped',
      mappingSource: axeTagsSource,
      pageKind: 'homepage',
    });
    expect(f.evidence.selectors).toHaveLength(10);
  });

  it('maps a rule outside the table from its own tags and still says unmapped for GB/T', () => {
    const r = run(artifact({ pages: [page(home, { kind: 'homepage', violations: [rule('new-rule', 'serious', ['wcag21aa', 'wcag1410'])] })] }));
    expect(r.findings[0].evidence).toMatchObject({ wcag: ['WCAG 1.4.10'], gbt37668: 'unmapped', mappingSource: 'axe-core rule tags of this result' });
  });

  it('reports axe "incomplete" as review findings that do not fail the check', () => {
    const r = run(artifact({ pages: [page(home, { kind: 'homepage', incomplete: [rule('color-contrast', 'serious', ['wcag143'], 2)] })] }));
    expect(r.status).toBe('passed');
    expect(summary(r)).toEqual([['a11y.color-contrast', home, 'major', true]]);
    expect(r.findings[0].message).toBe('需人工确认：color-contrast 帮助（2 处）');
    expect(r.findings[0].evidence.kind).toBe('incomplete');
    expect(r.metrics).toMatchObject({ needsReview: 1, violationsByImpact: { serious: 0 } });
  });

  it('reports a Lighthouse score below the threshold, and none at or above it', () => {
    const low = run(artifact({ lighthouse: { url: home, score: 89, version: '12.2.3', failedAudits: [{ id: 'image-alt', title: '图片元素缺少 [alt] 属性' }], timeMs: 3000 } }));
    expect(summary(low)).toEqual([['a11y.lighthouse-score', home, 'minor', false]]);
    expect(low.findings[0].evidence).toMatchObject({ score: 89, threshold: 90, failedAudits: [{ id: 'image-alt' }] });
    const edge = run(artifact({ lighthouse: { url: home, score: 90, timeMs: 3000 } }));
    expect(edge.findings).toEqual([]);
  });

  it('turns a failed Lighthouse run into a warning and a null score, not a pass of that part nor a finding', () => {
    const r = run(artifact({ lighthouse: { url: home, score: null, error: 'Lighthouse time limit (90000 ms) exceeded', timeMs: 90000 } }));
    expect(r.findings).toEqual([]);
    expect(r.warnings).toEqual(['Lighthouse 无障碍评分未检测：Lighthouse time limit (90000 ms) exceeded']);
    expect(r.metrics).toMatchObject({ lighthouseScore: null, lighthouseNotMeasured: 'Lighthouse time limit (90000 ms) exceeded' });
  });

  it('reports the elderly-friendly rules on the homepage', () => {
    const probe: HomepageProbe = {
      modeEntries: [],
      floatingLayers: [{ selector: '#piao', position: 'absolute', box: { x: 1000, y: 100, width: 200, height: 150 }, text: '关闭', html: '<div id="piao">' }],
      smallText: [{ selector: '.footer > p', fontSizePx: 10, text: '仅供参考' }, { selector: '.note', fontSizePx: 11, text: '注' }],
      smallTextCount: 2,
      minFontPx: 12,
    };
    const r = run(artifact({ homepage: probe }));
    expect(summary(r)).toEqual([
      ['a11y.floating-ad', home, 'major', false],
      ['a11y.no-accessible-mode', home, 'major', false],
      ['a11y.small-text', home, 'minor', false],
    ]);
    expect(r.findings.find((f) => f.code === 'a11y.small-text')!.evidence).toMatchObject({ count: 2, minFontPx: 12, smallestPx: 10 });
    expect(r.findings.find((f) => f.code === 'a11y.floating-ad')!.evidence).toMatchObject({ count: 1, selectors: ['#piao'] });
    expect(r.metrics).toMatchObject({ accessibleModeEntry: false, floatingLayers: 1, smallTextCount: 2 });
  });

  it('does not judge the homepage rules when the homepage failed, and says so', () => {
    const r = run(artifact({ pages: [page(home, { kind: 'homepage', status: null, error: 'net::ERR_CONNECTION_REFUSED' }), page(`${home}a.htm`)], homepage: null }));
    expect(r.status).toBe('passed');
    expect(r.findings).toEqual([]);
    expect(r.warnings).toContain('首页未能在浏览器中检测（net::ERR_CONNECTION_REFUSED），无障碍入口、飘窗和文字大小未检测');
    expect(r.metrics).toMatchObject({ pagesChecked: 1, pagesFailed: [{ url: home, error: 'net::ERR_CONNECTION_REFUSED' }], accessibleModeEntry: null });
  });

  it('is "not measured" when no page could be checked, and when the browser was missing', () => {
    const none = run(artifact({ pages: [page(home, { kind: 'homepage', status: null, error: 'page time limit (30000 ms) exceeded' })], homepage: null }));
    expect(none.status).toBe('not-measured');
    expect(none.reason).toBe('未能在浏览器中检测任何页面：page time limit (30000 ms) exceeded');
    const site = config.sites[0];
    const noBrowser = runChecks([accessibility], { site, unavailable: { accessibility: '未找到浏览器 (Chromium)' } } as SiteArtifacts, ctx)[0];
    expect(noBrowser).toMatchObject({ status: 'not-measured', reason: '未找到浏览器 (Chromium)', findings: [] });
  });
});

describe('standards mapping table', () => {
  it('has one row for every axe rule of the WCAG A/AA tags, with exactly the criteria axe tags it with', () => {
    const rules = axeCore.getRules(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
    const fromAxe = Object.fromEntries(rules.map((r) => [r.ruleId, wcagFromTags(r.tags)]));
    expect(Object.fromEntries(a11yMapping.map((r) => [r.rule, r.wcag]))).toEqual(fromAxe);
  });

  it('names every criterion it uses, cites a source on every row, and gives a source for every GB/T clause', () => {
    for (const r of a11yMapping) {
      for (const sc of r.wcag) expect(wcagCriteria[sc], `${r.rule}: ${sc}`).toBeDefined();
      expect(r.source).toMatch(/\S/);
      if (r.gbt37668 !== null) expect(r.gbtSource, r.rule).toMatch(/\S/);
    }
  });
});
