// The one way checks read a page's document metadata: the `documentMeta` artifact's entry for the page (read from
// its HTML by crawler/meta/document-meta.ts), else — pages held without HTML — the same labels read from the page's
// meta tags and visible text. Dates fall back to the labelled text and the TRS/Hanweb article URL (util/dates.ts).
import type { PageArtifact } from '../contract/artifacts/crawl.ts';
import type { DocumentFields, DocumentMeta, DocumentMetaArtifact } from '../contract/document-meta.ts';
import { extractPageDate } from './dates.ts';
import { offer, readColonText } from './meta-labels.ts';
import { pageKey } from './site-pages.ts';

/** The artifact's entries by page key. */
export type MetaIndex = Map<string, DocumentMeta>;

export function indexDocumentMeta(artifact: DocumentMetaArtifact | undefined): MetaIndex {
  const index: MetaIndex = new Map();
  for (const m of artifact?.pages ?? []) if (!index.has(pageKey(m.url))) index.set(pageKey(m.url), m);
  return index;
}

/** What a page states about itself: the artifact's entry, else the fields found in its meta tags and text. */
export function documentMetaOf(page: Pick<PageArtifact, 'url' | 'finalUrl' | 'meta' | 'text'>, metas?: MetaIndex): DocumentMeta {
  const held = metas?.get(pageKey(page.url)) ?? metas?.get(pageKey(page.finalUrl));
  if (held) return held;
  const fields: DocumentFields = {};
  const meta = page.meta ?? {};
  if (meta.articletitle) offer(fields, 'title', meta.articletitle, 'meta-tag');
  if (meta.pubdate) offer(fields, 'published', meta.pubdate, 'meta-tag');
  if (meta.contentsource) offer(fields, 'issuer', meta.contentsource, 'meta-tag');
  if (typeof page.text === 'string') readColonText([page.text], fields);
  return { url: page.url, ...fields };
}

/** Where a document's date came from. */
export type DocDateSource = 'meta' | 'label' | 'url';

/**
 * A page's date: its stated publication date, else its written date (成文日期), else a date labelled in its text
 * (更新时间, 日期) or in its TRS/Hanweb URL; null when none.
 */
export function documentDateOf(page: Pick<PageArtifact, 'url' | 'finalUrl' | 'meta' | 'text' | 'title'>, metas?: MetaIndex): { date: string; source: DocDateSource } | null {
  const m = documentMetaOf(page, metas);
  const stated = m.published ?? m.written;
  if (stated) return { date: stated.value, source: 'meta' };
  const d = extractPageDate({ url: page.finalUrl, meta: {}, text: page.text, title: page.title });
  return d ? { date: d.date, source: d.source === 'url' ? 'url' : 'label' } : null;
}
