// The center's review decisions as data: waivers (a finding shown as waived, neither scored nor named in a
// bulletin, until a date after which it lapses by itself) and confirmations (a finding marked for review that a
// person confirmed, so it is scored). Both live in the config, inline or in a file it names (JSON or YAML list).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { localDate } from '../calendar/timezone.ts';
import { confirmationSchema, waiverSchema, type Confirmation, type Waiver } from '../config/reports/review.ts';

/** A finding dismissed as false: it is not raised again while its evidence hashes the same. */
export interface Dismissal {
  identity: string;
  siteId?: string;
  by: string;
  reason: string;
  /** evidenceHash() of the finding's evidence when it was dismissed. */
  evidence: string;
}

export interface ReviewDecisions {
  waivers: Waiver[];
  confirmations: Confirmation[];
  /** Kept in the store only (the dashboard's review queue). */
  dismissals?: Dismissal[];
}

export const noDecisions: ReviewDecisions = { waivers: [], confirmations: [] };

/** A waiver or confirmation file that cannot be read or is invalid; the message names the file and entry. */
export class ReviewFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewFileError';
  }
}

interface ReviewConfig {
  baseDir: string;
  waivers?: string | Waiver[];
  confirmations?: string | Confirmation[];
}

/** Reads the config's waivers and confirmations (inline, or from the files it names). Throws ReviewFileError. */
export async function loadReviewDecisions(config: ReviewConfig): Promise<ReviewDecisions> {
  return {
    waivers: await listFrom(config.waivers, config.baseDir, 'waivers', waiverSchema),
    confirmations: await listFrom(config.confirmations, config.baseDir, 'confirmations', confirmationSchema),
  };
}

async function listFrom<T>(value: string | T[] | undefined, baseDir: string, field: string, schema: z.ZodType<T>): Promise<T[]> {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  const file = isAbsolute(value) ? value : resolve(baseDir, value);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    throw new ReviewFileError(`${field}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(raw) : JSON.parse(raw);
  } catch (e) {
    throw new ReviewFileError(`${field}: ${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`);
  }
  const parsed = z.array(schema).safeParse(data ?? []);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new ReviewFileError(`${field}: ${file}: [${i.path.join('.')}]: ${i.message}`);
  }
  return parsed.data;
}

/** Is the waiver in force on `now`'s local date in `timeZone`? (It holds through `until`.) */
export function waiverActive(w: Waiver, now: Date, timeZone: string): boolean {
  return localDate(now, timeZone) <= w.until;
}

/** The waiver in force for a finding, if any. */
export function activeWaiverFor(f: { identity: string; siteId: string }, decisions: ReviewDecisions, now: Date, timeZone: string): Waiver | undefined {
  return decisions.waivers.find((w) => w.identity === f.identity && (!w.siteId || w.siteId === f.siteId) && waiverActive(w, now, timeZone));
}

/** A short, stable hash of a finding's evidence (key order does not matter). */
export function evidenceHash(evidence: Record<string, unknown>): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(stable) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(stable(evidence))).digest('hex').slice(0, 16);
}

/** The dismissal of a finding whose evidence has not changed since, if any. */
export function dismissalFor(f: { identity: string; siteId: string; evidence: Record<string, unknown> }, decisions: ReviewDecisions): Dismissal | undefined {
  const d = decisions.dismissals?.find((x) => x.identity === f.identity && (!x.siteId || x.siteId === f.siteId));
  return d && d.evidence === evidenceHash(f.evidence) ? d : undefined;
}

/** Two sets of decisions as one (the store's come first, so a reviewer's latest word wins over the config file's). */
export function mergeDecisions(first: ReviewDecisions, second: ReviewDecisions): ReviewDecisions {
  return {
    waivers: [...first.waivers, ...second.waivers],
    confirmations: [...first.confirmations, ...second.confirmations],
    dismissals: [...(first.dismissals ?? []), ...(second.dismissals ?? [])],
  };
}

/** The confirmation of a finding, if any. */
export function confirmationFor(f: { identity: string; siteId: string }, decisions: ReviewDecisions): Confirmation | undefined {
  return decisions.confirmations.find((c) => c.identity === f.identity && (!c.siteId || c.siteId === f.siteId));
}
