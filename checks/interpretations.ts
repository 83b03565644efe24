// Policy interpretations (三同步; 国办发〔2016〕80号, 泉鲤政办〔2018〕77号 第12–13项): every policy document in scope
// has an interpretation, published at most N working days after it (default 3, official calendar). Scope: items of
// `policy` columns (or, without one, pages stating a 文号) that carry a 文号 and a normative title, adjusted by the
// config's include/exclude title patterns. Pairing: explicit link, same 文号, or the title quoted in 《》. A document
// still within its N working days is "pending", not missing.
// When the crawl was cut short or the document's page was not fetched, "missing" is marked for review.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import type { WorkCalendar } from '../calendar/workdays.ts';
import { localDate } from '../calendar/timezone.ts';
import { readColumn } from '../util/columns.ts';
import { isInterpretationTitle, isNormativeTitle, makeDoc, pageTitle, type Doc } from './content/documents.ts';
import { indexInterpretations, pairPolicy, type Pairing } from './content/pairing.ts';
import { indexPages, isHealthyHtml, pageKey } from '../util/site-pages.ts';
import { strings } from './interpretations.strings.ts';
import { anyPageRead, pageCoverage } from './lib/page-coverage.ts';
import { documentMetaOf, indexDocumentMeta } from '../util/document-meta.ts';

interface Listed {
  title: string;
  date: string | null;
  docNo: string | null;
  url: string;
}

export const interpretations: Check = {
  id: 'interpretations',
  title: strings.title,
  requires: ['pages', 'crawl', 'text'],
  reads: ['documentMeta', 'listPages'],
  run(artifacts, ctx) {
    const pages = artifacts.pages!;
    const crawl = artifacts.crawl!;
    const cfg = ctx.config.interpretations;
    const index = indexPages(pages);
    const metas = indexDocumentMeta(artifacts.documentMeta);
    const columns = artifacts.site.columns;
    const columnKeys = new Set(columns.map((c) => pageKey(c.url)));
    const known = new Set([...index.keys(), ...columnKeys]);
    const include = cfg.include.map((p) => new RegExp(p, 'u'));
    const exclude = cfg.exclude.map((p) => new RegExp(p, 'u'));

    const policies = dedupe(
      columns.some((c) => c.kind === 'policy')
        ? columns.filter((c) => c.kind === 'policy').flatMap((c) => readColumn(c, index, undefined, metas, artifacts.listPages).items.filter((i) => i.url).map((i) => makeDoc(i.url!, { title: i.title, date: i.date, column: c.name }, index, metas)))
        : pages.filter((p) => isHealthyHtml(p) && !columnKeys.has(pageKey(p.url)) && !p.listItems?.length).map((p) => makeDoc(p.url, {}, index, metas)).filter((d) => d.page && documentMetaOf(d.page, metas).docNumber !== undefined),
    );
    const inScope = policies.filter((d) => {
      if (exclude.some((re) => re.test(d.title))) return false;
      if (include.some((re) => re.test(d.title))) return true;
      return d.docNo !== null && isNormativeTitle(d.title);
    });
    // A normative title without a readable 文号 cannot be put in or out of scope: it is seen, not judged.
    const unread = policies.filter((d) => d.docNo === null && isNormativeTitle(d.title) && !exclude.some((re) => re.test(d.title)) && !include.some((re) => re.test(d.title)));

    const interpretationDocs = dedupe([
      ...columns.filter((c) => c.kind === 'interpretation').flatMap((c) => readColumn(c, index, undefined, metas, artifacts.listPages).items.filter((i) => i.url).map((i) => makeDoc(i.url!, { title: i.title, date: i.date, column: c.name }, index, metas))),
      ...pages.filter((p) => isArticle(p, columnKeys) && isInterpretationTitle(pageTitle(p))).map((p) => makeDoc(p.url, {}, index, metas)),
    ]);
    const interpIndex = indexInterpretations(interpretationDocs, known);

    const siteId = artifacts.site.id;
    const findings: Finding[] = [];
    const missing: Listed[] = [];
    const late: (Listed & { interpretationUrl: string; interpretationDate: string; workdays: number })[] = [];
    const pairedBy = { link: 0, 'document-number': 0, title: 0 };
    const pending: (Listed & { deadline: string })[] = [];
    const today = localDate(ctx.now, ctx.timezone);
    const warnings = new Set<string>();
    let paired = 0;

    for (const policy of inScope) {
      const listed: Listed = { title: policy.title, date: policy.date, docNo: policy.docNo, url: policy.url };
      const pairing = pairPolicy(policy, interpIndex);
      if (!pairing) {
        const due = policy.date ? deadlineOf(policy.date, cfg.maxDelayWorkdays, ctx.calendar, warnings) : null;
        if (due && today <= due) {
          pending.push({ ...listed, deadline: due });
          continue;
        }
        missing.push(listed);
        const reason = crawl.truncated ? strings.reasonTruncated : !policy.page ? strings.reasonNotCrawled : null;
        findings.push({
          check: 'interpretations', code: 'interpretation.missing', severity: 'major', siteId, url: policy.url,
          ...(reason ? { review: true as const } : {}),
          message: reason ? strings.missingReview(policy.title, reason) : strings.missing(policy.title, policy.docNo),
          evidence: { title: policy.title, date: policy.date, documentNumber: policy.docNo, column: policy.column, ...(reason ? { reviewReason: reason } : {}) },
        });
        continue;
      }
      paired++;
      pairedBy[pairing.by]++;
      const delay = lateness(policy, pairing, cfg.maxDelayWorkdays, ctx.calendar, warnings);
      if (!delay) continue;
      const interp = pairing.interpretation;
      late.push({ ...listed, interpretationUrl: interp.url, interpretationDate: interp.date!, workdays: delay.workdays });
      findings.push({
        check: 'interpretations', code: 'interpretation.late', severity: 'minor', siteId, url: policy.url,
        message: strings.late(policy.title, policy.date!, interp.date!, delay.workdays, cfg.maxDelayWorkdays),
        evidence: {
          title: policy.title, date: policy.date, documentNumber: policy.docNo, column: policy.column,
          interpretationUrl: interp.url, interpretationTitle: interp.title, interpretationDate: interp.date,
          workdays: delay.workdays, maxDelayWorkdays: cfg.maxDelayWorkdays, deadline: delay.deadline, pairedBy: pairing.by,
        },
      });
    }

    // Nothing to judge: nothing read at all, or a policy column that lists nothing, is not a pass (not measured); a
    // site without a policy column whose pages hold no document with a 文号 has no duty to interpret (passed, said).
    const hasPolicyColumn = columns.some((c) => c.kind === 'policy');
    const nothing = policies.length === 0 ? (!anyPageRead(pages) ? pageCoverage(pages, 0).reason : hasPolicyColumn ? strings.emptyPolicyColumn : null) : null;
    return {
      findings,
      ...(nothing ? { notMeasured: nothing } : {}),
      coverage: { candidates: policies.length, judged: policies.length - unread.length, ...(unread.length ? { reason: strings.noDocNumber(unread.length) } : policies.length === 0 && !nothing ? { reason: strings.noPolicyDocuments } : {}) },
      warnings: warnings.size ? [...warnings] : undefined,
      metrics: {
        policyDocuments: policies.length,
        needingInterpretation: inScope.length,
        interpreted: paired,
        coverage: inScope.length > pending.length ? Math.round((paired / (inScope.length - pending.length)) * 1000) / 1000 : null,
        pairedBy,
        interpretationsFound: interpretationDocs.length,
        crawlTruncated: crawl.truncated,
        missing,
        late,
        pending,
      },
    };
  },
};

/** Working days from the policy to its interpretation when beyond the limit; null when on time or not judgeable. */
function lateness(policy: Doc, pairing: Pairing, max: number, calendar: WorkCalendar, warnings: Set<string>): { workdays: number; deadline: string } | null {
  const from = policy.date;
  const to = pairing.interpretation.date;
  if (!from || !to || to <= from) return null;
  try {
    const deadline = calendar.addWorkdays(from, max);
    if (to <= deadline) return null;
    return { workdays: workdaysAfter(calendar, from, to), deadline };
  } catch (e) {
    if ((e as Error)?.name === 'CalendarNotCoveredError') {
      warnings.add(strings.calendarGap(to));
      return null;
    }
    throw e;
  }
}

/** The last day an interpretation of a document published on `date` is on time; null beyond the calendar. */
function deadlineOf(date: string, max: number, calendar: WorkCalendar, warnings: Set<string>): string | null {
  try {
    return calendar.addWorkdays(date, max);
  } catch (e) {
    if ((e as Error)?.name !== 'CalendarNotCoveredError') throw e;
    warnings.add(strings.calendarGap(date));
    return null;
  }
}

/** Working days d with from < d ≤ to. */
function workdaysAfter(calendar: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = calendar.addWorkdays(from, 1); d <= to; d = calendar.addWorkdays(d, 1)) n++;
  return n;
}

/** An article page: healthy HTML, not a configured column, not a list. */
function isArticle(p: PageArtifact, columnKeys: Set<string>): boolean {
  if (!isHealthyHtml(p) || columnKeys.has(pageKey(p.url)) || columnKeys.has(pageKey(p.finalUrl)) || p.listItems?.length) return false;
  return pageTitle(p).length > 6;
}

function dedupe(docs: Doc[]): Doc[] {
  const seen = new Map<string, Doc>();
  for (const d of docs) if (!seen.has(d.key)) seen.set(d.key, d);
  return [...seen.values()].sort((a, b) => a.url.localeCompare(b.url));
}
