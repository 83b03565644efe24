// `govaudit` entry: dispatches to a sub-command, turns known failures into one line and an exit code.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load.ts';
import { UsageError } from './command.ts';
import { commands } from './commands/index.ts';
import { tuneHeap } from './heap.ts';

/** Commands that crawl (directly or as a service): they run with the crawl's heap growth step (heap.ts). */
const CRAWLING = new Set(['audit', 'worker', 'serve']);

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write('govaudit 0.1.0\n');
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`govaudit: unknown command "${name}"\n${help()}`);
    return 2;
  }
  try {
    if (rest.includes('--help')) {
      process.stdout.write(`usage: ${cmd.usage}\n`);
      return 0;
    }
    if (CRAWLING.has(cmd.name)) tuneHeap();
    const { values, positionals } = parseArgs({ args: rest, options: cmd.options, allowPositionals: cmd.allowPositionals ?? false, strict: true });
    return await cmd.run(values as Record<string, string | boolean | string[] | undefined>, positionals);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof ConfigError || e instanceof UsageError) {
      process.stderr.write(`govaudit ${name}: ${err.message}\n`);
      return 2;
    }
    if (err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`govaudit ${name}: ${err.message}\nusage: ${cmd.usage}\n`);
      return 2;
    }
    process.stderr.write(`govaudit ${name}: ${err.message ?? String(e)}\n`);
    if (process.env.GOVAUDIT_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

function help(): string {
  return `govaudit — nightly audit of a district's government websites

usage: govaudit <command> [options]

${commands.map((c) => `  ${c.name.padEnd(16)}${c.summary}`).join('\n')}

Common options: --config FILE  --data DIR  --now ISO   (govaudit <command> --help for more)
`;
}
