// Reads a district file (JSON or YAML), validates it, and returns the resolved config or a one-line error.
import { readFile } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { districtSchema, type DistrictConfig } from './schema.ts';

/** A config problem: the message names the file and the field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Loads and validates a district config file. Throws ConfigError with a one-line reason. */
export async function loadConfig(file: string): Promise<DistrictConfig> {
  const path = resolvePath(file);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw new ConfigError(`${file}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseConfig(data, path);
}

/** Validates an already-parsed config object; `file` is used in messages and to resolve relative paths. */
export function parseConfig(data: unknown, file: string): DistrictConfig {
  const result = districtSchema.safeParse(data);
  if (!result.success) throw new ConfigError(`${file}: ${formatIssues(result.error.issues)}`);
  return { ...result.data, baseDir: dirname(resolvePath(file)), file: resolvePath(file) };
}

/** "sites[0].homepage: expected an http(s) URL; …" — field path first, then what was expected. */
export function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      const path = i.path.reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
        '',
      );
      const msg =
        i.code === 'unrecognized_keys'
          ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`
          : i.message;
      return `${path || '(root)'}: ${msg}`;
    })
    .join('; ') + (issues.length > 5 ? ` (+${issues.length - 5} more)` : '');
}
