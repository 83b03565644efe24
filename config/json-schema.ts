// Generates config/district.schema.json (for editors) from the zod schema: `node bin/run-ts.mjs config/json-schema.ts`.
// Every field carries its one-line description (config/descriptions.ts), which editors show on hover.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { z } from 'zod';
import { districtSchema } from './schema.ts';
import { descriptions, sameAs } from './descriptions.ts';

type Node = Record<string, unknown>;

/** One field of the schema: its path (`sites[].columns[].kind`, `indicators.*.points`) and its schema node. */
export interface SchemaField {
  path: string;
  node: Node;
  required: boolean;
}

/** The description of a path, following `sameAs` for item shapes described once. */
export function describe(path: string): string | undefined {
  if (descriptions[path] !== undefined) return descriptions[path];
  for (const [from, to] of Object.entries(sameAs)) {
    if (path.startsWith(`${from}.`)) return descriptions[to + path.slice(from.length)];
  }
  return undefined;
}

/** Every field of an object schema, depth first, in the schema's order (items of lists as `[]`, record values as `.*`). */
export function schemaFields(root: Node): SchemaField[] {
  const out: SchemaField[] = [];
  const visitObject = (node: Node, prefix: string): void => {
    const props = node.properties as Record<string, Node> | undefined;
    const required = new Set((node.required as string[] | undefined) ?? []);
    if (props) {
      for (const [key, child] of Object.entries(props)) {
        const path = prefix ? `${prefix}.${key}` : key;
        out.push({ path, node: child, required: required.has(key) });
        visitValue(child, path);
      }
    }
    const extra = node.additionalProperties as Node | boolean | undefined;
    if (extra && typeof extra === 'object' && extra.properties) visitObject(extra, `${prefix}.*`);
  };
  const visitValue = (node: Node, path: string): void => {
    for (const alt of (node.anyOf as Node[] | undefined) ?? []) visitValue(alt, path);
    if (node.type === 'object') visitObject(node, path);
    const items = node.items as Node | undefined;
    if (node.type === 'array' && items && items.type === 'object') visitObject(items, `${path}[]`);
  };
  visitObject(root, '');
  return out;
}

/** The JSON Schema of the district file, as editors should see it (input side: defaults optional), with descriptions. */
export function districtJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(districtSchema, { io: 'input', unrepresentable: 'any' }) as Node;
  for (const field of schemaFields(schema)) {
    const text = describe(field.path);
    if (text !== undefined) field.node.description = text;
  }
  return { ...schema, title: 'govaudit district config', $id: 'https://govaudit.local/district.schema.json' };
}

export const schemaFile = fileURLToPath(new URL('./district.schema.json', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  writeFileSync(schemaFile, JSON.stringify(districtJsonSchema(), null, 2) + '\n');
  console.log(`wrote ${schemaFile}`);
}
