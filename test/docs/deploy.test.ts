// deploy/ holds what the operations guide describes: each systemd unit and the Dockerfile run a real `govaudit`
// command with options that command accepts (parsed with the command's own option table), and the guide shows the
// same units.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const deploy = join(root, 'deploy');

/** `govaudit` argument lists in a file: after `govaudit.mjs` on ExecStart lines, or the Dockerfile's ENTRYPOINT + CMD. */
function invocations(file: string): string[][] {
  const text = readFileSync(join(deploy, file), 'utf8');
  if (file === 'Dockerfile') {
    const cmd = text.match(/^CMD (\[.*\])$/m);
    return cmd ? [JSON.parse(cmd[1]) as string[]] : [];
  }
  return [...text.matchAll(/^ExecStart=\S+ \S*govaudit\.mjs (.*)$/gm)].map((m) => m[1].trim().split(/\s+/));
}

describe('deploy/', () => {
  const files = readdirSync(deploy).filter((f) => f.endsWith('.service') || f === 'Dockerfile');

  it('holds the service, worker and enqueue units and a Dockerfile', () => {
    expect(files.sort()).toEqual(['Dockerfile', 'govaudit-enqueue.service', 'govaudit-worker@.service', 'govaudit.service']);
    expect(readFileSync(join(deploy, 'govaudit-enqueue.timer'), 'utf8')).toMatch(/^OnCalendar=/m);
  });

  for (const file of ['Dockerfile', 'govaudit-enqueue.service', 'govaudit-worker@.service', 'govaudit.service']) {
    it(`${file} runs a govaudit command with options it accepts`, () => {
      const runs = invocations(file);
      expect(runs.length).toBe(1);
      const [name, ...args] = runs[0];
      const command = commands.find((c) => c.name === name);
      expect(command, `no govaudit command ${name}`).toBeDefined();
      expect(() => parseArgs({ args, options: command!.options, allowPositionals: command!.allowPositionals ?? false, strict: true })).not.toThrow();
    });
  }

  it('the operations guide shows the units as they are in deploy/', () => {
    const guide = readFileSync(join(root, 'docs/operations.md'), 'utf8');
    for (const file of ['govaudit.service', 'govaudit-worker@.service']) {
      const unit = readFileSync(join(deploy, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
      for (const line of unit) expect(guide, `${file}: ${line}`).toContain(line);
    }
  });
});
