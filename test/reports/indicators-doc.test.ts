// docs/indicators.md is generated from the indicator catalogue: regenerating it gives the committed file, so the
// documented points, weights and veto conditions are the ones the scorecards use (deductions add up to 100).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indicatorsMarkdown } from '../../reports/docs/indicators-md.ts';
import { defaultIndicators } from '../../config/reports/indicators.ts';

describe('docs/indicators.md', () => {
  it('is what the catalogue generates (run node bin/run-ts.mjs reports/docs/write-indicators-md.ts after a change)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../docs/indicators.md', import.meta.url)), 'utf8');
    expect(committed).toBe(indicatorsMarkdown());
  });

  it('names every indicator with its points, and the deductions add up to the 100 the scorecards start from', () => {
    const md = indicatorsMarkdown();
    for (const i of defaultIndicators) expect(md).toContain(`| \`${i.id}\` | ${i.name} |`);
    expect(md).toContain('| `service.search` | 站内搜索 | 3 | 有此类问题即扣3分，最多扣3分 |');
    expect(md).toContain('| | **合计** | **100** | | | |');
    expect(defaultIndicators.filter((i) => i.kind === 'deduction').reduce((s, i) => s + i.points, 0)).toBe(100);
  });
});
