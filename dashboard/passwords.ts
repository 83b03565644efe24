// Passwords, hashed with scrypt (memory-hard, from node:crypto): `scrypt$N$r$p$salt$hash`, salt and hash base64url.
// Verifying runs the same parameters as stored, so a later raise of N still verifies old hashes.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;

/** Shortest password the dashboard accepts. */
export const minPasswordLength = 10;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

const maxmem = (n: number, r: number) => 256 * n * r;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `password` matches `stored` (false for a malformed hash). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return false;
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (n > 2 ** 20 || r > 32 || p > 16) return false;
  const want = Buffer.from(m[5], 'base64url');
  const got = await scrypt(password, Buffer.from(m[4], 'base64url'), want.length, { N: n, r, p, maxmem: maxmem(n, r) });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Why a new password is refused (Chinese, for the form), or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < minPasswordLength) return `密码至少 ${minPasswordLength} 个字符。`;
  if (password.length > 200) return '密码过长。';
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名。';
  return null;
}
