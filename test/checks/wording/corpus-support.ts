// Test support for the wording corpus: its pages parsed as the crawler parses them (crawler/html.ts, text kept),
// run through the wording check with the corpus district config.
import type { PageArtifact } from '../../../contract/artifacts/crawl.ts';
import type { CheckContext, SiteArtifacts } from '../../../checks/types.ts';
import type { Finding } from '../../../contract/finding.ts';
import { wording } from '../../../checks/wording.ts';
import { parseConfig } from '../../../config/load.ts';
import { createCalendar } from '../../../calendar/workdays.ts';
import { parseHtml } from '../../../crawler/html.ts';
import { corpusConfig, type CorpusPage } from '../../../fixtures/wording/corpus.ts';

export const NOW = new Date('2026-11-20T10:00:00+08:00');

export function toArtifact(p: CorpusPage): PageArtifact {
  const parsed = parseHtml(p.html, p.url, { text: true });
  return {
    url: p.url, finalUrl: p.url, depth: 1, status: 200, redirects: [], contentType: 'text/html', charset: 'utf-8', bytes: p.html.length,
    fetchedAt: NOW.toISOString(), timeMs: 1, isHtml: true, title: parsed.title, meta: parsed.meta, links: parsed.links, text: parsed.text, html: p.html,
  };
}

export function runCorpus(pages: CorpusPage[], configOverride: Record<string, unknown> = {}): { findings: Finding[]; metrics: Record<string, unknown> } {
  const config = parseConfig({ ...corpusConfig, ...configOverride }, '/corpus/district.json');
  const site = config.sites[0];
  const ctx: CheckContext = { now: NOW, timezone: 'Asia/Shanghai', config, site, calendar: createCalendar() };
  const artifacts: SiteArtifacts = { site, unavailable: {}, pages: pages.map(toArtifact), attachments: [] };
  const out = wording.run(artifacts, ctx);
  if (Array.isArray(out)) return { findings: out, metrics: {} };
  return { findings: out.findings, metrics: out.metrics ?? {} };
}
