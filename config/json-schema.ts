// Generates config/district.schema.json (for editors) from the zod schema: `node bin/run-ts.mjs config/json-schema.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { z } from 'zod';
import { districtSchema } from './schema.ts';

/** The JSON Schema of the district file, as editors should see it (input side: defaults optional). */
export function districtJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(districtSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: 'govaudit district config', $id: 'https://govaudit.local/district.schema.json' };
}

export const schemaFile = fileURLToPath(new URL('./district.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  writeFileSync(schemaFile, JSON.stringify(districtJsonSchema(), null, 2) + '\n');
  console.log(`wrote ${schemaFile}`);
}
