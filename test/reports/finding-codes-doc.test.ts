// docs/reference/finding-codes.md is generated from contract/finding-codes.ts and the indicator catalogue: the
// committed file is what the generator writes, and every code a check raises in the fixtures' expected sets or that
// the catalogue scores has an entry (the demo-wide test checks the codes of the demo audit too).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findingCodesMarkdown } from '../../reports/docs/finding-codes-md.ts';
import { findingCodeEntry, findingCodes } from '../../contract/finding-codes.ts';
import { defaultIndicators } from '../../config/reports/indicators.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return name.endsWith('.json') ? [p] : [];
  });
}

describe('finding codes reference', () => {
  it('docs/reference/finding-codes.md is what the list generates (node bin/run-ts.mjs reports/docs/write-finding-codes-md.ts)', () => {
    expect(readFileSync(join(root, 'docs/reference/finding-codes.md'), 'utf8')).toBe(findingCodesMarkdown());
  });

  it('has an entry for every code in the fixtures\' expected findings and in the indicator catalogue', () => {
    const codes = new Set<string>();
    for (const file of jsonFiles(join(root, 'fixtures'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/"code":\s*"([a-z0-9-]+\.[a-z0-9-]+)"/g)) codes.add(m[1]);
    }
    for (const i of defaultIndicators) for (const c of i.codes) if (!c.endsWith('*')) codes.add(c);
    expect(codes.size).toBeGreaterThan(30);
    expect([...codes].filter((c) => !findingCodeEntry(c)).sort()).toEqual([]);
  });

  it('lists each code once', () => {
    const seen = findingCodes.map((e) => e.code);
    expect(seen.filter((c, i) => seen.indexOf(c) !== i)).toEqual([]);
  });
});
