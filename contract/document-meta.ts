// The `documentMeta` artifact (crawler/gather-document-meta.ts): what a page says about itself as a government
// document — title, 文号, 索引号, dates, issuer, topic — each with the page shape it was read from, one per healthy
// HTML page. Every check that needs a 文号 or a date reads it here (util/document-meta.ts), not from the text.

/** Where on the page a value was read. */
export type MetaSource =
  /** `<meta name="ArticleTitle|PubDate|ContentSource|…">`. */
  | 'meta-tag'
  /** A label cell and its value cell (`th`/`td`, `td`/`td`, several pairs in one row). */
  | 'table'
  /** `dt` label, `dd` value. */
  | 'dl'
  /** A labelled inline element (`<span>文号：</span><span>…</span>`, `<b>文号：</b>…`). */
  | 'span'
  /** `文号：…` in a line of text. */
  | 'colon-text'
  /** A 文号 standing alone on a line near the title, without a label. */
  | 'lone-line'
  /** The page's `h1` or `<title>` (title only). */
  | 'heading';

export interface MetaValue {
  /** Normalised: 文号 as `X〔YYYY〕N号`, dates as `YYYY-MM-DD`, other text whitespace-collapsed. */
  value: string;
  source: MetaSource;
}

/** The fields of a document's metadata; a field the page does not state is absent. */
export interface DocumentFields {
  title?: MetaValue;
  /** 文号 / 发文字号. */
  docNumber?: MetaValue;
  /** 索引号. */
  indexNumber?: MetaValue;
  /** 发布日期 / 发布时间 / 公开日期. */
  published?: MetaValue;
  /** 成文日期 / 印发日期. */
  written?: MetaValue;
  /** 发文机关 / 发布机构. */
  issuer?: MetaValue;
  /** 主题分类. */
  topic?: MetaValue;
}

export type DocumentField = keyof DocumentFields;

/** One page's metadata. */
export interface DocumentMeta extends DocumentFields {
  /** The page's URL as crawled (PageArtifact.url). */
  url: string;
}

export interface DocumentMetaArtifact {
  /** Healthy HTML pages of the crawl, in crawl order. */
  pages: DocumentMeta[];
}
