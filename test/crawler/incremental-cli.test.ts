// `govaudit audit --full` is accepted (it forces a full crawl for one run: scheduler/audit.ts `full`, exercised in
// incremental-audit.test.ts) and refused with --distributed, whose workers do not take it yet, with a clear message.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditCommand } from '../../cli/commands/audit.ts';
import { main } from '../../cli/main.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govaudit-incremental-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('govaudit audit --full', () => {
  it('is a flag of audit, named in its usage', () => {
    expect(auditCommand.options.full).toEqual({ type: 'boolean' });
    expect(auditCommand.usage).toContain('[--full]');
  });

  it('is refused with --distributed (exit 2, one line saying what to do instead)', async () => {
    const config = join(dir, 'district.json');
    await writeFile(config, JSON.stringify({ district: '测试区', sites: [{ id: 'portal', name: '门户网站', unit: '区政府办', homepage: 'http://127.0.0.1:9/' }] }));
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    try {
      code = await main(['audit', '--full', '--distributed', '--config', config, '--data', join(dir, 'data'), '--out', join(dir, 'out'), '--quiet']);
    } finally {
      vi.restoreAllMocks();
    }
    expect(code).toBe(2);
    expect(err).toBe('govaudit audit: --full: not with --distributed yet (the workers read crawl.incremental.enabled; set it to false for one run)\n');
  });
});
