// The site-search artifact (gathered by crawler/gather-search.ts): the search form found on the homepage (or on a
// search page it links to), and one search for the title of a recent article with the result page's links.

/** A form read from a page. */
export interface SearchForm {
  /** Page the form is on. */
  pageUrl: string;
  /** Absolute action URL. */
  action: string;
  method: 'get' | 'post';
  /** Name of the text field the query goes into. */
  field: string;
  /** Other fields sent as they are (hidden inputs, selects' chosen values). */
  fixed: Record<string, string>;
  /** Why it was taken for a search form (e.g. `input type=search`, `action /search`). */
  why: string;
}

/** The article searched for. */
export interface SearchTarget {
  title: string;
  url: string;
  date: string | null;
  /** Where the title came from: the article's ArticleTitle meta, or the list item's text. */
  source: 'meta' | 'list';
}

export interface SearchAttempt {
  query: string;
  /** The request made (GET with the query in the URL). */
  requestUrl: string;
  status: number | null;
  finalUrl: string | null;
  error?: string;
  /** Same-site links on the result page (normalised), capped. */
  resultLinks: string[];
  /** The result page links to the article. */
  linksToTarget: boolean;
}

export interface SearchArtifact {
  homepage: string;
  /** Pages looked at for a search form. */
  lookedAt: string[];
  form: SearchForm | null;
  target: SearchTarget | null;
  attempt: SearchAttempt | null;
  /** Why no search was tried although a form was found (a POST form, no dated article in the crawl, no crawl). */
  skipped?: string;
}
