// The labels government templates print before a document's metadata (文号, 索引号, 发布日期, …) and how each value
// is normalised. Shared by the HTML reader (crawler/meta/document-meta.ts) and the text fallback
// (util/document-meta.ts), so both read the same words the same way.
import type { DocumentField, DocumentFields, MetaSource, MetaValue } from '../contract/document-meta.ts';
import { findDates } from './dates.ts';
import { extractDocNumbers, extractIndexNumber, tidyTitle } from './docno.ts';
import { toHalfWidth } from './width.ts';

/** Label words by field (compared after {@link labelKey}). */
export const FIELD_LABELS: Record<DocumentField, string[]> = {
  title: ['标题', '名称', '文件名称', '文件标题', '信息名称'],
  docNumber: ['文号', '发文字号', '发文文号', '文件编号', '发文号'],
  indexNumber: ['索引号', '索取号'],
  published: ['发布日期', '发布时间', '公开日期', '公开时间', '发布于', '发文日期'],
  written: ['成文日期', '成文时间', '印发日期', '生成日期'],
  issuer: ['发文机关', '发布机构', '发文单位', '发布单位', '发布机关', '制发机关', '发文机构'],
  topic: ['主题分类', '主题类别', '信息分类', '分类'],
};

const BY_LABEL = new Map<string, DocumentField>(Object.entries(FIELD_LABELS).flatMap(([field, labels]) => labels.map((l) => [l, field as DocumentField] as const)));

/** Longest label first, so 发文字号 is not read as 文号 with a prefix. */
const LABEL_ALT = [...BY_LABEL.keys()].sort((a, b) => b.length - a.length).map((l) => [...l].join('[\\s\\u3000]{0,4}')).join('|');
/** Words that end a value on a line holding several labelled values. */
const STOP_WORDS = '来源|作者|浏览次数|点击数|点击率|访问量|字号|【字|【打印|【关闭|打印|关闭|分享|有效性|是否有效|时效|主题词|关键词';
/** `label：value` where value runs to the next label, a stop word or the line's end. */
const COLON_RE = new RegExp(`(?<![\\p{Script=Han}])(${LABEL_ALT})[\\s\\u3000]{0,3}[:：][\\s\\u3000]{0,3}(.*?)(?=(?:${LABEL_ALT})[\\s\\u3000]{0,3}[:：]|${STOP_WORDS}|$)`, 'gu');

/** A label as compared: spaces (ASCII, ideographic, nbsp), a trailing colon and surrounding 【】[] removed. */
export function labelKey(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '').replace(/^[【[［]/, '').replace(/[】\]］]?[:：]?$/, '').replace(/[】\]］]$/, '');
}

/** The field a label names, or null (`文号：`, `【发布日期】`, `索 引 号` all count). */
export function fieldOfLabel(text: string): DocumentField | null {
  if (text.length > 16) return null;
  return BY_LABEL.get(labelKey(text)) ?? null;
}

const MAX_TEXT_VALUE = 100;

/** The normalised value of a field, or null when the text holds none (`文号：无` gives null). */
export function normaliseValue(field: DocumentField, raw: string): string | null {
  const text = raw.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
  if (!text) return null;
  switch (field) {
    case 'docNumber':
      return extractDocNumbers(text)[0] ?? null;
    case 'indexNumber':
      return extractIndexNumber(`索引号：${text}`);
    case 'published':
    case 'written':
      return findDates(text)[0]?.date ?? null;
    case 'title': {
      const t = tidyTitle(text);
      return t.length >= 2 ? t.slice(0, 200) : null;
    }
    default: {
      const t = tidyTitle(toHalfWidth(text).replace(/^[:：]/, '')).trim();
      return t && !/^(无|暂无|-+|\/)$/.test(t) ? t.slice(0, MAX_TEXT_VALUE) : null;
    }
  }
}

/** Sets `field` on `fields` unless already set (the first, best-ranked source wins). */
export function offer(fields: DocumentFields, field: DocumentField, raw: string, source: MetaSource): boolean {
  if (fields[field]) return false;
  const value = normaliseValue(field, raw);
  if (value === null) return false;
  fields[field] = { value, source } satisfies MetaValue;
  return true;
}

/** Every `label：value` pair of one line of text, in order. */
export function colonPairs(line: string): { field: DocumentField; raw: string }[] {
  const out: { field: DocumentField; raw: string }[] = [];
  for (const m of line.matchAll(COLON_RE)) {
    const field = fieldOfLabel(m[1]);
    if (field) out.push({ field, raw: m[2] });
  }
  return out;
}

/** Reads the `label：value` pairs of each line into `fields` (source `colon-text`). */
export function readColonText(lines: readonly string[], fields: DocumentFields): void {
  for (const line of lines) for (const { field, raw } of colonPairs(line)) offer(fields, field, raw, 'colon-text');
}
