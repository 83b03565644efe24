// Who may see the dashboard: tokens required unless the server listens on loopback only; loopback Host names
// only when no token is required; tokens stored hashed, verified, revoked.
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessRequest, boundToLoopback, decideAccess, isLoopback, isLoopbackHost } from '../../dashboard/access.ts';
import { hashToken, issueToken, listTokens, revokeToken, tokenRecordKind, verifyToken } from '../../dashboard/tokens.ts';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.ts';

let store: SqliteStore;
beforeAll(() => {
  store = openSqliteStore(':memory:');
});
afterAll(() => store.close());

/** A request as the server bound to `address` would see it. */
function fakeRequest(address: string | null, headers: Record<string, string> = {}, url = new URL('http://x/')): AccessRequest {
  const server = { address: () => (address === null ? null : { address, family: address.includes(':') ? 'IPv6' : 'IPv4', port: 8080 }) };
  const incoming = { headers, socket: { server } } as unknown as IncomingMessage;
  const tokenCookie = /govaudit_token=([^;]+)/.exec(headers.cookie ?? '')?.[1];
  return { incoming, url, host: headers.host, authorization: headers.authorization, tokenCookie };
}

describe('dashboard access', () => {
  it('knows loopback addresses and host names', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', '', null].map(isLoopback)).toEqual([false, false, false, false, false, false]);
    expect(['127.0.0.1:8080', 'localhost', 'LOCALHOST:80', '[::1]:8080', 'attacker.example', '127.0.0.1.nip.io'].map(isLoopbackHost)).toEqual([true, true, true, true, false, false]);
  });

  it('reads the bound address from a real server', async () => {
    const server = createServer((req, res) => res.end(String(boundToLoopback(req))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('true');
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('on a server bound beyond loopback (or unknown), every request needs a token', async () => {
    const url = new URL('http://x/');
    for (const addr of ['0.0.0.0', '::', '10.1.2.3', null]) expect(await decideAccess(fakeRequest(addr, { host: '127.0.0.1' }, url), { store })).toMatchObject({ ok: false, status: 401 });
    expect(await decideAccess(fakeRequest('127.0.0.1', { host: '127.0.0.1:8080' }, url), { store })).toEqual({ ok: true, viewer: { kind: 'center', label: '本机' } });
    expect(await decideAccess(fakeRequest('127.0.0.1', { host: 'rebound.example:8080' }, url), { store })).toMatchObject({ ok: false, status: 421 });
  });

  it('stores only a hash, verifies, scopes and revokes tokens', async () => {
    const { token, info } = await issueToken(store, { scope: 'unit', unit: '鲤城区教育局' }, { label: '教育局信息科', now: new Date('2026-11-20T02:00:00Z') });
    expect(token).toMatch(/^gat_[A-Za-z0-9_-]{43}$/);
    const stored = await store.listRecords(tokenRecordKind);
    expect(stored.map((r) => r.key)).toEqual([hashToken(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await verifyToken(store, token)).toEqual({ id: info.id, scope: 'unit', unit: '鲤城区教育局', label: '教育局信息科', createdAt: '2026-11-20T02:00:00.000Z' });
    expect(await decideAccess(fakeRequest('0.0.0.0', { authorization: `Bearer ${token}` }), { store })).toEqual({ ok: true, viewer: { kind: 'unit', unit: '鲤城区教育局', label: '教育局信息科' } });
    expect(await decideAccess(fakeRequest('0.0.0.0', { cookie: `a=b; govaudit_token=${token}` }), { store })).toMatchObject({ ok: true });
    expect(await decideAccess(fakeRequest('0.0.0.0', {}, new URL(`http://x/sites/edu?token=${token}&x=1`)), { store })).toEqual({
      ok: false, status: 303, location: '/sites/edu?x=1', token,
    });
    expect(await verifyToken(store, `${token}x`)).toBeNull();
    expect(await revokeToken(store, info.id)).toBe(true);
    expect(await verifyToken(store, token)).toBeNull();
    expect((await listTokens(store)).map((t) => [t.id, Boolean(t.revokedAt)])).toEqual([[info.id, true]]);
    expect(await revokeToken(store, 'nope')).toBe(false);
  });
});
