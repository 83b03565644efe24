// What the monthly bulletin says, computed from the month's stored runs: each site's latest scorecard of the month
// (re-scored with today's catalogue and review decisions, so waived findings are left out), overall figures and
// the change since the previous month, the ranking of units, problems by indicator with the worst cases, the
// rectification deadline in working days (per unit), the earlier bulletins' problems still not rectified after their
// deadline (逾期未整改), and the annex of every site.
import { createCalendar } from '../../calendar/workdays.ts';
import { listOverdue, unitDeadlines, type NamedFinding, type OverdueRectification, type UnitDeadline } from '../rectification.ts';
import { localDate } from '../../calendar/timezone.ts';
import type { DistrictConfig } from '../../config/schema.ts';
import type { Store } from '../../store/types.ts';
import { catalogueFor } from '../../config/reports/catalogue.ts';
import { isCounted } from '../counts.ts';
import { formatDocNumber } from '../../config/reports/bulletin.ts';
import { pendingVetoFindings, rescoreScorecard } from '../rescore.ts';
import type { ReviewDecisions } from '../review.ts';
import { scorecardSchema, type Scorecard, type ScorecardFinding } from '../scorecard.ts';
import { rankSites, rankUnits, round1, type UnitSummary } from '../units.ts';
import { chineseDate, parseMonth, previousMonth, type BulletinMonth } from './month.ts';
import { officialPhrase } from './wording.ts';

export interface BulletinOverview {
  sitesConfigured: number;
  sitesChecked: number;
  passed: number;
  failed: number;
  /** Percent, one decimal. */
  passRate: number;
  averageScore: number;
  vetoed: number;
  findings: number;
}

export interface BulletinProblem {
  indicatorId: string;
  name: string;
  kind: string;
  sites: number;
  /** Sites for which this (veto) indicator fired. */
  vetoedSites: number;
  findings: number;
  worst: { siteId: string; siteName: string; unit: string; count: number; examples: { message: string; url: string | null; finding: ScorecardFinding }[] }[];
}

/** Homepage probes of one site over the whole month. */
export interface MonthAvailability {
  probes: number;
  failed: number;
  /** Percent of probes answered, one decimal. */
  upRate: number;
}

/** A finding awaiting review that would make its site 不合格 once confirmed. */
export interface PendingVeto {
  siteId: string;
  siteName: string;
  unit: string;
  indicator: string;
  finding: ScorecardFinding;
}

export interface BulletinModel {
  district: string;
  /** The district's time zone (dates in the wording). */
  timezone: string;
  /** 发文字号 (config `bulletin.docNumber` with the year and `seq`); null when the district has no template. */
  docNumber: string | null;
  /** The template has {seq} and none was given: the number is left blank for the clerk. */
  docNumberBlank: boolean;
  /** 印发机关 and 印发日期 (版记). */
  printedBy: string;
  printedOnText: string;
  copyTo: string | null;
  /** Unreviewed veto-level findings of the month's sites (a final bulletin is refused while any remains). */
  pending: PendingVeto[];
  /** 全区 / 全县 / 全市 */
  scope: string;
  month: BulletinMonth;
  title: string;
  issuer: string;
  recipients: string;
  /** The bulletin's date (local `YYYY-MM-DD`) and in Chinese. */
  issuedOn: string;
  issuedOnText: string;
  rectifyWorkdays: number;
  /** Local date by which units must rectify; null when the holiday calendar does not cover it. */
  deadline: string | null;
  deadlineText: string;
  /** Each unit with scored problems and its 整改期限 (per-unit override or `rectifyWorkdays`); an issued bulletin's are kept. */
  unitDeadlines: UnitDeadline[];
  /** Whether any unit's deadline differs from the default (the bulletin then points at the table). */
  perUnitDeadlines: boolean;
  /** The scored problems this bulletin asks units to rectify (kept with the issued bulletin). */
  named: NamedFinding[];
  /** Problems named by earlier issued bulletins, still not rectified after their deadline (逾期未整改), as of the bulletin's date. */
  overdue: OverdueRectification[];
  runs: { count: number; first: string; last: string };
  overview: BulletinOverview;
  previous: BulletinOverview | null;
  units: UnitSummary[];
  problems: BulletinProblem[];
  /** Every checked site: 合格 first, each group by score, highest first (the annex, grouped by verdict). */
  sites: Scorecard[];
  notChecked: { siteId: string; name: string; unit: string }[];
  /** Homepage availability over the month by site id (sites without probes absent). */
  availability: Map<string, MonthAvailability>;
  /** Failure rate at or above which a site counts as unstable (config `availability.unstableRate`). */
  unstableRate: number;
  warnings: string[];
}

/** No stored run in the month: the bulletin has nothing to say. */
export class NoRunsError extends Error {
  constructor(month: string) {
    super(`no finished audit stored for ${month}`);
    this.name = 'NoRunsError';
  }
}

export interface BulletinInput {
  store: Store;
  config: DistrictConfig;
  /** `YYYY-MM` */
  month: string;
  /** The bulletin's date (and the clock for waivers). */
  now: Date;
  decisions: ReviewDecisions;
  /** The 文号's sequence number (`{seq}`); absent: blank in a draft. */
  seq?: number | null;
  /** The deadlines an earlier issue of this month's bulletin stated (kept, whatever the config says now). */
  issuedDeadlines?: UnitDeadline[];
}

/** The latest scorecard per site among the runs whose audit clock falls in the month. */
export async function latestCardsOfMonth(store: Store, month: BulletinMonth): Promise<{ cards: Map<string, Scorecard>; runs: string[] }> {
  const runs = (await store.listRuns({ from: month.from.toISOString(), to: month.to.toISOString(), limit: 10_000 })).filter((r) => r.state === 'done' || r.state === 'interrupted');
  const cards = new Map<string, Scorecard>();
  for (const run of runs) {
    for (const sr of await store.listSiteRuns(run.id)) {
      if (sr.state !== 'done' || !sr.scorecard || cards.has(sr.siteId)) continue;
      const parsed = scorecardSchema.safeParse(sr.scorecard);
      if (parsed.success) cards.set(sr.siteId, parsed.data);
    }
  }
  return { cards, runs: runs.map((r) => r.asOf).sort() };
}

/** Builds the bulletin's content. Throws NoRunsError when the month has no stored run. */
export async function buildBulletinModel(input: BulletinInput): Promise<BulletinModel> {
  const { store, config, now, decisions } = input;
  const tz = config.timezone;
  const month = parseMonth(input.month, tz);
  const catalogue = catalogueFor(config);
  const ctx = { catalogue, decisions, now, timezone: tz };
  const { cards, runs } = await latestCardsOfMonth(store, month);
  if (!runs.length) throw new NoRunsError(month.id);
  const configured = new Map(config.sites.map((s) => [s.id, s]));
  const sites = rankSites(
    [...cards.values()]
      .filter((c) => configured.has(c.siteId))
      .map((c) => ({ ...rescoreScorecard(c, ctx), siteName: configured.get(c.siteId)!.name, unit: configured.get(c.siteId)!.unit })),
  );
  const prevCards = await latestCardsOfMonth(store, previousMonth(month, tz));
  const prevSites = [...prevCards.cards.values()].filter((c) => configured.has(c.siteId)).map((c) => rescoreScorecard(c, ctx));
  const warnings: string[] = [];
  const issuedOn = localDate(now, tz);
  const rectifyWorkdays = config.bulletin.rectifyWorkdays;
  let deadline: string | null = null;
  try {
    deadline = createCalendar(config.calendar).addWorkdays(issuedOn, rectifyWorkdays);
  } catch (e) {
    warnings.push(`rectification deadline: ${(e as Error).message}`);
  }
  const scope = `全${/[区县市旗]$/.exec(config.district)?.[0] ?? '区'}`;
  const issuer = config.bulletin.issuer ?? `${config.district}政府网站管理中心`;
  const template = config.bulletin.docNumber;
  const seq = input.seq ?? null;
  const year = Number(issuedOn.slice(0, 4));
  const pending: PendingVeto[] = sites.flatMap((c) =>
    pendingVetoFindings(c).map((f) => ({
      siteId: c.siteId,
      siteName: c.siteName,
      unit: c.unit,
      indicator: c.indicators.find((i) => i.kind === 'veto' && f.indicators.includes(i.id))?.name ?? '',
      finding: f,
    })),
  );
  const named: NamedFinding[] = sites.flatMap((c) => c.findings.filter(isCounted).map((f) => ({ siteId: c.siteId, unit: c.unit, identity: f.identity, message: officialPhrase(f, tz), url: f.url })));
  const namedUnits = [...new Set(named.map((n) => n.unit))];
  const kept = new Map((input.issuedDeadlines ?? []).map((d) => [d.unit, d]));
  // the calendar's gap is said once (above) unless only a unit's own deadline falls into it
  const fresh = unitDeadlines(config, namedUnits.filter((u) => !kept.has(u)), issuedOn, (w) => (deadline === null ? undefined : warnings.push(w)));
  const deadlines = [...namedUnits.flatMap((u) => (kept.has(u) ? [kept.get(u)!] : [])), ...fresh].sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN'));
  return {
    district: config.district,
    timezone: tz,
    docNumber: template ? formatDocNumber(template, year, month.month, seq) : null,
    docNumberBlank: Boolean(template?.includes('{seq}')) && seq === null,
    printedBy: config.bulletin.printedBy ?? issuer,
    printedOnText: chineseDate(config.bulletin.printedOn ?? issuedOn),
    copyTo: config.bulletin.copyTo ?? null,
    pending,
    scope,
    month,
    title: `关于${month.label}${scope}政府网站抽查情况的通报`,
    issuer,
    recipients: config.bulletin.recipients ?? '各有关单位',
    issuedOn,
    issuedOnText: chineseDate(issuedOn),
    rectifyWorkdays,
    deadline,
    deadlineText: deadline ? `${chineseDate(deadline)}前（${rectifyWorkdays}个工作日内）` : `收到本通报之日起${rectifyWorkdays}个工作日内`,
    unitDeadlines: deadlines,
    perUnitDeadlines: deadlines.some((d) => d.workdays !== rectifyWorkdays || d.deadline !== deadline),
    named,
    overdue: await listOverdue(store, config, now, { beforeMonth: month.id }),
    runs: { count: runs.length, first: runs[0], last: runs[runs.length - 1] },
    overview: overviewOf(sites, config.sites.length),
    previous: prevSites.length ? overviewOf(prevSites, config.sites.length) : null,
    units: rankUnits(sites),
    problems: problemsOf(sites, config.bulletin.worstCases),
    sites,
    notChecked: config.sites.filter((s) => !cards.has(s.id)).map((s) => ({ siteId: s.id, name: s.name, unit: s.unit })),
    availability: await availabilityOf(store, month, new Set(configured.keys())),
    unstableRate: config.availability.unstableRate,
    warnings,
  };
}

/** Homepage probes of the month per site (the service probes every site many times a day). */
async function availabilityOf(store: Store, month: BulletinMonth, siteIds: Set<string>): Promise<Map<string, MonthAvailability>> {
  const out = new Map<string, MonthAvailability>();
  for (const p of await store.listProbes({ from: month.from.toISOString(), to: month.to.toISOString() })) {
    if (!siteIds.has(p.siteId)) continue;
    const a = out.get(p.siteId) ?? { probes: 0, failed: 0, upRate: 0 };
    a.probes++;
    if (!p.ok) a.failed++;
    out.set(p.siteId, a);
  }
  for (const a of out.values()) a.upRate = Math.floor(((a.probes - a.failed) / a.probes) * 1000) / 10;
  return out;
}

function overviewOf(cards: Scorecard[], configured: number): BulletinOverview {
  const passed = cards.filter((c) => c.verdict === '合格').length;
  return {
    sitesConfigured: configured,
    sitesChecked: cards.length,
    passed,
    failed: cards.length - passed,
    passRate: cards.length ? round1((passed / cards.length) * 100) : 0,
    averageScore: cards.length ? round1(cards.reduce((s, c) => s + c.score, 0) / cards.length) : 0,
    vetoed: cards.filter((c) => c.vetoes.length).length,
    findings: cards.reduce((s, c) => s + c.findings.filter(isCounted).length, 0),
  };
}

/** Problems by indicator (fired vetoes first, then other veto indicators, then by sites and findings), each with
 *  the sites worst hit. */
function problemsOf(cards: Scorecard[], worstCases: number): BulletinProblem[] {
  const byIndicator = new Map<string, BulletinProblem>();
  for (const card of cards) {
    const bySiteInd = new Map<string, Scorecard['findings']>();
    for (const f of card.findings.filter(isCounted)) {
      const id = f.indicators.find((i) => card.indicators.some((ci) => ci.id === i));
      if (!id) continue;
      bySiteInd.set(id, [...(bySiteInd.get(id) ?? []), f]);
    }
    for (const [id, list] of bySiteInd) {
      const ind = card.indicators.find((i) => i.id === id)!;
      const p = byIndicator.get(id) ?? { indicatorId: id, name: ind.name, kind: ind.kind, sites: 0, vetoedSites: 0, findings: 0, worst: [] };
      p.sites++;
      if (card.vetoes.includes(id)) p.vetoedSites++;
      p.findings += list.length;
      p.worst.push({ siteId: card.siteId, siteName: card.siteName, unit: card.unit, count: list.length, examples: list.slice(0, 2).map((f) => ({ message: f.message, url: f.url, finding: f })) });
      byIndicator.set(id, p);
    }
  }
  const problems = [...byIndicator.values()];
  for (const p of problems) p.worst = p.worst.sort((a, b) => b.count - a.count || a.siteId.localeCompare(b.siteId)).slice(0, worstCases);
  const weight = (p: BulletinProblem) => (p.vetoedSites ? 0 : p.kind === 'veto' ? 1 : 2);
  return problems.sort((a, b) => weight(a) - weight(b) || b.sites - a.sites || b.findings - a.findings || a.indicatorId.localeCompare(b.indicatorId));
}
