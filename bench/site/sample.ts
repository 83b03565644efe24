// The pages the browser part of the bench checks: the homepage, each column's first list page, the static pages and
// articles spread over the columns (GBK ones included), in a fixed order.
import { staticPages, type SiteModel } from './model.ts';

export function samplePages(m: SiteModel, count: number): string[] {
  const main = m.hosts.main;
  const out = [`${main}/`, ...m.columns.map((c) => main + m.listPath(c, 0)), ...staticPages.map((s) => `${main}/static/${s}.html`)];
  for (let i = 0; out.length < count && i < m.articles; i++) {
    const c = m.columns[i % m.columns.length];
    const rank = Math.floor(i / m.columns.length) * 7;
    if (rank < c.count) out.push(main + m.articlePath(m.article(c.first + rank)));
  }
  return out.slice(0, count);
}
