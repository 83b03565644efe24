// Government documents as the interpretation check sees them: an article's title, date and 文号 from its list
// item and (when crawled) its page; whether a title is normative (办法, 规定, 细则, 意见, 方案, 决定, a notice that
// 印发 a document); and the title keys an interpretation may quote.
import type { PageArtifact } from '../../contract/artifacts/crawl.ts';
import { extractPageDate } from '../../util/dates.ts';
import { extractDocNumbers, extractQuotedTitles, normaliseTitle, tidyTitle } from '../../util/docno.ts';
import { documentDateOf, documentMetaOf, type MetaIndex } from '../../util/document-meta.ts';
import { isHealthyHtml, pageKey } from '../../util/site-pages.ts';

/** A document (policy or interpretation) known from a list, a crawled page, or both. */
export interface Doc {
  url: string;
  key: string;
  /** The crawled page, when it was fetched and is healthy HTML. */
  page: PageArtifact | null;
  title: string;
  /** `YYYY-MM-DD`, or null. */
  date: string | null;
  /** 文号, normalised (泉鲤政办〔2026〕45号), or null. */
  docNo: string | null;
  /** Name of the configured column that lists it, if any. */
  column: string | null;
}

const NORMATIVE_RE = /办法|规定|细则|意见|方案|决定|印发.{1,150}通知/u;
const CONSULTATION_RE = /征求[^，。；]{0,80}意见|意见(?:征集|反馈)/gu;
const INTERPRETATION_RE = /解读|图解|一图读懂|答记者问|政策问答/u;
const SITE_SUFFIX_RE = /\s*(?:_|\||｜|--|——\s)\s*[^_|｜]{2,40}$/u;

/** The page's own title: ArticleTitle meta, else `<title>` without its `_站名` suffix. */
export function pageTitle(page: PageArtifact): string {
  const meta = page.meta?.articletitle?.trim();
  if (meta) return tidyTitle(meta);
  const t = (page.title ?? '').trim();
  const stripped = t.replace(SITE_SUFFIX_RE, '');
  return tidyTitle(stripped.length >= 4 ? stripped : t);
}

/** A title that names a normative document; consultations (征求…意见) and interpretations are not. */
export function isNormativeTitle(title: string): boolean {
  if (INTERPRETATION_RE.test(title)) return false;
  return NORMATIVE_RE.test(title.replace(CONSULTATION_RE, ''));
}

/** A title that names an interpretation (解读, 图解, 一图读懂, 答记者问, 政策问答). */
export function isInterpretationTitle(title: string): boolean {
  return INTERPRETATION_RE.test(title);
}

/**
 * Builds a Doc from what a list says (title, date) and the crawled page's document metadata (util/document-meta.ts),
 * which wins where it knows better. The 文号 is the one the page states (table, label, lone line), else one in the title.
 */
export function makeDoc(url: string, listed: { title?: string; date?: string | null; column?: string | null }, index: Map<string, PageArtifact>, metas?: MetaIndex): Doc {
  const key = pageKey(url);
  const found = index.get(key);
  const page = found && isHealthyHtml(found) ? found : null;
  const meta = page ? documentMetaOf(page, metas) : null;
  const title = (page ? (meta?.title?.value ? tidyTitle(meta.title.value) : pageTitle(page)) : '') || tidyTitle(listed.title ?? '');
  const pageDate = page ? documentDateOf(page, metas) : null;
  const urlDate = extractPageDate({ url, meta: {} });
  return {
    url,
    key,
    page,
    title,
    date: pageDate?.date ?? listed.date ?? urlDate?.date ?? null,
    docNo: meta?.docNumber?.value ?? extractDocNumbers(title || (listed.title ?? ''))[0] ?? null,
    column: listed.column ?? null,
  };
}

/**
 * Normalised titles under which an interpretation may quote this policy: the full title, titles quoted in it,
 * the document a 印发/转发…的通知 issues, and the title from 关于 on (without the issuer).
 */
export function titleKeys(title: string): Set<string> {
  const keys = new Set<string>();
  const add = (t: string) => {
    const k = normaliseTitle(t);
    if (k.length >= 4) keys.add(k);
  };
  add(title);
  for (const q of extractQuotedTitles(title)) add(q);
  const issued = /(?:印发|转发)(.+?)的?通知$/u.exec(title.replace(/[（(][^（()）]*号[)）]\s*$/u, ''));
  if (issued) {
    add(issued[1]);
    // 「惠安县人民政府办公室关于印发乙实施方案的通知」 is quoted as 《惠安县乙实施方案》: the issuer's place before the name.
    const place = /^(.{1,10}?(?:自治县|自治州|省|市|县|区|旗|镇|乡|街道))/u.exec(title)?.[1];
    if (place && !issued[1].startsWith(place)) add(place + issued[1]);
  }
  const about = title.indexOf('关于');
  if (about > 0) add(title.slice(about));
  return keys;
}
