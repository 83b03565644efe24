// Accounts in real Chromium: the first administrator comes from `govaudit user add`, signs in by a POST form, adds a
// reviewer and a unit user; a unit user sees only its unit (by URL and by form); a state change without the CSRF
// token is refused; wrong passwords slow down and then lock the account; session cookies are HttpOnly and
// SameSite=Lax (Secure behind HTTPS); no password, session id or token reaches any output or the audit log.
import { request } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { createDashboard, type Dashboard } from '../../dashboard/index.ts';
import { issueToken } from '../../dashboard/tokens.ts';
import { launchBrowser, signInAs } from '../support/browser.ts';
import { makeStoredRuns, type StoredRuns } from '../support/stored-runs.ts';
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';

let s: StoredRuns;
let browser: Browser;
let closeBrowser: () => Promise<void>;
let dash: Dashboard;
let url: string;
let adminPassword: string;
const delays: number[] = [];
const output: string[] = [];
const secrets: string[] = [];
const now = () => new Date('2026-12-01T09:00:00+08:00');
const [ow, ew] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  process.stdout.write = ((c: string) => (out.push(String(c)), true)) as typeof process.stdout.write;
  try {
    return { code: await main(args), out: out.join('') };
  } finally {
    process.stdout.write = ow;
  }
}

beforeAll(async () => {
  s = await makeStoredRuns();
  const cfg = join(s.dir, 'district.json');
  await writeFile(cfg, JSON.stringify({ district: s.config.district, timezone: s.config.timezone, sites: s.config.sites }));
  const added = await cli(['user', 'add', 'admin', '--role', 'admin', '--display-name', '王管理', '--config', cfg, '--data', join(s.dir, 'data')]);
  expect(added.code).toBe(0);
  adminPassword = added.out.trim();
  secrets.push(adminPassword);
  // From here on, everything written to stdout/stderr is kept to check that no secret appears in it.
  process.stdout.write = ((c: string) => (output.push(String(c)), ow(c))) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => (output.push(String(c)), ew(c))) as typeof process.stderr.write;
  dash = createDashboard({ store: s.store, config: s.config, now, requireToken: true, delay: async (ms) => void delays.push(ms) });
  url = (await dash.listen(0, '127.0.0.1')).url;
  ({ browser, close: closeBrowser } = await launchBrowser());
}, 120_000);

afterAll(async () => {
  process.stdout.write = ow;
  process.stderr.write = ew;
  await closeBrowser?.();
  await dash?.close();
  await s?.close();
});

function signIn(username: string, password: string): Promise<{ page: Page; status: number }> {
  return signInAs(browser, url, username, password);
}

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const text = (page: Page, sel: string) => page.$eval(sel, (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('accounts and roles', { timeout: 240_000 }, () => {
  it('the first administrator signs in by a POST form and gets an HttpOnly, SameSite=Lax session cookie', async () => {
    const first = await raw('/');
    expect(first.status).toBe(401);
    expect(first.body).toContain('<form method="post" action="/login"');
    const { page, status } = await signIn('admin', adminPassword);
    expect(status).toBe(200);
    expect(new URL(page.url()).search).toBe('');
    expect(await text(page, 'nav.top .who')).toContain('王管理（中心管理员）');
    const cookie = (await page.browserContext().cookies()).find((c) => c.name === 'govaudit_session')!;
    expect([cookie.httpOnly, cookie.sameSite, cookie.secure]).toEqual([true, 'Lax', false]);
    secrets.push(cookie.value);
    await page.browserContext().close();
  });

  it('an administrator adds a reviewer and a unit user in the browser', async () => {
    const { page } = await signIn('admin', adminPassword);
    await page.goto(`${url}users`);
    for (const [username, name, role, unit, password] of [
      ['li.reviewer', '李复核', 'reviewer', '', 'reviewer-pass-2026'],
      ['edu.user', '教育局信息科', 'unit', '鲤城区教育局', 'edu-unit-pass-2026'],
    ]) {
      secrets.push(password);
      await page.type('#add-user input[name=username]', username);
      await page.type('#add-user input[name=displayName]', name);
      await page.select('#add-user select[name=role]', role);
      await page.select('#add-user select[name=unit]', unit);
      await page.type('#add-user input[name=password]', password);
      await Promise.all([page.waitForNavigation(), page.click('#add-user button')]);
      expect(await text(page, 'p.notice')).toContain(`已添加账号 ${username}`);
    }
    const users = await page.$$eval('table.users tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => td.textContent)));
    expect(users).toEqual([
      ['admin', '王管理', '中心管理员', '—'],
      ['edu.user', '教育局信息科', '单位用户', '鲤城区教育局'],
      ['li.reviewer', '李复核', '中心复核员', '—'],
    ]);
    await page.browserContext().close();
    const reviewer = await signIn('li.reviewer', 'reviewer-pass-2026');
    expect(await text(reviewer.page, 'nav.top .who')).toContain('李复核（中心复核员）');
    expect((await reviewer.page.goto(`${url}users`))!.status()).toBe(403);
    await reviewer.page.browserContext().close();
  });

  it('a unit user sees only its own sites, by URL and by form', async () => {
    const { page } = await signIn('edu.user', 'edu-unit-pass-2026');
    expect(await page.$$eval('table.sites tbody tr', (trs) => trs.map((t) => t.getAttribute('data-site')))).toEqual(['edu', 'exam']);
    for (const [path, want] of [['sites/edu', 200], ['sites/portal', 404], ['sites/market/findings.csv', 404], [`units/${encodeURIComponent('鲤城区市场监督管理局')}`, 404], ['bulletins', 404], ['users', 404]] as const) {
      expect([path, (await page.goto(url + path))!.status()]).toEqual([path, want]);
    }
    await page.browserContext().close();
  });

  it('a state change without the CSRF token, or from another origin, is refused', async () => {
    const { page } = await signIn('admin', adminPassword);
    const cookie = (await page.browserContext().cookies()).find((c) => c.name === 'govaudit_session')!;
    secrets.push(cookie.value);
    await page.goto(`${url}users`);
    const token = await page.$eval('#add-user input[name=_csrf]', (i) => (i as HTMLInputElement).value);
    const form = (extra: string) => `username=mallory&role=admin&password=strong-pass-2026${extra}`;
    const headers = { cookie: `govaudit_session=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' };
    expect((await raw('/users', { method: 'POST', headers, body: form('') })).status).toBe(403);
    expect((await raw('/users', { method: 'POST', headers, body: form('&_csrf=wrong') })).status).toBe(403);
    expect((await raw('/users', { method: 'POST', headers: { ...headers, origin: 'http://attacker.example' }, body: form(`&_csrf=${token}`) })).status).toBe(403);
    expect((await s.store.listUsers()).map((u) => u.username)).not.toContain('mallory');
    expect((await raw('/users', { method: 'POST', headers: { ...headers, origin: new URL(url).origin }, body: form(`&_csrf=${token}`) })).status).toBe(200);
    expect((await s.store.listUsers()).map((u) => u.username)).toContain('mallory');
    await page.browserContext().close();
  });

  it('wrong passwords slow down, then lock the account (even the right password is refused)', async () => {
    delays.length = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn('li.reviewer', `wrong-${i}-password`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
    const locked = await signIn('li.reviewer', 'reviewer-pass-2026');
    expect(locked.status).toBe(429);
    expect(await text(locked.page, 'p.warn')).toContain('账号已暂时锁定');
    await locked.page.browserContext().close();
    const log = await s.store.listAudit();
    expect(log.filter((e) => e.target === 'li.reviewer' && e.action.startsWith('login.')).map((e) => e.action)).toEqual(['login.locked', 'login.failed', 'login.failed', 'login.failed', 'login.failed']);
  });

  it('the session cookie is Secure behind HTTPS', async () => {
    const secure = createDashboard({ store: s.store, config: s.config, now, requireToken: true, secureCookies: true });
    const u = (await secure.listen(0, '127.0.0.1')).url;
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.goto(`${u}login`);
    const csrf = await page.$eval('form[action="/login"] input[name=_csrf]', (i) => (i as HTMLInputElement).value);
    const res = await new Promise<{ status: number; cookies: string[] }>((resolve, reject) => {
      const v = new URL(u);
      const req = request({ host: v.hostname, port: v.port, path: '/login', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: v.origin, cookie: `govaudit_csrf=${csrf}` } }, (r) => {
        r.resume();
        r.on('end', () => resolve({ status: r.statusCode!, cookies: r.headers['set-cookie'] ?? [] }));
      });
      req.on('error', reject);
      req.end(`_csrf=${csrf}&username=admin&password=${encodeURIComponent(adminPassword)}`);
    });
    expect(res.status).toBe(303);
    const session = res.cookies.find((c) => c.startsWith('govaudit_session='))!;
    secrets.push(session.split(';')[0].split('=')[1]);
    expect(session.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax', 'Secure']);
    await ctx.close();
    await secure.close();
  });

  it('no password, session id or token appears in any output or in the audit log', async () => {
    const { token } = await issueToken(s.store, { scope: 'center' });
    secrets.push(token);
    expect((await raw(`/?token=${token}`)).status).toBe(303);
    const log = JSON.stringify(await s.store.listAudit());
    expect(log).toContain('login');
    const stored = JSON.stringify(await s.store.listUsers());
    for (const secret of secrets) {
      expect(output.join('')).not.toContain(secret);
      expect(log).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
    expect(secrets.length).toBeGreaterThan(5);
  });
});
