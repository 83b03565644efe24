// Dashboard access tokens: one for the center (everything) or one per unit (its own sites). Only a SHA-256 hash
// of each token is stored (the store's records, kind `dashboard-token`); the token itself is shown once, when
// issued. Tokens are 256 random bits, so a plain hash is enough (no password stretching needed).
import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/types.ts';

export const tokenRecordKind = 'dashboard-token';

export type TokenScope = { scope: 'center' } | { scope: 'unit'; unit: string };

export interface TokenInfo {
  /** Short public id (for listing and revoking); not usable to sign in. */
  id: string;
  scope: 'center' | 'unit';
  unit?: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

/** SHA-256 of a token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Issues a token and stores its hash; returns the token (shown once) and its record. */
export async function issueToken(store: Store, scope: TokenScope, opts: { label?: string; now?: Date } = {}): Promise<{ token: string; info: TokenInfo }> {
  const token = `gat_${randomBytes(32).toString('base64url')}`;
  const hash = hashToken(token);
  const info: TokenInfo = {
    id: hash.slice(0, 12),
    scope: scope.scope,
    ...(scope.scope === 'unit' ? { unit: scope.unit } : {}),
    ...(opts.label ? { label: opts.label } : {}),
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
  await store.upsertRecords(tokenRecordKind, [{ key: hash, siteKey: null, data: info, updatedAt: info.createdAt }]);
  return { token, info };
}

/** Every issued token's record (never the tokens themselves). */
export async function listTokens(store: Store): Promise<TokenInfo[]> {
  return (await store.listRecords<TokenInfo>(tokenRecordKind)).map((r) => r.data).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Revokes the token with this id; false when there is none. */
export async function revokeToken(store: Store, id: string, now = new Date()): Promise<boolean> {
  const rec = (await store.listRecords<TokenInfo>(tokenRecordKind)).find((r) => r.data.id === id);
  if (!rec) return false;
  if (rec.data.revokedAt) return true;
  await store.upsertRecords(tokenRecordKind, [{ key: rec.key, siteKey: null, data: { ...rec.data, revokedAt: now.toISOString() }, updatedAt: now.toISOString() }]);
  return true;
}

/** The record of a valid (issued, not revoked) token, or null. */
export async function verifyToken(store: Store, token: string): Promise<TokenInfo | null> {
  if (!/^gat_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const hash = hashToken(token);
  const rec = (await store.listRecords<TokenInfo>(tokenRecordKind)).find((r) => r.key === hash);
  return rec && !rec.data.revokedAt ? rec.data : null;
}
