// The README's 快速上手 steps 3–6, run as written in a fresh folder by a real shell: `govaudit init` writes a config
// that loads, the audit of a fixture site with it succeeds, the export imports, the bulletin and a unit token are
// made. The commands are read from the README block itself, so the README and this test cannot drift. Two
// substitutions only: `npx govaudit` is this checkout's bin (npx would look the package up on the registry), and
// the example homepage is a small site this test serves on loopback (the audit never leaves the machine). Steps 1–2 (`./setup.sh`
// installs OS packages; `npm start` audits the whole demo district) are covered by test/e2e/demo.test.ts.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { fixturesRoot } from '../../fixtures/server.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE_HOMEPAGE = 'http://www.licheng.gov.cn/';
let server: Server;
let port: number;
let dir: string;

/** A small district site: a homepage, two articles, one broken link. */
const pages: Record<string, string> = {
  '/': '<h1>鲤城区人民政府</h1><ul><li><a href="/a/1.html">2026年工作要点</a> 2026-12-01</li><li><a href="/a/2.html">通知公告</a> 2026-12-03</li><li><a href="/gone.html">旧栏目</a></li></ul>',
  '/a/1.html': '<h1>2026年工作要点</h1><p>发布日期：2026-12-01</p><p><a href="/">首页</a></p>',
  '/a/2.html': '<h1>通知公告</h1><p>发布日期：2026-12-03</p><p><a href="/">首页</a></p>',
};

/** The inline commands of the README's 快速上手 block, in order. */
async function quickStartCommands(): Promise<string[]> {
  const readme = await readFile(join(repo, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('## 快速上手'), readme.indexOf('\n## ', readme.indexOf('## 快速上手') + 1));
  return [...block.matchAll(/`((?:npx govaudit|npm start|\.\/setup\.sh)[^`]*)`/g)].map((m) => m[1]);
}

function sh(command: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd: dir, env: { ...process.env, GOVAUDIT_DATA: '', GOVAUDIT_DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    if (!body) return void res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<title>404</title><h1>页面不存在</h1>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>鲤城区人民政府</title></head><body><main>${body}</main></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  dir = await mkdtemp(join(tmpdir(), 'govaudit-quickstart-'));
  // step 4's file, as the platform exports it
  await copyFile(join(fixturesRoot, 'exports', 'error-reports.csv'), join(dir, '导出文件.csv'));
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('README 快速上手', () => {
  it('lists the steps this test runs', async () => {
    const commands = await quickStartCommands();
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      './setup.sh && npm',
      'npx govaudit init',
      'npx govaudit audit',
      'npx govaudit import-reports',
      'npx govaudit bulletin',
      'npx govaudit token',
    ]);
  });

  it('steps 3–6 work as written: init, audit, import, bulletin, token', async () => {
    const homepage = `http://127.0.0.1:${port}/`;
    const commands = (await quickStartCommands()).filter((c) => c.startsWith('npx govaudit'));
    for (const written of commands) {
      const command = written.replaceAll('npx govaudit', `node ${join(repo, 'bin', 'govaudit.mjs')}`).replaceAll(EXAMPLE_HOMEPAGE, homepage);
      const { code, out } = await sh(command);
      expect(code, `${written}\n${out}`).toBe(0);
      if (written.includes(' init ')) {
        // the written config loads, names its JSON Schema and audits the site given
        const config = await loadConfig(join(dir, 'district.yaml'));
        expect(config.sites.map((s) => [s.id, s.homepage, s.unit])).toEqual([['127-0-0-1-' + port, homepage, '鲤城区人民政府办公室']]);
        const text = await readFile(join(dir, 'district.yaml'), 'utf8');
        expect(JSON.parse(await readFile(join(dir, text.match(/^\$schema: (.+)$/m)![1]), 'utf8')).title).toBe('govaudit district config');
      }
    }
    const run = JSON.parse(await readFile(join(dir, 'out', 'run.json'), 'utf8'));
    expect(run.sites.map((s: { siteId: string }) => s.siteId)).toEqual([`127-0-0-1-${port}`]);
    expect(typeof run.sites[0].score).toBe('number');
    expect((await readdir(join(dir, 'data'))).includes('govaudit.sqlite')).toBe(true);
  }, 600_000);
});
