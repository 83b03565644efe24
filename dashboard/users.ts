// Dashboard accounts: adding users (the first administrator from the CLI, the rest by an administrator in the
// dashboard), signing in with a slowdown and a lockout after repeated failures, sessions (only a hash of the session
// id is stored), and the audit log entry for each change. Nothing here logs a password, a session id or a token.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AuditEntry, Store, UserRecord } from '../store/types.ts';
import type { Viewer } from './access.ts';
import { newCsrfToken } from './csrf.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

export type UserRole = UserRecord['role'];
export const roles: UserRole[] = ['admin', 'reviewer', 'unit'];

/** Failed sign-ins before the account locks. */
export const maxFailures = 5;
/** How long a lock lasts. */
export const lockMinutes = 15;
/** How long a session lasts. */
export const sessionHours = 12;

export class UserError extends Error {}

const usernamePattern = /^[A-Za-z0-9._-]{2,40}$/;

/** Adds an account; throws UserError (Chinese) when the input is not acceptable. */
export async function addUser(
  store: Store,
  input: { username: string; displayName?: string; role: UserRole; unit?: string | null; password: string },
  ctx: { units: string[]; by: string; now: Date },
): Promise<UserRecord> {
  const username = input.username.trim();
  if (!usernamePattern.test(username)) throw new UserError('用户名须为2–40个字母、数字或 . _ -。');
  if (!roles.includes(input.role)) throw new UserError('角色无效。');
  const unit = input.role === 'unit' ? (input.unit ?? '').trim() : null;
  if (input.role === 'unit' && !ctx.units.includes(unit!)) throw new UserError('单位用户必须绑定本区的一个责任单位。');
  const problem = passwordProblem(input.password, username);
  if (problem) throw new UserError(problem);
  if (await store.findUser(username)) throw new UserError(`用户名 ${username} 已存在。`);
  const user: UserRecord = {
    id: randomUUID(),
    username,
    displayName: (input.displayName ?? '').trim() || username,
    role: input.role,
    unit,
    passwordHash: await hashPassword(input.password),
    createdAt: ctx.now.toISOString(),
    createdBy: ctx.by,
    disabledAt: null,
    failedLogins: 0,
    lockedUntil: null,
  };
  await store.createUser(user);
  await audit(store, { at: ctx.now, actor: ctx.by, action: 'user.add', target: username, detail: { role: user.role, ...(unit ? { unit } : {}) } });
  return user;
}

/** Orders entries written at one clock time (a frozen test clock, one request writing several). */
let auditSeq = 0;

/** Writes one audit log entry. */
export async function audit(store: Store, e: { at: Date; actor: string; action: string; siteId?: string | null; target?: string | null; detail?: Record<string, unknown> | null }): Promise<void> {
  const entry: AuditEntry = {
    id: `${e.at.toISOString()}-${String(auditSeq++).padStart(9, '0')}-${randomBytes(4).toString('hex')}`,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    siteId: e.siteId ?? null,
    target: e.target ?? null,
    detail: e.detail ?? null,
  };
  await store.appendAudit(entry);
}

export type SignInResult = { ok: true; user: UserRecord; sessionId: string } | { ok: false; reason: 'bad' | 'locked'; until?: string; delayMs: number };

/** A password check that costs as much when the user does not exist (no user enumeration by timing). */
let dummyHash: Promise<string> | null = null;

/**
 * Checks a user name and password. Each failure counts against the account: the answer is delayed more with each
 * (0.5 s, 1 s, 2 s, … up to 8 s) and after `maxFailures` the account is locked for `lockMinutes` (the right password
 * is refused too). A success clears the count and opens a session.
 */
export async function signIn(store: Store, username: string, password: string, now: Date): Promise<SignInResult> {
  const user = await store.findUser(username.trim());
  if (!user || user.disabledAt) {
    dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
    await verifyPassword(password, await dummyHash);
    return { ok: false, reason: 'bad', delayMs: 1000 };
  }
  if (user.lockedUntil && user.lockedUntil > now.toISOString()) return { ok: false, reason: 'locked', until: user.lockedUntil, delayMs: 1000 };
  if (!(await verifyPassword(password, user.passwordHash))) {
    const failed = user.failedLogins + 1;
    const lockedUntil = failed >= maxFailures ? new Date(now.getTime() + lockMinutes * 60_000).toISOString() : null;
    await store.updateUser(user.id, { failedLogins: lockedUntil ? 0 : failed, lockedUntil });
    await audit(store, { at: now, actor: user.username, action: lockedUntil ? 'login.locked' : 'login.failed', target: user.username, detail: { failures: failed } });
    return lockedUntil ? { ok: false, reason: 'locked', until: lockedUntil, delayMs: failureDelay(failed) } : { ok: false, reason: 'bad', delayMs: failureDelay(failed) };
  }
  if (user.failedLogins || user.lockedUntil) await store.updateUser(user.id, { failedLogins: 0, lockedUntil: null });
  const sessionId = randomBytes(32).toString('base64url');
  await store.createSession({ idHash: hashSessionId(sessionId), userId: user.id, csrf: newCsrfToken(), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + sessionHours * 3_600_000).toISOString() });
  await audit(store, { at: now, actor: user.username, action: 'login', target: user.username });
  return { ok: true, user, sessionId };
}

/** The wait before answering the n-th consecutive failure. */
export function failureDelay(n: number): number {
  return Math.min(500 * 2 ** (n - 1), 8000);
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** The viewer and CSRF token of a live session, or null. */
export async function sessionViewer(store: Store, sessionId: string | undefined, now: Date): Promise<{ viewer: Viewer; csrf: string; user: UserRecord } | null> {
  if (!sessionId || !/^[A-Za-z0-9_-]{40,60}$/.test(sessionId)) return null;
  const session = await store.getSession(hashSessionId(sessionId));
  if (!session) return null;
  if (session.expiresAt <= now.toISOString()) {
    await store.deleteSession(session.idHash);
    return null;
  }
  const user = await store.getUser(session.userId);
  if (!user || user.disabledAt) return null;
  const label = user.displayName;
  const viewer: Viewer =
    user.role === 'unit' ? { kind: 'unit', unit: user.unit ?? '', label, role: 'unit', userId: user.id } : { kind: 'center', label, role: user.role, userId: user.id };
  return { viewer, csrf: session.csrf, user };
}

export async function signOut(store: Store, sessionId: string | undefined): Promise<void> {
  if (sessionId) await store.deleteSession(hashSessionId(sessionId));
}
