// The due-soon list: open records of every kind (error reports, disclosure requests, …) whose deadline is today or
// the next working day, or has passed without an answer — what the center and the units must chase. The record
// checks judge each record as of the audit's clock and list these in their metrics (`followUp`); this reads them
// back from scorecards, so the run summary, `govaudit status`, the dashboard and notifications show one list, the
// one the store holds. Nothing here judges: a record's state is the check's.
import type { SiteConfig } from '../config/schema.ts';
import { recordKinds } from '../contract/records/index.ts';
import { type DueSoonEntry, type FollowUp, followUpSchema, type RecordKind } from '../contract/records/kind.ts';
import type { Store } from '../store/types.ts';

export type { DueSoonEntry };

/** What the list reads of a scorecard (reports/scorecard.ts); stored JSON, so every field is checked. */
export interface ScorecardLike {
  siteId: string;
  auditedAt?: unknown;
  metrics?: unknown;
}

const ORDER: Record<FollowUp['state'], number> = { overdue: 0, 'due-today': 1, 'due-next-workday': 2 };

/**
 * Every record to chase in `scorecards`: overdue first, then due today, then the next working day; within each, the
 * earliest deadline first, then by site, kind and 编号. Cards without record metrics, and entries that do not read
 * as a follow-up (an old or damaged scorecard), are passed over.
 */
export function dueSoonList(scorecards: readonly ScorecardLike[], kinds: readonly RecordKind[] = recordKinds): DueSoonEntry[] {
  const out: DueSoonEntry[] = [];
  for (const card of scorecards) {
    const metrics = isObject(card.metrics) ? card.metrics : {};
    const asOf = typeof card.auditedAt === 'string' ? card.auditedAt : '';
    for (const kind of kinds) {
      const checkMetrics = metrics[kind.name];
      const list = isObject(checkMetrics) && Array.isArray(checkMetrics.followUp) ? checkMetrics.followUp : [];
      for (const item of list) {
        const parsed = followUpSchema.safeParse(item);
        if (parsed.success) out.push({ siteId: card.siteId, kind: kind.id, label: kind.label, asOf, ...parsed.data });
      }
    }
  }
  return out.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      a.deadline.localeCompare(b.deadline) ||
      a.siteId.localeCompare(b.siteId) ||
      a.kind.localeCompare(b.kind) ||
      a.recordId.localeCompare(b.recordId),
  );
}

/**
 * The due-soon list as the store holds it now: from each configured site's latest finished audit (its stored
 * scorecard). A site never audited contributes nothing; each entry says the clock it was judged at (`asOf`).
 */
export async function latestDueSoon(store: Store, sites: readonly Pick<SiteConfig, 'id'>[]): Promise<DueSoonEntry[]> {
  const cards: ScorecardLike[] = [];
  for (const site of sites) {
    const run = await store.previousSiteRun(site.id);
    if (isObject(run?.scorecard)) cards.push({ ...run.scorecard, siteId: site.id });
  }
  return dueSoonList(cards);
}

/** One line for people (Chinese), e.g. `今天到期：portal 纠错留言 R1，须于 2026年11月20日（当日24时前）答复`; `time` shows an instant in local time. */
export function dueSoonLine(d: DueSoonEntry, time: (iso: string) => string = (iso) => iso): string {
  const what = `${d.siteId} ${d.label} ${d.recordId}`;
  if (d.state === 'overdue') return `已逾期：${what}，答复期限 ${time(d.deadline)} 已过，尚未答复`;
  return `${d.state === 'due-today' ? '今天到期' : '下一个工作日到期'}：${what}，须于 ${time(d.deadline)}答复`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
