// The document-metadata gatherer: reads each healthy HTML page's title, 文号, 索引号, dates, issuer and topic from
// the HTML the crawl already holds (crawler/meta/document-meta.ts). No I/O; pages without HTML are left out (checks
// then read the same labels from the page's text, util/document-meta.ts).
import type { Gatherer } from './gatherer.ts';
import type { DocumentMeta } from '../contract/document-meta.ts';
import { readDocumentMeta } from './meta/document-meta.ts';
import { isHealthyHtml } from '../util/site-pages.ts';

export const documentMetaGatherer: Gatherer = {
  id: 'document-meta',
  produces: ['documentMeta'],
  after: ['crawl'],
  async gather(_ctx, artifacts) {
    if (!artifacts.pages) {
      artifacts.unavailable.documentMeta = artifacts.unavailable.pages ?? 'pages were not kept';
      return;
    }
    const pages: DocumentMeta[] = [];
    for (const p of artifacts.pages) if (isHealthyHtml(p) && typeof p.html === 'string') pages.push(readDocumentMeta(p.html, p.url));
    artifacts.documentMeta = { pages };
  },
};
