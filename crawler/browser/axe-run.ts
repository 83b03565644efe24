// Runs axe-core in a loaded page: injects the package's `axe.source`, sets the zh-CN locale when axe ships it,
// runs the rules of the configured tags, and brings back violations and "incomplete" results, trimmed and validated
// (the page is untrusted: its scripts could tamper with what axe returns).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { z } from 'zod';
import type { AxeRuleResult } from '../../contract/artifacts/accessibility.ts';

const require = createRequire(import.meta.url);

/** Elements kept per rule and page; HTML snippet length. */
export const axeCaps = { nodes: 10, html: 300, summary: 600 };

/** axe-core's source and version, read once. */
export function axeEngine(): { source: string; version: string } {
  engine ??= (() => {
    const axe = require('axe-core') as { source: string; version: string };
    return { source: axe.source, version: axe.version };
  })();
  return engine;
}
let engine: { source: string; version: string } | undefined;

/** The zh-CN locale axe-core ships (`locales/zh_CN.json`), or null when this axe-core has none. */
export function axeLocale(name = 'zh_CN'): { name: string; data: unknown } | null {
  try {
    return { name, data: JSON.parse(readFileSync(require.resolve(`axe-core/locales/${name}.json`), 'utf8')) };
  } catch {
    return null;
  }
}

const nodeSchema = z.object({
  target: z.array(z.unknown()).transform((t) => t.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)).slice(0, 300))),
  html: z.string().transform((h) => truncate(h, axeCaps.html)),
  failureSummary: z.string().optional().transform((s) => (s === undefined ? undefined : truncate(s, axeCaps.summary))),
});

const ruleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  impact: z.enum(['minor', 'moderate', 'serious', 'critical']).nullable().optional().transform((i) => i ?? null),
  help: z.string().max(1_000),
  description: z.string().max(2_000),
  helpUrl: z.string().max(500),
  tags: z.array(z.string().max(80)).max(100),
  nodes: z.array(nodeSchema).max(axeCaps.nodes),
  nodeCount: z.number().int().min(0),
});

const outputSchema = z.object({
  version: z.string().max(40),
  violations: z.array(ruleSchema).max(500),
  incomplete: z.array(ruleSchema).max(500),
});

export interface AxeOutput {
  version: string;
  violations: AxeRuleResult[];
  incomplete: AxeRuleResult[];
}

/** In-page function: configure, run, trim. Plain JS text, so no build step can rewrite it. */
const runInPage = `async function (opts) {
  var axe = window.axe;
  if (!axe || typeof axe.run !== 'function') throw new Error('axe-core did not load in the page');
  if (opts.locale) axe.configure({ locale: opts.locale });
  var res = await axe.run(document, {
    runOnly: { type: 'tag', values: opts.tags },
    resultTypes: ['violations', 'incomplete'],
    iframes: false,
    elementRef: false
  });
  function trim(list) {
    return list.map(function (r) {
      return {
        id: r.id, impact: r.impact, help: r.help, description: r.description, helpUrl: r.helpUrl, tags: r.tags,
        nodeCount: r.nodes.length,
        nodes: r.nodes.slice(0, opts.maxNodes).map(function (n) {
          return { target: n.target, html: String(n.html).slice(0, opts.maxHtml + 1), failureSummary: n.failureSummary };
        })
      };
    });
  }
  return { version: res.testEngine.version, violations: trim(res.violations), incomplete: trim(res.incomplete) };
}`;

/** Runs axe on the loaded `page`. Throws when axe cannot run or returns something malformed. */
export async function runAxe(page: Page, opts: { tags: string[]; locale: { name: string; data: unknown } | null }): Promise<AxeOutput> {
  const { source } = axeEngine();
  await page.evaluate(source);
  const args = { tags: opts.tags, locale: opts.locale?.data ?? null, maxNodes: axeCaps.nodes, maxHtml: axeCaps.html };
  const raw: unknown = await page.evaluate(`(${runInPage})(${JSON.stringify(args)})`);
  const parsed = outputSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`axe-core returned malformed results: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
