// Personal data (泉鲤政办〔2018〕77号 第35项): resident ID numbers with a valid checksum, mobile numbers and bank
// card numbers published in clear in page text or in linked attachments (PDF, DOCX, XLSX text read by the
// attachments gatherer). One finding per page or attachment and kind; evidence holds masked values only.
// Masked values, unified social credit codes and office landlines are not personal data (util/pii.ts).
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import { findPersonalData, type PiiHit, type PiiKind } from '../util/pii.ts';
import { isHealthyHtml } from '../util/site-pages.ts';
import { strings } from './privacy.strings.ts';
import { pageCoverage, withAttachments } from './lib/page-coverage.ts';

const MAX_VALUES = 10;
const MAX_CONTEXTS = 3;
const KINDS: PiiKind[] = ['id-number', 'mobile-number', 'bank-card'];

export const privacy: Check = {
  id: 'privacy',
  title: strings.title,
  requires: ['pages', 'text', 'attachments'],
  run(artifacts, ctx) {
    const siteId = artifacts.site.id;
    const findings: Finding[] = [];
    const counts: Record<PiiKind, number> = { 'id-number': 0, 'mobile-number': 0, 'bank-card': 0 };
    let pagesScanned = 0;
    const seen = new Set<string>();
    for (const page of artifacts.pages!) {
      if (!isHealthyHtml(page) || typeof page.text !== 'string' || seen.has(page.finalUrl)) continue;
      seen.add(page.finalUrl);
      pagesScanned++;
      for (const [kind, hits] of byKind(findPersonalData(page.text, ctx.now))) {
        counts[kind] += hits.length;
        findings.push({
          check: 'privacy', code: `privacy.${kind}`, severity: 'major', siteId, url: page.url,
          message: strings.onPage(kind, hits.length),
          evidence: { kind, source: 'page', ...summarise(hits) },
        });
      }
    }
    const files = artifacts.attachments!;
    let attachmentsScanned = 0;
    for (const file of files) {
      if (typeof file.text !== 'string') continue;
      attachmentsScanned++;
      for (const [kind, hits] of byKind(findPersonalData(file.text, ctx.now))) {
        counts[kind] += hits.length;
        findings.push({
          check: 'privacy', code: `privacy.${kind}`, severity: 'major', siteId, url: file.url,
          message: strings.inAttachment(kind, hits.length, file.format),
          evidence: { kind, source: 'attachment', format: file.format, foundOn: file.foundOn, ...(file.truncated ? { truncated: true } : {}), ...summarise(hits) },
        });
      }
    }
    return {
      findings,
      coverage: withAttachments(pageCoverage(artifacts.pages!, pagesScanned), files.length, attachmentsScanned),
      metrics: {
        pagesScanned,
        attachmentsFound: files.length,
        attachmentsScanned,
        attachmentsNotMeasured: files.filter((f) => f.notMeasured).map((f) => ({ url: f.url, reason: f.notMeasured })),
        hits: counts,
        urlsWithPersonalData: new Set(findings.map((f) => f.url)).size,
      },
    };
  },
};

function byKind(hits: PiiHit[]): [PiiKind, PiiHit[]][] {
  return KINDS.map((k) => [k, hits.filter((h) => h.kind === k)] as [PiiKind, PiiHit[]]).filter(([, h]) => h.length > 0);
}

/** Masked values (deduplicated) and a few masked contexts: never a value in clear. */
function summarise(hits: PiiHit[]): { count: number; values: string[]; contexts: string[] } {
  return {
    count: hits.length,
    values: [...new Set(hits.map((h) => h.masked))].slice(0, MAX_VALUES),
    contexts: hits.slice(0, MAX_CONTEXTS).map((h) => h.context),
  };
}
