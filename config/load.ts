// Reads a district file (JSON or YAML), validates it, and returns the resolved config or a one-line error.
import { readFile } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { isMap, isScalar, isSeq, parse as parseYaml, parseDocument } from 'yaml';
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
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ConfigError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const raw = configText(file, bytes);
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(path) ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0].replace(/ at position (\d+)/, (_m, pos: string) => ` at ${lineAndColumn(raw, Number(pos))}`);
    throw new ConfigError(`${file}: not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${message}`);
  }
  return parseConfig(data, path, raw);
}

/**
 * The text of a config file: UTF-8 (a byte-order mark, which Windows editors write, is dropped) or UTF-16 with a
 * byte-order mark. Anything else — a file saved as GBK, a binary file — is refused naming the line, instead of
 * being read with garbled names.
 */
function configText(file: string, bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    const nul = text.indexOf('\u0000');
    if (nul >= 0) throw new ConfigError(`${file}: not a text file (NUL byte at ${lineAndColumn(text, nul)}): save it as UTF-8 JSON or YAML`);
    return text;
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    let good = 0;
    for (let end = body.length; good < end; ) {
      const mid = Math.ceil((good + end) / 2);
      if (validUtf8(body.subarray(0, mid))) good = mid;
      else end = mid - 1;
    }
    const line = body.subarray(0, good).toString('utf8').split('\n').length;
    throw new ConfigError(`${file}: not UTF-8 text (line ${line}; saved as GBK?): save the file as UTF-8`);
  }
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** `line L, column C` (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Validates an already-parsed config object; `file` is used in messages and to resolve relative paths. With the
 * file's `source` text, each problem also names its line.
 */
export function parseConfig(data: unknown, file: string, source?: string): DistrictConfig {
  const result = districtSchema.safeParse(data);
  if (!result.success) throw new ConfigError(`${file}: ${formatIssues(result.error.issues, source === undefined ? undefined : lineFinder(source))}`);
  return { ...result.data, baseDir: dirname(resolvePath(file)), file: resolvePath(file) };
}

/** Line (1-based) of the value at a path of a JSON or YAML text; for an unknown key, of that key. */
type LineOf = (path: PropertyKey[], key?: string) => number | null;

/**
 * Finds lines in the config text (JSON is read as YAML, which it is); none for a one-line text (every answer would
 * be line 1) or a text the YAML parser refuses.
 */
function lineFinder(source: string): LineOf | undefined {
  if (!source.trim().includes('\n')) return undefined;
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(source);
    if (doc.errors.length) return undefined;
  } catch {
    return undefined;
  }
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  return (path, key) => {
    if (path.length === 0 && key === undefined) return null;
    let node: unknown = doc.contents;
    let at = (node as { range?: number[] })?.range?.[0];
    for (const seg of key === undefined ? path : [...path, key]) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        at = (seg === key ? (pair.key as { range?: number[] }).range?.[0] : undefined) ?? (pair.value as { range?: number[] } | null)?.range?.[0] ?? at;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
        node = node.items[seg];
        at = (node as { range?: number[] }).range?.[0] ?? at;
      } else break;
    }
    return at === undefined ? null : lineAt(at);
  };
}

/** "sites[0].homepage (line 12): an http(s) URL; …" — field path first (and its line, given the text), then what was expected. */
export function formatIssues(issues: z.core.$ZodIssue[], lineOf?: LineOf): string {
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
      const line = lineOf?.(i.path, i.code === 'unrecognized_keys' ? i.keys[0] : undefined);
      return `${path || '(root)'}${line ? ` (line ${line})` : ''}: ${msg}`;
    })
    .join('; ') + (issues.length > 5 ? ` (+${issues.length - 5} more)` : '');
}
