// Wording (国办秘函〔2019〕19号 单项否决“严重表述错误”; 泉鲤政办〔2018〕77号 第31、35项): in every crawled page's title,
// headings and body, and in the text read from its attachments — a window that reads like a key term but is not it
// (same sound, one character wrong, two swapped, one dropped or doubled), a leader's name misspelt beside a post, a
// post not held on the page's date, an institution name no longer in use (wording.serious: a veto candidate, always
// for review until the center confirms it), and misused words from the confusion set (wording.typo, a deduction).
// One finding per page and wrong form, with every place it stands; at most `wording.maxHitsPerPage` hits a page.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { Finding } from '../contract/finding.ts';
import type { Check } from './types.ts';
import type { AttachmentText } from '../contract/artifacts/attachments.ts';
import { isHealthyHtml } from '../util/site-pages.ts';
import { documentDateOf, indexDocumentMeta } from '../util/document-meta.ts';
import { maskPersonalData } from '../util/pii.ts';
import { sentenceAround } from './wording/guards.ts';
import { headingSpans } from './wording/headings.ts';
import { lexiconFor, type Lexicon } from './wording/lexicon.ts';
import { scanText, type Hit, type HitKind } from './wording/scan.ts';
import { strings, whereLabels } from './wording.strings.ts';
import { pageCoverage, withAttachments } from './lib/page-coverage.ts';

type Where = keyof typeof whereLabels;

/** One place a wrong form stands (shown in the evidence as text, see describeOccurrence). */
interface Occurrence {
  where: Where;
  /** The sentence with the wrong text marked 【…】, personal data masked. */
  sentence: string;
  attachmentName?: string;
  pdfPage?: number;
}

interface Group {
  url: string;
  hit: Hit;
  occurrences: Occurrence[];
  count: number;
  attachment?: AttachmentText;
  pageDate?: string | null;
  /** The same sentence with the same error on this many pages (a template or a shared block): one finding. */
  pages?: string[];
}

const MAX_OCCURRENCES = 5;
/** Pages carrying the same error in the same sentence from which it counts as one template error. */
const TEMPLATE_PAGES = 5;
const MAX_EXAMPLE_PAGES = 10;

/**
 * The same wrong form in the same sentence on many pages is one error of the site's template or a shared block
 * (a footer, a column header): reported once, on the first page, with the number of pages and examples.
 */
function mergeTemplateRepeats(groups: Group[]): Group[] {
  const key = (g: Group) => (g.attachment ? null : JSON.stringify([g.hit.kind, g.hit.wrong, g.hit.correct, g.occurrences[0]?.sentence]));
  const byKey = new Map<string, Group[]>();
  for (const g of groups) {
    const k = key(g);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), g]);
  }
  const out: Group[] = [];
  const merged = new Set<Group>();
  for (const g of groups) {
    if (merged.has(g)) continue;
    const same = key(g) ? byKey.get(key(g)!)! : [g];
    if (same.length < TEMPLATE_PAGES) {
      out.push(g);
      continue;
    }
    for (const x of same) merged.add(x);
    const urls = same.map((x) => x.url).sort();
    const first = same.find((x) => x.url === urls[0])!;
    out.push({ ...first, count: same.reduce((n, x) => n + x.count, 0), pages: urls });
  }
  return out;
}

export const wording: Check = {
  id: 'wording',
  title: strings.title,
  requires: ['pages', 'text', 'html', 'attachments'],
  reads: ['documentMeta'],
  run(artifacts, ctx) {
    const lex = lexiconFor(ctx.config.wording);
    const metas = indexDocumentMeta(artifacts.documentMeta);
    const siteId = artifacts.site.id;
    const pages = artifacts.pages!;
    const groups: Group[] = [];
    const omitted: { url: string; hits: number }[] = [];
    const dates = new Map<string, string | null>();
    const dateOf = (p: PageArtifact) => {
      if (!dates.has(p.url)) dates.set(p.url, documentDateOf(p, metas)?.date ?? null);
      return dates.get(p.url)!;
    };
    let pagesScanned = 0;
    let undated = 0;
    const seen = new Set<string>();
    for (const page of pages) {
      if (!isHealthyHtml(page) || seen.has(page.finalUrl)) continue;
      seen.add(page.finalUrl);
      pagesScanned++;
      const opts = { pageDate: () => dateOf(page), onUndated: () => undated++ };
      const found: { hit: Hit; text: string; where: Where }[] = [];
      for (const hit of scanText(page.title ?? '', lex, opts)) found.push({ hit, text: page.title!, where: 'title' });
      const body = typeof page.text === 'string' ? page.text : '';
      const bodyHits = scanText(body, lex, opts);
      if (bodyHits.length) {
        const spans = headingSpans(page.html, body);
        for (const hit of bodyHits) found.push({ hit, text: body, where: spans.some((s) => s.start <= hit.start && hit.end <= s.end) ? 'heading' : 'body' });
      }
      collect(groups, omitted, page.url, found, lex, () => ({ pageDate: dateOf(page) }));
    }
    let attachmentsScanned = 0;
    if (lex.attachments) {
      const byUrl = new Map<string, PageArtifact>(pages.map((p) => [p.url, p]));
      for (const file of artifacts.attachments!) {
        if (typeof file.text !== 'string' || !file.text) continue;
        attachmentsScanned++;
        const linking = file.foundOn.map((u) => byUrl.get(u)).filter((p): p is PageArtifact => !!p);
        // the earliest date of a page linking to it: a post or a name is judged against the oldest it could be
        const pageDate = () => linking.map(dateOf).filter((d): d is string => !!d).sort()[0] ?? null;
        const name = attachmentName(file, linking);
        const hits = scanText(file.text, lex, { pageDate, onUndated: () => undated++ });
        const found = hits.map((hit) => ({ hit, text: file.text!, where: 'attachment' as const, name, pdfPage: pdfPageOf(file, hit.start) }));
        collect(groups, omitted, file.url, found, lex, () => ({ attachment: file, pageDate: pageDate() }));
      }
    }
    const findings = mergeTemplateRepeats(groups).map((g) => toFinding(siteId, g, omitted.find((o) => o.url === g.url)?.hits));
    const files = lex.attachments ? artifacts.attachments!.length : 0;
    return {
      findings,
      coverage: withAttachments(pageCoverage(pages, pagesScanned), files, attachmentsScanned),
      metrics: {
        pagesScanned,
        attachmentsScanned,
        serious: findings.filter((f) => f.code === 'wording.serious').length,
        typos: findings.filter((f) => f.code === 'wording.typo').length,
        hitsOverPageLimit: omitted.reduce((s, o) => s + o.hits, 0),
        pagesOverLimit: omitted.map((o) => o.url),
        postMentionsUndated: undated,
        keyTerms: lex.terms.length,
      },
    };
  },
};

type Found = { hit: Hit; text: string; where: Where; name?: string; pdfPage?: number };

/** Groups a page's (or attachment's) hits by wrong form, serious first, keeping at most `maxHitsPerPage` hits. */
function collect(groups: Group[], omitted: { url: string; hits: number }[], url: string, found: Found[], lex: Lexicon, extra: () => Partial<Group>): void {
  if (!found.length) return;
  const sorted = [...found].sort((a, b) => Number(b.hit.serious) - Number(a.hit.serious) || order(a.where) - order(b.where) || a.hit.start - b.hit.start);
  const mine: Group[] = [];
  let used = 0;
  let over = 0;
  for (const f of sorted) {
    if (used >= lex.maxHitsPerPage) {
      over++;
      continue;
    }
    used++;
    let g = mine.find((x) => x.hit.wrong === f.hit.wrong && x.hit.correct === f.hit.correct && x.hit.kind === f.hit.kind);
    if (!g) {
      g = { url, hit: f.hit, occurrences: [], count: 0, ...extra() };
      mine.push(g);
    }
    g.count++;
    if (g.occurrences.length < MAX_OCCURRENCES) g.occurrences.push(occurrence(f));
  }
  groups.push(...mine);
  if (over) omitted.push({ url, hits: over });
}

function order(w: Where): number {
  return ['title', 'heading', 'body', 'attachment'].indexOf(w);
}

function occurrence(f: Found): Occurrence {
  const { from, to } = sentenceAround(f.text, f.hit.start, f.hit.end);
  const sentence = `${f.text.slice(from, f.hit.start)}【${f.text.slice(f.hit.start, f.hit.end)}】${f.text.slice(f.hit.end, to)}`.trim();
  return { where: f.where, sentence: maskPersonalData(sentence), ...(f.name ? { attachmentName: f.name } : {}), ...(f.pdfPage ? { pdfPage: f.pdfPage } : {}) };
}

/** An occurrence as a clerk reads it: `正文：……【布署】……`, `附件第2页：……`. */
function describeOccurrence(o: Occurrence): string {
  return `${whereLabels[o.where]}${o.pdfPage ? `第${o.pdfPage}页` : ''}：${o.sentence}`;
}

function toFinding(siteId: string, g: Group, omittedOnPage: number | undefined): Finding {
  const { hit } = g;
  const serious = hit.serious;
  const one = serious ? strings.serious(hit.wrong, hit.correct, hit.kind, g.count) : strings.typo(hit.wrong, hit.correct, g.count);
  const base = g.pages ? strings.onManyPages(one, g.pages.length) : one;
  return {
    check: 'wording',
    code: serious ? 'wording.serious' : 'wording.typo',
    severity: serious ? 'veto' : 'minor',
    ...(serious ? { review: true as const } : {}),
    siteId,
    url: g.url,
    message: g.attachment ? strings.inAttachment(base) : base,
    evidence: {
      rule: `${hit.wrong}→${hit.correct}`,
      kind: hit.kind,
      wrong: hit.wrong,
      correct: hit.correct,
      count: g.count,
      where: [...new Set(g.occurrences.map((o) => whereLabels[o.where]))],
      occurrences: g.occurrences.map(describeOccurrence),
      source: hit.source.date && !hit.source.name.includes(`${hit.source.date.slice(0, 4)}年`) ? `${hit.source.name}（${hit.source.date}）` : hit.source.name,
      ...(hit.note ? { note: hit.note } : {}),
      ...(g.pageDate ? { pageDate: g.pageDate } : {}),
      ...(g.attachment ? { attachmentName: g.occurrences[0]?.attachmentName, format: g.attachment.format, foundOn: g.attachment.foundOn } : {}),
      ...(g.attachment && g.occurrences.some((o) => o.pdfPage) ? { pdfPages: [...new Set(g.occurrences.map((o) => o.pdfPage).filter(Boolean))] } : {}),
      ...(omittedOnPage ? { omittedOnPage } : {}),
      ...(g.pages ? { pagesAffected: g.pages.length, examplePages: g.pages.slice(0, MAX_EXAMPLE_PAGES) } : {}),
    },
  };
}

/** The name a page gives the attachment (the link's text), else its file name. */
function attachmentName(file: AttachmentText, linking: PageArtifact[]): string {
  for (const p of linking) {
    const l = p.links.find((x) => x.url === file.url && x.text);
    if (l?.text) return l.text;
  }
  try {
    return decodeURIComponent(new URL(file.url).pathname.split('/').pop() ?? file.url);
  } catch {
    return file.url;
  }
}

function pdfPageOf(file: AttachmentText, offset: number): number | undefined {
  if (file.format !== 'pdf') return undefined;
  const starts = file.pageStarts ?? [];
  let page = 1;
  for (const s of starts) if (offset >= s) page++;
  return page;
}

export type { HitKind };
