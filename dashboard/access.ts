// Who is asking, and may they: on a dashboard bound to loopback (the default) everyone on this machine is the
// center, but only under a loopback Host name (so a rebinding DNS name cannot read it from a browser); once the
// dashboard listens on another address, every request needs a token — from `?token=` (then kept in an HttpOnly
// cookie), an `Authorization: Bearer` header or that cookie.
import type { IncomingMessage } from 'node:http';
import { isIP, type Server } from 'node:net';
import type { Store } from '../store/types.ts';
import { verifyToken } from './tokens.ts';

export type Viewer = { kind: 'center'; label: string } | { kind: 'unit'; unit: string; label: string };

export type AccessDecision =
  | { ok: true; viewer: Viewer }
  | { ok: false; status: 401 | 421; reason: string }
  | { ok: false; status: 303; location: string; cookie: string };

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
export function boundToLoopback(req: IncomingMessage): boolean | null {
  const server = (req.socket as unknown as { server?: Server }).server;
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

export interface AccessOptions {
  store: Store;
  /** Force tokens on (true) or off (false); default: required unless the server listens on loopback only. */
  requireToken?: boolean;
}

/** Decides access for one request. */
export async function decideAccess(req: IncomingMessage, url: URL, opts: AccessOptions): Promise<AccessDecision> {
  const required = opts.requireToken ?? boundToLoopback(req) !== true;
  if (!required) {
    if (!isLoopbackHost(req.headers.host)) return { ok: false, status: 421, reason: '仅接受本机地址（127.0.0.1、[::1]、localhost）的访问。' };
    return { ok: true, viewer: { kind: 'center', label: '本机' } };
  }
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    const info = await verifyToken(opts.store, fromQuery);
    if (!info) return { ok: false, status: 401, reason: '访问令牌无效或已被撤销。' };
    const clean = new URL(url);
    clean.searchParams.delete('token');
    return { ok: false, status: 303, location: clean.pathname + clean.search, cookie: `${cookieName}=${fromQuery}; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000` };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ?? cookieValue(req.headers.cookie, cookieName);
  if (!token) return { ok: false, status: 401, reason: '请输入访问令牌。' };
  const info = await verifyToken(opts.store, token);
  if (!info) return { ok: false, status: 401, reason: '访问令牌无效或已被撤销。' };
  const label = info.label ?? (info.scope === 'unit' ? info.unit! : '网站管理中心');
  return { ok: true, viewer: info.scope === 'unit' ? { kind: 'unit', unit: info.unit!, label } : { kind: 'center', label } };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
