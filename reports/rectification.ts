// Rectification (整改) as data in the store's records: a unit's claim that a finding is fixed (kind `rectification`,
// key `<siteId>:<identity>`), and a request to re-check a site (kind `recheck-request`), queued by the dashboard and
// run by the scheduler (scheduler/recheck.ts), which closes the claims whose findings are gone and reopens the others
// with the new evidence. The dashboard never crawls.
// An issued bulletin keeps each named unit's 整改期限 and the problems it named (`IssuedRectification`), so a later
// config change never moves an issued deadline; `listOverdue` turns them into the 逾期未整改 list of the unit's page,
// its scorecard and the next bulletin.
import { localDate } from '../calendar/timezone.ts';
import { createCalendar } from '../calendar/workdays.ts';
import type { DistrictConfig } from '../config/schema.ts';
import type { Store, StoredRecord } from '../store/types.ts';
import { activeWaiverFor } from './review.ts';
import { decisionsFor } from './review-store.ts';
import { scorecardSchema } from './scorecard.ts';

export const rectificationKind = 'rectification';
export const recheckKind = 'recheck-request';

export interface Rectification {
  siteId: string;
  identity: string;
  /** The finding's message when it was claimed fixed. */
  message: string;
  note: string;
  by: string;
  at: string;
  /** claimed: awaiting a re-check; closed: gone on re-check (已整改); reopened: still there on re-check. */
  status: 'claimed' | 'closed' | 'reopened';
  checkedAt?: string;
  runId?: string;
  /** The finding's evidence on re-check, when reopened. */
  evidence?: Record<string, unknown>;
}

export interface RecheckRequest {
  siteId: string;
  by: string;
  at: string;
  state: 'queued' | 'done' | 'failed';
  runId?: string;
  finishedAt?: string;
  error?: string;
}

export async function listRectifications(store: Store, siteId?: string): Promise<Rectification[]> {
  return (await store.listRecords<Rectification>(rectificationKind, siteId ? { siteKey: siteId } : {})).map((r) => r.data);
}

export async function saveRectification(store: Store, r: Rectification): Promise<void> {
  await store.upsertRecords(rectificationKind, [{ key: `${r.siteId}:${r.identity}`, siteKey: r.siteId, data: r, updatedAt: r.checkedAt ?? r.at }]);
}

export async function queueRecheck(store: Store, req: RecheckRequest): Promise<void> {
  await store.upsertRecords(recheckKind, [{ key: `${req.siteId}:${req.at}`, siteKey: req.siteId, data: req, updatedAt: req.at }]);
}

export async function listRechecks(store: Store, siteId?: string): Promise<StoredRecord<RecheckRequest>[]> {
  return store.listRecords<RecheckRequest>(recheckKind, siteId ? { siteKey: siteId } : {});
}

/** The store's records kind of generated bulletins (reports/bulletin/generate.ts writes them). */
export const issuedBulletinKind = 'bulletin';

/** A unit's 整改期限 as an issued bulletin stated it. */
export interface UnitDeadline {
  unit: string;
  workdays: number;
  /** Local date (`YYYY-MM-DD`); null when the holiday calendar does not cover it. */
  deadline: string | null;
}

/** A scored problem an issued bulletin asked its unit to rectify. */
export interface NamedFinding {
  siteId: string;
  unit: string;
  identity: string;
  message: string;
  url: string | null;
}

/** What an issued bulletin keeps for rectification: the deadlines it stated and the problems they cover. */
export interface IssuedRectification {
  deadlines: UnitDeadline[];
  named: NamedFinding[];
}

/** A named problem whose unit's deadline has passed and which is neither closed nor dismissed or waived. */
export interface OverdueRectification extends NamedFinding {
  siteName: string;
  /** The month of the bulletin that first named it (`YYYY-MM`). */
  month: string;
  deadline: string;
  /** Calendar days since the deadline. */
  daysOverdue: number;
  /** The unit's claim, when it marked the problem fixed (awaiting a re-check, or reopened by one). */
  claim?: Rectification['status'];
}

/** Each unit's 整改期限 from a bulletin dated `issuedOn`: the unit's override, else `bulletin.rectifyWorkdays`. */
export function unitDeadlines(config: DistrictConfig, units: string[], issuedOn: string, onWarning?: (m: string) => void): UnitDeadline[] {
  const calendar = createCalendar(config.calendar);
  const out: UnitDeadline[] = [];
  for (const unit of [...new Set(units)].sort((a, b) => a.localeCompare(b, 'zh-CN'))) {
    const workdays = config.bulletin.rectifyWorkdaysByUnit[unit] ?? config.bulletin.rectifyWorkdays;
    let deadline: string | null = null;
    try {
      deadline = calendar.addWorkdays(issuedOn, workdays);
    } catch (e) {
      onWarning?.(`rectification deadline of ${unit}: ${(e as Error).message}`);
    }
    out.push({ unit, workdays, deadline });
  }
  return out;
}

/** Whole calendar days from local date `a` to local date `b`. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface OverdueQuery {
  /** Only bulletins of months before this one (`YYYY-MM`): the next bulletin lists what earlier ones asked. */
  beforeMonth?: string;
  /** Only these sites (a unit's page). */
  siteIds?: string[];
}

/**
 * Overdue rectifications as of `now`: problems named in issued (final) bulletins whose unit's deadline has passed,
 * unless the unit's claim was closed by a re-check, a later audit no longer finds the problem, or it was dismissed or
 * is waived. A problem named by several bulletins counts from the first. Sorted by unit, site, deadline.
 */
export async function listOverdue(store: Store, config: DistrictConfig, now: Date, query: OverdueQuery = {}): Promise<OverdueRectification[]> {
  const today = localDate(now, config.timezone);
  const sites = new Map(config.sites.map((s) => [s.id, s]));
  const wanted = query.siteIds ? new Set(query.siteIds) : null;
  // `rectification` is written by a final bulletin only (and kept by a later draft of the same month)
  const issued = (await store.listRecords<{ month: string; rectification?: IssuedRectification }>(issuedBulletinKind))
    .map((r) => r.data)
    .filter((b) => b.rectification && (!query.beforeMonth || b.month < query.beforeMonth))
    .sort((a, b) => a.month.localeCompare(b.month));
  const first = new Map<string, OverdueRectification>();
  for (const b of issued) {
    const deadlines = new Map(b.rectification!.deadlines.map((d) => [d.unit, d.deadline]));
    for (const n of b.rectification!.named) {
      const key = `${n.siteId}:${n.identity}`;
      const deadline = deadlines.get(n.unit);
      const site = sites.get(n.siteId);
      if (first.has(key) || !deadline || !site || (wanted && !wanted.has(n.siteId))) continue;
      first.set(key, { ...n, siteName: site.name, month: b.month, deadline, daysOverdue: daysBetween(deadline, today) });
    }
  }
  const candidates = [...first.values()].filter((o) => o.daysOverdue > 0);
  if (!candidates.length) return [];
  const decisions = await decisionsFor(config, store);
  const out: OverdueRectification[] = [];
  const latest = new Map<string, Set<string> | null>();
  for (const o of candidates) {
    if (!latest.has(o.siteId)) {
      const [row] = await store.siteHistory(o.siteId, 1);
      const card = row?.scorecard ? scorecardSchema.safeParse(row.scorecard) : null;
      latest.set(o.siteId, card?.success ? new Set(card.data.findings.map((f) => f.identity)) : null);
    }
    if (latest.get(o.siteId)?.has(o.identity) === false) continue;
    if (activeWaiverFor(o, decisions, now, config.timezone)) continue;
    if ((decisions.dismissals ?? []).some((d) => d.siteId === o.siteId && d.identity === o.identity)) continue;
    const claim = (await listRectifications(store, o.siteId)).find((r) => r.identity === o.identity);
    if (claim?.status === 'closed') continue;
    out.push(claim ? { ...o, claim: claim.status } : o);
  }
  return out.sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN') || a.siteId.localeCompare(b.siteId) || a.deadline.localeCompare(b.deadline) || a.identity.localeCompare(b.identity));
}
