// Scoring a scorecard: vetoes, caps, pass mark, review findings not scored unless confirmed, waivers (shown, not
// scored, lapsing after their date), indicators no check measured, and re-scoring a stored card later.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../contract/finding.ts';
import type { CheckResult } from '../../contract/check-result.ts';
import { parseConfig } from '../../config/load.ts';
import { buildScorecard } from '../../reports/build-scorecard.ts';
import { findingIdentity } from '../../reports/identity.ts';
import { rescoreScorecard } from '../../reports/rescore.ts';
import { catalogueFor } from '../../config/reports/catalogue.ts';
import { loadReviewDecisions, ReviewFileError, type ReviewDecisions } from '../../reports/review.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const config = parseConfig({ district: '鲤城区', sites: [{ id: 'a', name: '甲网站', unit: '甲单位', homepage: 'http://a.gov.cn/' }] }, '/tmp/district.json');
const site = config.sites[0];
const now = new Date('2026-11-20T10:00:00+08:00');
const finding = (code: string, severity: Finding['severity'], path: string, extra: Partial<Finding> = {}): Finding => ({
  check: code.startsWith('link.') ? 'links' : code.split('.')[0], code, severity, siteId: 'a', url: `http://a.gov.cn${path}`, message: `问题 ${code} ${path}`, evidence: {}, ...extra,
});
const result = (id: string, findings: Finding[], status: CheckResult['status'] = findings.length ? 'failed' : 'passed'): CheckResult => ({ id, title: id, status, findings });
const build = (results: CheckResult[], decisions?: ReviewDecisions, at = now) =>
  buildScorecard({ runId: 'r1', site, config, now: at, results, findings: results.flatMap((r) => r.findings), previous: null, decisions });

describe('scorecard scoring', () => {
  const home = { evidence: { onHomepage: true } };
  const broken = [finding('link.broken', 'minor', '/a', home), finding('link.broken', 'minor', '/b', home), finding('link.broken', 'minor', '/c', { evidence: { onHomepage: false } })];

  it('deducts per indicator, caps at its points, and reports each indicator', () => {
    const many = [...Array(8)].map((_, i) => finding('link.broken', 'minor', `/m${i}`, home));
    const card = build([result('links', many)]);
    expect(card.indicators.find((i) => i.id === 'availability.links-home')).toMatchObject({ deduction: 5, findings: 8, points: 5 });
    expect(card.score).toBe(95);
    expect(card.verdict).toBe('合格');
  });

  it('a veto makes the site 不合格 at any score', () => {
    const card = build([result('links', []), result('freshness', [finding('freshness.homepage-stale', 'veto', '/')])]);
    expect(card).toMatchObject({ score: 100, verdict: '不合格', vetoes: ['veto.homepage-stale'] });
  });

  it('below 60 is 不合格', () => {
    const privacy = [...Array(3)].map((_, i) => finding('privacy.id-number', 'major', `/p${i}`));
    const reports = [...Array(5)].map((_, i) => finding('error-report.unanswered', 'major', `/r${i}`, { url: null, evidence: { reportId: `R${i}` } }));
    const interp = [...Array(10)].map((_, i) => finding('interpretation.missing', 'major', `/i${i}`));
    const card = build([result('privacy', privacy), result('error-reports', reports), result('interpretations', interp), result('ipv6', [finding('ipv6.no-aaaa', 'major', '/')])]);
    expect(card.score).toBe(55);
    expect(card.verdict).toBe('不合格');
    expect(card.vetoes).toEqual([]);
  });

  it('review findings are shown, not scored, until confirmed', () => {
    const tamper = finding('security.tampered-title', 'veto', '/zwgk/', { review: true });
    const card = build([result('security', [tamper])]);
    expect(card.findings).toHaveLength(1);
    expect(card).toMatchObject({ score: 100, verdict: '合格', vetoes: [] });
    const confirmed = build([result('security', [tamper])], { waivers: [], confirmations: [{ identity: findingIdentity(tamper), by: '网站管理中心 王某' }] });
    expect(confirmed).toMatchObject({ verdict: '不合格', vetoes: ['veto.security'] });
    expect(confirmed.findings[0].confirmed).toEqual({ by: '网站管理中心 王某' });
  });

  it('a waived finding is shown as waived and does not deduct; an expired waiver lapses', () => {
    const waiver = { identity: findingIdentity(broken[0]), reason: '外链由上级单位管理', by: '网站管理中心', until: '2026-11-30' };
    const card = build([result('links', broken)], { waivers: [waiver], confirmations: [] });
    expect(card.findings.find((f) => f.url === 'http://a.gov.cn/a')!.waived).toEqual({ reason: '外链由上级单位管理', by: '网站管理中心', until: '2026-11-30' });
    expect(card.findings.filter((f) => f.waived)).toHaveLength(1);
    expect(card.score).toBe(98.9);
    // The last day of the waiver still counts; the day after (local time), it lapses.
    expect(build([result('links', broken)], { waivers: [waiver], confirmations: [] }, new Date('2026-11-30T23:59:00+08:00')).score).toBe(98.9);
    const lapsed = build([result('links', broken)], { waivers: [waiver], confirmations: [] }, new Date('2026-12-01T00:00:00+08:00'));
    expect(lapsed.score).toBe(97.9);
    expect(lapsed.findings.some((f) => f.waived)).toBe(false);
  });

  it('a waiver for another site does not apply', () => {
    const card = build([result('links', broken)], { waivers: [{ identity: findingIdentity(broken[0]), reason: 'r', by: 'b', until: '2027-01-01', siteId: 'other' }], confirmations: [] });
    expect(card.score).toBe(97.9);
  });

  it('an indicator whose check did not measure is not measured and deducts nothing', () => {
    const card = build([result('links', [], 'not-measured'), result('accessibility', [], 'not-measured')]);
    expect(card.indicators.find((i) => i.id === 'availability.links-home')).toMatchObject({ notMeasured: true, deduction: 0 });
    expect(card.indicators.find((i) => i.id === 'accessibility')).toMatchObject({ notMeasured: true });
    expect(card.score).toBe(100);
  });

  it('a stored card is re-scored with today\'s waivers', () => {
    const card = build([result('links', broken)]);
    const later = rescoreScorecard(card, { catalogue: catalogueFor(config), decisions: { waivers: [{ identity: findingIdentity(broken[0]), reason: 'r', by: 'b', until: '2026-12-31' }], confirmations: [] }, now, timezone: 'Asia/Shanghai' });
    expect(card.score).toBe(97.9);
    expect(later.score).toBe(98.9);
    expect(later.findings.filter((f) => f.waived).map((f) => f.url)).toEqual(['http://a.gov.cn/a']);
  });
});

describe('review decision files', () => {
  it('reads waivers from a file the config names, and names the file and entry when one is bad', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govaudit-review-'));
    await writeFile(join(dir, 'waivers.yaml'), '- identity: 0123456789abcdef\n  reason: 外链由上级单位管理\n  by: 王某\n  until: 2026-12-31\n');
    await writeFile(join(dir, 'bad.json'), JSON.stringify([{ identity: '0123456789abcdef', reason: 'r', by: 'b' }]));
    const ok = await loadReviewDecisions({ baseDir: dir, waivers: 'waivers.yaml' });
    expect(ok.waivers).toEqual([{ identity: '0123456789abcdef', reason: '外链由上级单位管理', by: '王某', until: '2026-12-31' }]);
    await expect(loadReviewDecisions({ baseDir: dir, waivers: 'bad.json' })).rejects.toThrow(new ReviewFileError(`waivers: ${join(dir, 'bad.json')}: [0.until]: Invalid input: expected string, received undefined`));
    await expect(loadReviewDecisions({ baseDir: dir, confirmations: 'missing.json' })).rejects.toThrow(/confirmations: cannot read .*missing\.json \(ENOENT\)/);
  });
});
