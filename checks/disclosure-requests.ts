// Disclosure requests (依申请公开, 政府信息公开条例 2019 art. 33; 泉鲤政办〔2018〕77号 section 三): each request must be
// answered within 20 working days of receipt, 40 when the applicant was told of an extension in time, not counting
// 补正 and third-party consultation days. The one record check (records/check.ts) over the disclosure-request kind:
// findings for answers after the deadline and deadlines passed without an answer; open requests due within a few
// working days listed in the metrics ("due soon") for the center.
import { disclosureRequestKind } from '../contract/records/disclosure-requests.ts';
import { maskPersonalData } from '../util/pii.ts';
import { notMeasured, type OutcomeCounts, recordCheck } from './records/check.ts';
import { strings } from './disclosure-requests.strings.ts';

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

export const disclosureRequests = recordCheck({
  kind: disclosureRequestKind,
  strings,
  rules: (config) => config.disclosureRequestRules,
  finding(j, rules, local) {
    const r = j.record;
    const p = j.parts!;
    const allowed = { workdays: p.workdays, suspended: r.suspendedDays, extension: p.extension, extensionDays: rules.extensionWorkdays, notified: r.extendedAt && local(r.extendedAt) };
    const fact = { id: r.id, received: local(r.receivedAt), deadline: local(p.deadline), taken: j.workdaysTaken, ...allowed };
    return {
      message: j.outcome === 'overdue' ? strings.overdue({ ...fact, answered: local(j.answeredAt!) }) : strings.unanswered(fact),
      evidence: {
        requestId: r.id, unit: r.unit, received: r.receivedAt, extendedAt: r.extendedAt, extension: p.extension, suspendedDays: r.suspendedDays,
        workdaysAllowed: p.workdays, firstDeadline: p.firstDeadline, deadline: p.deadline, answered: j.answeredAt, workdaysTaken: j.workdaysTaken,
        status: r.status === null ? null : maskPersonalData(r.status),
      },
    };
  },
  metrics(judged, rules) {
    const counted = judged.filter((j) => j.outcome !== 'excluded');
    return {
      extensionWorkdays: rules.extensionWorkdays,
      dueSoonWorkdays: rules.dueSoonWorkdays,
      extended: counted.filter((j) => j.parts?.extension === 'applied').length,
      extensionsIgnored: counted.filter((j) => j.parts?.extension === 'too-late').length,
      dueSoonRequests: judged
        .filter((j) => j.outcome === 'due-soon')
        .map((j): DueSoonRequest => ({ requestId: j.record.id, received: j.record.receivedAt, deadline: j.deadline!, workdaysLeft: j.workdaysLeft ?? 0, extended: j.parts!.extension === 'applied' })),
      notMeasuredRequests: notMeasured(judged, strings).map(({ id, reason }) => ({ requestId: id, reason })),
    };
  },
});
