// The review decisions as a YAML file: what `govaudit review export` writes and `govaudit review import` reads. The
// shape is the config's `confirmations` / `waivers` lists side by side under their own keys, extended (backward
// compatible) with `at` (when decided), a required-on-export `siteId`, and a third list, `dismissals` (findings
// dismissed as false, with the hash of the evidence dismissed). An entry of the config's old shape (no `at`, no
// `siteId`) still reads. Errors name the line of the bad entry; nothing here touches the store.
import { isMap, isScalar, LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { type Confirmation, confirmationSchema, type Waiver, waiverSchema } from '../config/reports/review.ts';
import type { ReviewDecisionRecord } from '../store/types.ts';

const at = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time such as 2026-12-01T09:00:00+08:00' });

const fileConfirmation = confirmationSchema.extend({ at: at.optional() });
const fileWaiver = waiverSchema.extend({ at: at.optional() });
const fileDismissal = z.strictObject({
  identity: confirmationSchema.shape.identity,
  siteId: z.string().min(1).optional(),
  by: z.string().min(1),
  at: at.optional(),
  reason: z.string().min(1),
  /** evidenceHash() of the evidence dismissed: the finding is raised again when its evidence changes. */
  evidenceHash: z.string().regex(/^[0-9a-f]{16}$/, 'the evidence hash: 16 hex digits, as exported'),
});

export const reviewFileSchema = z.strictObject({
  confirmations: z.array(fileConfirmation).nullish(),
  waivers: z.array(fileWaiver).nullish(),
  dismissals: z.array(fileDismissal).nullish(),
});

/** One decision read from a file: a store record whose `at` and `siteId` may still be unknown, and its line. */
export interface FileDecision extends Omit<ReviewDecisionRecord, 'at' | 'siteId'> {
  siteId: string | null;
  at: string | null;
  line: number;
  /** Where the entry came from when not a line of the file (e.g. `config waivers[2]`). */
  where?: string;
}

/** A review file that cannot be used; the message names the line of the bad entry. */
export class ReviewImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewImportError';
  }
}

/** Reads a review file (YAML; JSON is YAML too). Throws ReviewImportError naming `name` and the line. */
export function parseReviewFile(raw: string, name: string): FileDecision[] {
  const lineCounter = new LineCounter();
  // Every scalar read as text (the failsafe schema): an identity of 16 digits stays a string, never a rounded number.
  const doc = parseDocument(raw, { lineCounter, uniqueKeys: true, schema: 'failsafe' });
  const yamlError = doc.errors[0];
  if (yamlError) throw new ReviewImportError(`${name}:${yamlError.linePos?.[0].line ?? 1}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  const js = doc.toJS() ?? {};
  // An empty list (`waivers:` with nothing after it) reads as '' in the failsafe schema: the same as absent.
  const data = js && typeof js === 'object' && !Array.isArray(js) ? Object.fromEntries(Object.entries(js).filter(([, v]) => v !== '')) : js;
  const lineOf = (path: (string | number)[], key?: string): number => {
    if (key !== undefined) {
      const parent = path.length ? doc.getIn(path, true) : doc.contents;
      const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    for (let n = path.length; n >= 0; n--) {
      const node = n ? doc.getIn(path.slice(0, n), true) : doc.contents;
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return 1;
  };
  if (Array.isArray(data)) throw new ReviewImportError(`${name}:1: expected the keys confirmations, waivers and dismissals (a list alone is a config file's list: import it with --from-config)`);
  const parsed = reviewFileSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol');
    throw new ReviewImportError(`${name}:${lineOf(path, i.code === 'unrecognized_keys' ? i.keys[0] : undefined)}: ${path.join('.') || 'file'}: ${i.message}`);
  }
  const out: FileDecision[] = [];
  const f = parsed.data;
  for (const [i, c] of (f.confirmations ?? []).entries())
    out.push({ kind: 'confirm', identity: c.identity, siteId: c.siteId ?? null, by: c.by, at: c.at ?? null, reason: c.note ?? null, until: null, evidenceHash: null, line: lineOf(['confirmations', i]) });
  for (const [i, w] of (f.waivers ?? []).entries())
    out.push({ kind: 'waive', identity: w.identity, siteId: w.siteId ?? null, by: w.by, at: w.at ?? null, reason: w.reason, until: w.until, evidenceHash: null, line: lineOf(['waivers', i]) });
  for (const [i, d] of (f.dismissals ?? []).entries())
    out.push({ kind: 'dismiss', identity: d.identity, siteId: d.siteId ?? null, by: d.by, at: d.at ?? null, reason: d.reason, until: null, evidenceHash: d.evidenceHash, line: lineOf(['dismissals', i]) });
  return out;
}

/** The store's decisions as a review file (every field kept, so importing it gives the same decisions). */
export function reviewFileText(records: ReviewDecisionRecord[], exportedAt: Date): string {
  const opt = <K extends string>(k: K, v: string | null) => (v ? ({ [k]: v } as Record<K, string>) : {});
  const body = {
    confirmations: records.filter((r) => r.kind === 'confirm').map((r) => ({ identity: r.identity, siteId: r.siteId, by: r.by, at: r.at, ...opt('note', r.reason) })),
    waivers: records.filter((r) => r.kind === 'waive').map((r) => ({ identity: r.identity, siteId: r.siteId, by: r.by, at: r.at, reason: r.reason ?? '', until: r.until ?? '' })),
    dismissals: records.filter((r) => r.kind === 'dismiss').map((r) => ({ identity: r.identity, siteId: r.siteId, by: r.by, at: r.at, reason: r.reason ?? '', evidenceHash: r.evidenceHash ?? '' })),
  };
  const head = [
    `# govaudit review decisions, exported ${exportedAt.toISOString()}`,
    '# Load into a store with: govaudit review import FILE --as USER (idempotent; all entries or none).',
    '',
  ].join('\n');
  return `${head}${stringify(body, { lineWidth: 0 })}`;
}

/** The config's own lists (read by reports/review.ts) as decisions to import: the one-time move into the store. */
export function configDecisions(d: { waivers: Waiver[]; confirmations: Confirmation[] }): FileDecision[] {
  return [
    ...d.confirmations.map((c, i): FileDecision => ({ kind: 'confirm', identity: c.identity, siteId: c.siteId ?? null, by: c.by, at: null, reason: c.note ?? null, until: null, evidenceHash: null, line: 0, where: `config confirmations[${i}]` })),
    ...d.waivers.map((w, i): FileDecision => ({ kind: 'waive', identity: w.identity, siteId: w.siteId ?? null, by: w.by, at: null, reason: w.reason, until: w.until, evidenceHash: null, line: 0, where: `config waivers[${i}]` })),
  ];
}
