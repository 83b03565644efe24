// docs/reference/finding-codes.md, generated from the finding code list (contract/finding-codes.ts) and the indicator
// catalogue, so the reference says which indicator each code feeds exactly as scoring does. Regenerate with
// `node bin/run-ts.mjs reports/docs/write-finding-codes-md.ts`; test/reports/finding-codes-doc.test.ts compares.
import { findingCodes } from '../../contract/finding-codes.ts';
import { defaultIndicators, type Indicator } from '../../config/reports/indicators.ts';
import { severityText } from '../vocabulary.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Does a catalogue code pattern (`a11y.*`) cover an entry's code or family (`identity.missing-*`)? */
function covers(pattern: string, code: string): boolean {
  const stem = (c: string) => (c.endsWith('*') ? c.slice(0, -1) : c);
  if (pattern.endsWith('*')) return stem(code).startsWith(stem(pattern));
  return code.endsWith('*') ? pattern.startsWith(stem(code)) : pattern === code;
}

function feeds(code: string, catalogue: Indicator[]): string {
  const names = catalogue
    .filter((i) => i.codes.some((p) => covers(p, code)))
    .map((i) => `${i.name}${i.kind === 'veto' ? '（否决）' : ''}${i.severities ? `（${i.severities.map((s) => severityText[s] ?? s).join('、')}）` : ''}${i.evidence ? `（${i.evidence.key} = ${i.evidence.values.map((v) => JSON.stringify(v)).join(' 或 ')}）` : ''}`);
  return names.length ? names.join('；') : '提示（不计分）';
}

/** The whole Markdown file. */
export function findingCodesMarkdown(catalogue: Indicator[] = defaultIndicators): string {
  const checks = [...new Set(findingCodes.map((e) => e.code.split('.')[0]))];
  const lines = [
    '<!-- Generated from contract/finding-codes.ts and the indicator catalogue by reports/docs/write-finding-codes-md.ts. Do not edit by hand. -->',
    '# Finding codes',
    '',
    'Every finding is `{ check, code, severity, review?, siteId, url, message, evidence }`. Severity is gravity only',
    '(`veto`, `major`, `minor`, `info`); `review: true` marks what a person must confirm — shown, never scored until',
    'confirmed. Clerks never see these codes: scorecards show the Chinese message and evidence labels',
    '(reports/vocabulary.ts). Which indicator a code feeds is decided by the catalogue ([indicators.md](../indicators.md)).',
    '',
  ];
  for (const prefix of checks) {
    lines.push(`## \`${prefix}.*\``, '', '| code | meaning | url | evidence | 计入指标 |', '| --- | --- | --- | --- | --- |');
    for (const e of findingCodes.filter((x) => x.code.split('.')[0] === prefix)) {
      lines.push(`| \`${e.code}\` | ${cell(e.meaning)} | ${cell(e.url)} | ${cell(e.evidence)} | ${cell(feeds(e.code, catalogue))} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
