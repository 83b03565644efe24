// CSRF tokens for the dashboard's forms (on top of Hono's Origin / Sec-Fetch-Site check): a signed-in session has its
// own random token (stored with the session); before sign-in, the sign-in forms use a random token kept in an
// HttpOnly cookie (double submit). A POST whose `_csrf` field does not match is refused.
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const csrfCookie = 'govaudit_csrf';

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The form's `_csrf` field equals the expected token (compared in constant time). */
export function csrfFieldOk(field: unknown, expected: string | undefined): boolean {
  if (typeof field !== 'string' || !expected || field.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(field), Buffer.from(expected));
}
