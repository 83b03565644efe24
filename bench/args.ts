// Command-line flags of `npm run bench`.

export type Part = 'govaudit' | 'linkinator' | 'linkchecker' | 'axe' | 'wording';

export interface BenchArgs {
  pages: number;
  latencyMs: number;
  concurrency: number;
  /** Parts to run (all when --only is not given). */
  parts: Part[];
  /** Pages the browser part checks. */
  axePages: number;
  /** Browser pages at once in the browser part (both tools). */
  axeConcurrency: number;
  /** Also rewrite the committed bench/RESULTS.md. */
  record: boolean;
  /** Run govaudit with `--max-old-space-size` of this many MB (0: Node's default), as docs/operations.md advises for very large sites. */
  heapMb: number;
}

const PARTS: Part[] = ['govaudit', 'linkinator', 'linkchecker', 'axe', 'wording'];

export const usage = `npm run bench -- [--pages N] [--latency MS] [--concurrency N] [--only govaudit|linkinator|linkchecker|axe|wording[,…]]
                    [--axe-pages N] [--axe-concurrency N] [--heap-mb N] [--record]`;

function int(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}, not ${value ?? 'nothing'}`);
  return n;
}

export function parseArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { pages: 5_000, latencyMs: 20, concurrency: 4, parts: PARTS, axePages: 50, axeConcurrency: 2, record: false, heapMb: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => argv[++i];
    if (flag === '--pages') args.pages = int('--pages', value(), 50, 1_000_000);
    else if (flag === '--latency') args.latencyMs = int('--latency', value(), 0, 10_000);
    else if (flag === '--concurrency') args.concurrency = int('--concurrency', value(), 1, 32);
    else if (flag === '--axe-pages') args.axePages = int('--axe-pages', value(), 1, 500);
    else if (flag === '--axe-concurrency') args.axeConcurrency = int('--axe-concurrency', value(), 1, 16);
    else if (flag === '--record') args.record = true;
    else if (flag === '--heap-mb') args.heapMb = int('--heap-mb', value(), 0, 16_384);
    else if (flag === '--only') {
      const parts = (value() ?? '').split(',').filter(Boolean);
      const bad = parts.filter((p) => !PARTS.includes(p as Part));
      if (!parts.length || bad.length) throw new Error(`--only takes ${PARTS.join(', ')} (comma-separated), not ${bad.join(', ') || 'nothing'}`);
      args.parts = parts as Part[];
    } else throw new Error(`unknown flag ${flag}\n${usage}`);
  }
  return args;
}
