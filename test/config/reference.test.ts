// The config reference (docs/reference/config.md) and the editor schema (config/district.schema.json) are generated
// from the zod schema and config/descriptions.ts: every field is described, and the committed files are what the
// generators write — so a new setting cannot land undocumented, and the documented defaults are the real ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown, undescribedFields } from '../../config/reference.ts';
import { districtJsonSchema } from '../../config/json-schema.ts';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');

describe('config reference', () => {
  it('describes every field of the district file (add a line to config/descriptions.ts)', () => {
    expect(undescribedFields()).toEqual([]);
  });

  it('docs/reference/config.md is what the schema generates (node bin/run-ts.mjs config/reference.ts)', () => {
    expect(read('../../docs/reference/config.md')).toBe(configReferenceMarkdown());
  });

  it('config/district.schema.json is what the schema generates, descriptions included (node bin/run-ts.mjs config/json-schema.ts)', () => {
    expect(JSON.parse(read('../../config/district.schema.json'))).toEqual(districtJsonSchema());
  });

  it('shows real defaults, bounds and allowed values', () => {
    const md = configReferenceMarkdown();
    expect(md).toContain('| `crawl.delayMs` | integer (≥ 0, ≤ 60000) | `0` | Pause between two requests to the same host, in ms. |');
    expect(md).toContain('| `sites[].homepage` | string | required |');
    expect(md).toMatch(/\| `distributed\.scheduledAudits` \| `"in-process"` \\\| `"queue"` \| `"in-process"` \|/);
    expect(md).toContain('| `disclosure.add[].due` |');
  });
});
