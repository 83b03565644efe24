// Disclosure requests (依申请公开, 政府信息公开条例 2019 art. 33; 泉鲤政办〔2018〕77号 section 三): each request must be
// answered within 20 working days of receipt, 40 when the applicant was told of an extension in time, not counting
// 补正 and third-party consultation days. Findings for answers after the deadline and for deadlines passed without
// an answer; open requests due within a few working days are listed in the metrics ("due soon") for the center.
// A date beyond the official calendar is a loud warning and "not measured" for that request.
import type { Finding } from './finding.ts';
import type { Check } from './types.ts';
import { toLocal } from '../calendar/timezone.ts';
import { maskPersonalData } from './lib/pii.ts';
import { judgeRequest, requestWindowStart, type JudgedRequest } from './disclosure-requests/judge.ts';
import { strings } from './disclosure-requests.strings.ts';

/** An open request whose deadline is near (metrics, for the center). */
export interface DueSoonRequest {
  requestId: string;
  received: string;
  deadline: string;
  workdaysLeft: number;
  extended: boolean;
}

/** The check's metrics on the scorecard. */
export interface DisclosureRequestMetrics {
  deadlineWorkdays: number;
  extensionWorkdays: number;
  dueSoonWorkdays: number;
  /** First local date of the judged period. */
  windowFrom: string;
  /** Requests in the period (every outcome but `excluded`). */
  total: number;
  onTime: number;
  overdue: number;
  unanswered: number;
  dueSoon: number;
  notYetDue: number;
  notMeasured: number;
  excluded: number;
  /** Requests whose extension counted / was notified too late to count. */
  extended: number;
  extensionsIgnored: number;
  /** onTime / (onTime + overdue + unanswered), 4 decimals; null when none was due. */
  timelinessRate: number | null;
  dueSoonRequests: DueSoonRequest[];
  notMeasuredRequests: { requestId: string; reason: string }[];
}

export const disclosureRequests: Check = {
  id: 'disclosure-requests',
  title: strings.title,
  requires: ['disclosureRequests'],
  run(artifacts, ctx) {
    const a = artifacts.disclosureRequests!;
    const rules = ctx.config.disclosureRequestRules;
    const opts = { now: ctx.now, timezone: ctx.timezone, calendar: ctx.calendar, rules, windowStart: requestWindowStart(ctx.now, ctx.timezone, rules.windowDays) };
    const judged = [...a.requests].sort((x, y) => x.id.localeCompare(y.id)).map((r) => judgeRequest(r, opts));
    const count = (o: JudgedRequest['outcome']) => judged.filter((j) => j.outcome === o).length;
    const counted = judged.filter((j) => j.outcome !== 'excluded');
    const onTime = count('on-time');
    const due = onTime + count('overdue') + count('unanswered');
    const metrics: DisclosureRequestMetrics = {
      deadlineWorkdays: rules.deadlineWorkdays,
      extensionWorkdays: rules.extensionWorkdays,
      dueSoonWorkdays: rules.dueSoonWorkdays,
      windowFrom: opts.windowStart,
      total: counted.length,
      onTime,
      overdue: count('overdue'),
      unanswered: count('unanswered'),
      dueSoon: count('due-soon'),
      notYetDue: count('not-yet-due'),
      notMeasured: count('not-measured'),
      excluded: count('excluded'),
      extended: counted.filter((j) => j.parts?.extension === 'applied').length,
      extensionsIgnored: counted.filter((j) => j.parts?.extension === 'too-late').length,
      timelinessRate: due ? Math.round((onTime / due) * 10_000) / 10_000 : null,
      dueSoonRequests: judged
        .filter((j) => j.outcome === 'due-soon')
        .map((j) => ({ requestId: j.request.id, received: j.request.receivedAt, deadline: j.parts!.deadline, workdaysLeft: j.workdaysLeft ?? 0, extended: j.parts!.extension === 'applied' })),
      notMeasuredRequests: judged
        .filter((j) => j.outcome === 'not-measured')
        .map((j) => ({ requestId: j.request.id, reason: strings.reasons[j.reason ?? ''] ?? String(j.reason) })),
    };

    const findings = judged.flatMap((j) => finding(j, artifacts.site.id, rules.extensionWorkdays, ctx.timezone));
    const warnings = calendarWarnings(judged);
    if (a.invalid.length) warnings.push(strings.invalidRecords(a.invalid.length));
    const out = { findings, metrics: metrics as unknown as Record<string, unknown>, warnings: warnings.length ? warnings : undefined };
    if (a.requests.length === 0 && a.sources.length === 0) return { ...out, notMeasured: strings.noSource };
    if (metrics.total > 0 && metrics.notMeasured === metrics.total) return { ...out, notMeasured: strings.allNotMeasured(metrics.total) };
    return out;
  },
};

function finding(j: JudgedRequest, siteId: string, extensionDays: number, timezone: string): Finding[] {
  if (j.outcome !== 'overdue' && j.outcome !== 'unanswered') return [];
  const r = j.request;
  const p = j.parts!;
  const evidence = {
    requestId: r.id,
    unit: r.unit,
    received: r.receivedAt,
    extendedAt: r.extendedAt,
    extension: p.extension,
    suspendedDays: r.suspendedDays,
    workdaysAllowed: p.workdays,
    firstDeadline: p.firstDeadline,
    deadline: p.deadline,
    answered: j.answeredAt,
    workdaysTaken: j.workdaysTaken,
    status: r.status === null ? null : maskPersonalData(r.status),
  };
  const notified = r.extendedAt ? local(r.extendedAt, timezone) : null;
  const args = [p.workdays, r.suspendedDays, p.extension, extensionDays, notified] as const;
  const message =
    j.outcome === 'overdue'
      ? strings.overdue(r.id, local(r.receivedAt, timezone), local(p.deadline, timezone), local(j.answeredAt!, timezone), j.workdaysTaken, ...args)
      : strings.unanswered(r.id, local(r.receivedAt, timezone), local(p.deadline, timezone), j.workdaysTaken, ...args);
  return [{ check: 'disclosure-requests', code: `disclosure-request.${j.outcome}`, severity: 'major', siteId, url: null, message, evidence }];
}

/** One loud warning per calendar year the requests need and the calendar lacks. */
function calendarWarnings(judged: JudgedRequest[]): string[] {
  const byYear = new Map<number, string[]>();
  for (const j of judged) {
    if (!j.notCovered) continue;
    const ids = byYear.get(j.notCovered.year) ?? [];
    ids.push(j.request.id);
    byYear.set(j.notCovered.year, ids);
  }
  return [...byYear].sort(([a], [b]) => a - b).map(([year, ids]) => strings.notCovered(year, ids));
}

/** `YYYY-MM-DD HH:MM` local time of an ISO instant. */
function local(iso: string, timezone: string): string {
  const l = toLocal(new Date(iso), timezone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(l.hour)}:${p(l.minute)}`;
}
