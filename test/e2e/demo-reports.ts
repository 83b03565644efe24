// Checks of what the demo audit shows people, run by demo.test.ts on its one audit of the demo district:
// one vocabulary (every evidence key and value in Chinese, local times, no finding code or raw error in HTML/CSV),
// problem screenshots for every named kind, and every report page usable at 390 px without sideways scrolling.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { knownCodes } from '../../config/reports/indicators.ts';
import type { Scorecard } from '../../reports/scorecard.ts';
import { evidenceView, hiddenKeys } from '../../reports/vocabulary.ts';

const cjk = /[\u3400-\u9fff]/;

/** A value a person may read although it has no Chinese in it: numbers, dates, URLs, hosts, masked numbers. */
function plainAscii(v: string): boolean {
  return (
    /^[\d\s.,，:;%/+×*X（）()—-]+$/.test(v) || // numbers, sizes, masked IDs and mobiles, times
    /^(PDF|Word|Excel|WPS)/.test(v) || // file formats by their product names
    /^https?:\/\//.test(v) ||
    /^(https?:\/\/\S+|[a-z0-9-]+(\.[a-z0-9-]+)+)(，(https?:\/\/\S+|[a-z0-9-]+(\.[a-z0-9-]+)+))*( 等\d+项)?$/i.test(v) || // hosts, URL lists
    /^(Baiduspider|Googlebot|Bingbot|360Spider|Sogou\S*|YisouSpider)(，\S+)*$/.test(v) || // crawler names
    /^WCAG /.test(v)
  );
}

/** Keys whose values are what the site or the record says (titles, texts, record numbers): shown as they are. */
const quoted = new Set(['reportId', 'requestId', 'documentNumber', 'title', 'ipv4Title', 'ipv6Title', 'articleTitle', 'newestTitle', 'interpretationTitle', 'text', 'linkText', 'nearHeading', 'excerpts', 'terms', 'description', 'name', 'column', 'query']);

/** Every evidence row of every finding is labelled in Chinese and its value is Chinese or plain data. */
export function vocabularyProblems(cards: Scorecard[], timezone: string): string[] {
  const problems: string[] = [];
  for (const card of cards) {
    for (const f of card.findings) {
      for (const key of Object.keys(f.evidence)) {
        const row = evidenceView({ code: f.code, evidence: { [key]: f.evidence[key] } }, timezone)[0];
        if (!row) continue;
        if (!cjk.test(row.label) || row.label === key) problems.push(`${card.siteId} ${f.code}: key "${key}" has no Chinese label`);
        else if (row.kind === 'text' && !quoted.has(key) && !cjk.test(row.value) && !plainAscii(row.value)) problems.push(`${card.siteId} ${f.code}: ${key} = "${row.value.slice(0, 80)}" is not plain Chinese`);
      }
      if (/\b(ECONN|UND_ERR|ENOTFOUND|ETIMEDOUT)/.test(f.message)) problems.push(`${card.siteId} ${f.code}: raw network error in the message`);
    }
  }
  return problems;
}

/** Text a person sees in an HTML page (no tags, styles, svg or attribute values). */
export function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, ' ') // element code and CSS paths, shown as code on purpose
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Finding codes, raw errors, ISO instants, English keys or null-ish words in a report's visible text. */
export function rawTextProblems(name: string, text: string, cards: Scorecard[]): string[] {
  const codes = new Set([...knownCodes.filter((c) => !c.endsWith('*')), ...cards.flatMap((c) => c.findings.map((f) => f.code))]);
  const problems: string[] = [];
  for (const c of codes) if (text.includes(c)) problems.push(`${name}: finding code ${c}`);
  for (const re of [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, /\bECONN\w+/, /\bUND_ERR\w*/, /\bundefined\b/, /\bNaN\b/, /\[object Object\]/, /\blegacy\b/, /\bnot measured\b/i, /"\w+":/]) {
    const m = re.exec(text);
    if (m) problems.push(`${name}: "${text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ')}"`);
  }
  const keys = new Set(cards.flatMap((c) => c.findings.flatMap((f) => Object.keys(f.evidence))).filter((k) => !hiddenKeys.has(k) && /[A-Z]/.test(k)));
  for (const k of keys) if (new RegExp(`(^|\\s)${k}(\\s|：|:|$)`).test(text)) problems.push(`${name}: evidence key ${k}`);
  return problems;
}

/** The finding kinds that must carry a picture when the demo has them. */
export const pictured: [string, (f: Scorecard['findings'][number]) => boolean][] = [
  ['hidden links (暗链)', (f) => f.code === 'security.hidden-link'],
  ['spam blocks', (f) => f.code === 'security.spam-content'],
  ['tampered page', (f) => f.code === 'security.tampered-title'],
  ['commercial ads', (f) => f.code === 'security.commercial-ad'],
  ['accessibility violations', (f) => f.code.startsWith('a11y.') && Array.isArray(f.evidence.selectors)],
  ['broken images', (f) => f.code === 'link.broken' && Array.isArray(f.evidence.tags) && (f.evidence.tags as string[]).includes('img')],
  ['stale columns', (f) => f.code === 'freshness.column-stale'],
  ['empty columns', (f) => f.code === 'freshness.column-empty'],
];

/** PNG width and height from its header. */
export function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Screenshot problems: every pictured kind present in the demo has its file, within the size cap, shown in the HTML. */
export function screenshotProblems(outDir: string, cards: Scorecard[], cap: { width: number; maxHeight: number; maxPerSite: number }): string[] {
  const problems: string[] = [];
  for (const [kind, is] of pictured) {
    const found = cards.flatMap((c) => c.findings.filter(is).map((f) => ({ c, f })));
    if (!found.length) problems.push(`the demo has no ${kind} (the test would prove nothing)`);
    for (const { c, f } of found) {
      if (!f.screenshot) problems.push(`${c.siteId} ${f.code} (${kind}): no screenshot`);
      else if (!existsSync(join(outDir, 'scorecards', f.screenshot))) problems.push(`${c.siteId} ${f.code}: ${f.screenshot} missing`);
    }
  }
  for (const c of cards) {
    if (!c.homepageScreenshot) problems.push(`${c.siteId}: no homepage screenshot`);
    const shots = [c.homepageScreenshot, ...c.findings.map((f) => f.screenshot)].filter((s): s is string => Boolean(s));
    if (shots.length > cap.maxPerSite) problems.push(`${c.siteId}: ${shots.length} screenshots, over the cap of ${cap.maxPerSite}`);
    const html = readFileSync(join(outDir, 'scorecards', `${c.siteId}.html`), 'utf8');
    for (const s of shots) {
      const file = join(outDir, 'scorecards', s);
      if (!existsSync(file)) continue;
      const [w, h] = pngSize(file);
      if (w > cap.width || h > cap.maxHeight) problems.push(`${s}: ${w}×${h} over ${cap.width}×${cap.maxHeight}`);
      if (!html.includes(`src="${s}"`)) problems.push(`${c.siteId}.html does not show ${s}`);
    }
  }
  return problems;
}

export { expect };
