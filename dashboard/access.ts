// Who is asking, and may they: a signed-in user (session cookie, dashboard/auth.ts) is who the session says; else, on
// a dashboard bound to loopback (the default) everyone on this machine is the center (read-only), but only under a
// loopback Host name (so a rebinding DNS name cannot read it from a browser); once the dashboard listens on another
// address, every request needs a session or a token — from a `?token=` link (then kept in an HttpOnly cookie), an
// `Authorization: Bearer` header or that cookie. Tokens are read-only.
import { isIP, type Server } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Store } from '../store/types.ts';
import { verifyToken } from './tokens.ts';

export type Role = 'admin' | 'reviewer' | 'unit';

/** Who is looking. `role` only for a signed-in user (who may act); tokens and the local machine only read. */
export type Viewer =
  | { kind: 'center'; label: string; role?: 'admin' | 'reviewer'; userId?: string }
  | { kind: 'unit'; unit: string; label: string; role?: 'unit'; userId?: string };

export type AccessDecision =
  | { ok: true; viewer: Viewer }
  | { ok: false; status: 401 | 421; reason: string }
  | { ok: false; status: 303; location: string; token: string };

export const cookieName = 'govaudit_token';

/** Is this address a loopback one (127.0.0.0/8, ::1, IPv4-mapped loopback)? */
export function isLoopback(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const v = isIP(a);
  if (v === 4) return a.startsWith('127.');
  return v === 6 && (a === '::1' || /^::ffff:127\.\d+\.\d+\.\d+$/.test(a));
}

/** Whether the server that took this request listens on loopback only (null when it cannot tell). */
export function boundToLoopback(req: IncomingMessage | undefined): boolean | null {
  const server = (req?.socket as unknown as { server?: Server } | undefined)?.server;
  const addr = server?.address?.();
  if (!addr || typeof addr === 'string') return null;
  return isLoopback(addr.address);
}

/** A Host header naming this machine's loopback (127.x, [::1], localhost), any port. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.trim().toLowerCase().replace(/:\d+$/, '');
  return name === 'localhost' || isLoopback(name);
}

export interface AccessRequest {
  incoming?: IncomingMessage;
  url: URL;
  host: string | undefined;
  authorization: string | undefined;
  /** The token cookie's value. */
  tokenCookie: string | undefined;
}

export interface AccessOptions {
  store: Store;
  /** Force tokens on (true) or off (false); default: required unless the server listens on loopback only. */
  requireToken?: boolean;
}

/** Whether this request needs a session or token (it does unless the server listens on loopback only). */
export function credentialsRequired(req: AccessRequest, opts: AccessOptions): boolean {
  return opts.requireToken ?? boundToLoopback(req.incoming) !== true;
}

/** Decides access for one request without a session. */
export async function decideAccess(req: AccessRequest, opts: AccessOptions): Promise<AccessDecision> {
  if (!credentialsRequired(req, opts)) {
    if (!isLoopbackHost(req.host)) return { ok: false, status: 421, reason: '仅接受本机地址（127.0.0.1、[::1]、localhost）的访问。' };
    return { ok: true, viewer: { kind: 'center', label: '本机' } };
  }
  const fromQuery = req.url.searchParams.get('token');
  if (fromQuery !== null) {
    const info = await verifyToken(opts.store, fromQuery);
    if (!info) return { ok: false, status: 401, reason: '访问令牌无效或已被撤销。' };
    const clean = new URL(req.url);
    clean.searchParams.delete('token');
    return { ok: false, status: 303, location: clean.pathname + clean.search, token: fromQuery };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')?.[1];
  const token = bearer ?? req.tokenCookie;
  if (!token) return { ok: false, status: 401, reason: '请登录，或使用网站管理中心签发的访问令牌。' };
  const info = await verifyToken(opts.store, token);
  if (!info) return { ok: false, status: 401, reason: '访问令牌无效或已被撤销。' };
  const label = info.label ?? (info.scope === 'unit' ? info.unit! : '网站管理中心');
  return { ok: true, viewer: info.scope === 'unit' ? { kind: 'unit', unit: info.unit!, label } : { kind: 'center', label } };
}
