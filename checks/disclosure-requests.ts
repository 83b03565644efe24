// Disclosure requests (依申请公开, 政府信息公开条例 2019 art. 33; 泉鲤政办〔2018〕77号 section 三): each request must be
// answered within 20 working days of receipt, 40 when the applicant was told of an extension in time, not counting
// 补正 and third-party consultation days. Findings for answers after the deadline and for deadlines passed without
// an answer; open requests due within a few working days are listed in the metrics ("due soon") for the center.
// A date beyond the official calendar is a loud warning and "not measured" for that request.
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import { maskPersonalData } from '../util/pii.ts';
import { judgeRequest, requestWindowStart, type JudgedRequest } from './disclosure-requests/judge.ts';
import { strings } from './disclosure-requests.strings.ts';
import { calendarWarnings, countOutcomes, deadlineResult, localMinute as local, type OutcomeCounts } from './lib/timeliness.ts';

/** An open request whose deadline is near (metrics, for the center). */
export interface DueSoonRequest {
  requestId: string;
  received: string;
  deadline: string;
  workdaysLeft: number;
  extended: boolean;
}

/** The check's metrics on the scorecard (counts over the requests of the period). */
export interface DisclosureRequestMetrics extends OutcomeCounts {
  deadlineWorkdays: number;
  extensionWorkdays: number;
  dueSoonWorkdays: number;
  /** First local date of the judged period. */
  windowFrom: string;
  /** Requests whose extension counted / was notified too late to count. */
  extended: number;
  extensionsIgnored: number;
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
    const counted = judged.filter((j) => j.outcome !== 'excluded');
    const metrics: DisclosureRequestMetrics = {
      deadlineWorkdays: rules.deadlineWorkdays,
      extensionWorkdays: rules.extensionWorkdays,
      dueSoonWorkdays: rules.dueSoonWorkdays,
      windowFrom: opts.windowStart,
      ...countOutcomes(judged),
      extended: counted.filter((j) => j.parts?.extension === 'applied').length,
      extensionsIgnored: counted.filter((j) => j.parts?.extension === 'too-late').length,
      dueSoonRequests: judged
        .filter((j) => j.outcome === 'due-soon')
        .map((j) => ({ requestId: j.request.id, received: j.request.receivedAt, deadline: j.parts!.deadline, workdaysLeft: j.workdaysLeft ?? 0, extended: j.parts!.extension === 'applied' })),
      notMeasuredRequests: judged
        .filter((j) => j.outcome === 'not-measured')
        .map((j) => ({ requestId: j.request.id, reason: strings.reasons[j.reason ?? ''] ?? String(j.reason) })),
    };
    return deadlineResult({
      findings: judged.flatMap((j) => finding(j, artifacts.site.id, rules.extensionWorkdays, ctx.timezone)),
      metrics,
      warnings: calendarWarnings(judged, (j) => j.request.id, strings.notCovered),
      invalid: a.invalid.length,
      noSource: a.requests.length === 0 && a.sources.length === 0,
      say: strings,
    });
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
