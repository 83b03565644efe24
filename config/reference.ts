// Generates docs/reference/config.md, the config reference, from the zod schema (types, defaults, allowed values)
// and config/descriptions.ts: `node bin/run-ts.mjs config/reference.ts`. test/config/reference.test.ts regenerates it
// and compares, and fails on a field without a description.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { describe, districtJsonSchema, schemaFields, type SchemaField } from './json-schema.ts';

type Node = Record<string, unknown>;

/** Fields of the district file that have no description (should be none). */
export function undescribedFields(): string[] {
  return schemaFields(districtJsonSchema()).filter((f) => describe(f.path) === undefined).map((f) => f.path);
}

function typeText(node: Node): string {
  if (Array.isArray(node.enum)) return (node.enum as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(' | ');
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (Array.isArray(node.anyOf)) return [...new Set((node.anyOf as Node[]).map(typeText))].join(' or ');
  const type = node.type;
  if (type === 'array') {
    const items = node.items as Node | undefined;
    return items ? `list of ${items.type === 'object' ? 'objects' : typeText(items)}` : 'list';
  }
  if (type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object' && !node.properties) {
    return `map of ${typeText(node.additionalProperties as Node)}`;
  }
  if (typeof type === 'string') {
    const bounds = [node.minimum !== undefined ? `≥ ${node.minimum}` : '', node.maximum !== undefined ? `≤ ${node.maximum}` : ''].filter(Boolean).join(', ');
    return bounds ? `${type} (${bounds})` : type;
  }
  return 'any';
}

function defaultText(field: SchemaField, hasFields: boolean): string {
  const d = field.node.default;
  if (d === undefined) return field.required ? 'required' : '—';
  const json = JSON.stringify(d);
  if (json === '{}' && hasFields) return 'see below';
  return json.length > 60 ? 'see the schema' : `\`${json}\``;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The reference as Markdown: one table per top-level section. */
export function configReferenceMarkdown(): string {
  const fields = schemaFields(districtJsonSchema());
  const lines = [
    '<!-- Generated from config/schema.ts and config/descriptions.ts by `node bin/run-ts.mjs config/reference.ts`; do not edit. -->',
    '# Config reference',
    '',
    'The district file (JSON or YAML) is validated on load: an error names the file, the field and, for YAML, the line',
    '(`district.json: sites[0].homepage: an http(s) URL`). Unknown fields are errors. Editors that read',
    '`$schema` show these descriptions on hover: point it at `config/district.schema.json`.',
    '',
    'Paths: `a.b` is a field of `a`; `a[]` an item of the list `a`; `a.*` the value under any key of the map `a`.',
    '',
  ];
  const sections = new Map<string, SchemaField[]>();
  const hasFields = (path: string): boolean => fields.some((g) => g.path.startsWith(`${path}.`) || g.path.startsWith(`${path}[`));
  for (const f of fields) {
    const top = f.path.split(/[.[]/)[0];
    const key = hasFields(top) ? top : '(top level)';
    (sections.get(key) ?? sections.set(key, []).get(key)!).push(f);
  }
  for (const [name, list] of sections) {
    lines.push(`## ${name === '(top level)' ? 'Top level' : `\`${name}\``}`, '', '| field | type | default | meaning |', '| --- | --- | --- | --- |');
    for (const f of list) lines.push(`| \`${f.path}\` | ${cell(typeText(f.node))} | ${cell(defaultText(f, hasFields(f.path)))} | ${cell(describe(f.path) ?? '')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export const referenceFile = fileURLToPath(new URL('../docs/reference/config.md', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const missing = undescribedFields();
  if (missing.length) {
    console.error(`fields without a description in config/descriptions.ts: ${missing.join(', ')}`);
    process.exit(1);
  }
  writeFileSync(referenceFile, configReferenceMarkdown());
  console.log(`wrote ${referenceFile}`);
}
