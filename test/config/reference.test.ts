// The config reference (docs/reference/config.md) is generated from the zod schema and config/descriptions.ts (the
// editor schema, checked in test/config/load.test.ts, carries the same descriptions): every field is described, and
// the committed file is what the generator writes — so a new setting cannot land undocumented, and the documented defaults are the real ones.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown, undescribedFields } from '../../config/reference.ts';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');

describe('config reference', () => {
  it('describes every field of the district file (add a line to config/descriptions.ts)', () => {
    expect(undescribedFields()).toEqual([]);
  });

  it('docs/reference/config.md is what the schema generates (node bin/run-ts.mjs config/reference.ts)', () => {
    expect(read('../../docs/reference/config.md')).toBe(configReferenceMarkdown());
  });


  it('shows real defaults, bounds and allowed values', () => {
    const md = configReferenceMarkdown();
    expect(md).toContain('| `crawl.delayMs` | integer (≥ 0, ≤ 60000) | `0` | Pause between two requests to the same host, in ms. |');
    expect(md).toContain('| `sites[].homepage` | string | required |');
    expect(md).toMatch(/\| `distributed\.scheduledAudits` \| `"in-process"` \\\| `"queue"` \| `"in-process"` \|/);
    expect(md).toContain('| `disclosure.add[].due` |');
  });
});
