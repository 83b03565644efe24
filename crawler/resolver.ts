// Host name resolution for the crawler: the config's `resolve` overrides (like curl --resolve) first, else the
// system resolver. A host listed in the overrides resolves only from its list; an empty list means "does not resolve".
import { lookup as systemLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Answers host → addresses, optionally of one family. Throws an Error with code `ENOTFOUND` when there is none. */
export interface Resolver {
  lookup(host: string, family?: 4 | 6): Promise<ResolvedAddress[]>;
}

const CACHE_MS = 5 * 60_000;

/** An Error shaped like Node's DNS errors, so callers can tell "no address" from other failures. */
export function notFoundError(host: string, family?: 4 | 6): Error {
  const what = family ? `no IPv${family} address` : 'no address';
  return Object.assign(new Error(`${what} for ${host}`), { code: 'ENOTFOUND', hostname: host });
}

/**
 * A resolver answering from `overrides` (host → addresses; keys case-insensitive) and otherwise from the
 * system resolver (`getaddrinfo`, so /etc/hosts applies). Successful system answers are cached for 5 minutes.
 */
export function createResolver(overrides: Record<string, string[]>, opts: { now?: () => number } = {}): Resolver {
  const table = new Map<string, ResolvedAddress[]>();
  for (const [host, list] of Object.entries(overrides)) {
    table.set(normaliseHost(host), list.map((a) => ({ address: a.replace(/^\[|\]$/g, ''), family: isIP(a.replace(/^\[|\]$/g, '')) === 6 ? 6 : 4 })));
  }
  const now = opts.now ?? Date.now;
  const cache = new Map<string, { at: number; answer: ResolvedAddress[] }>();

  async function fromSystem(host: string): Promise<ResolvedAddress[]> {
    const hit = cache.get(host);
    if (hit && now() - hit.at < CACHE_MS) return hit.answer;
    const answer = (await systemLookup(host, { all: true, verbatim: true })).map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }) as ResolvedAddress);
    cache.set(host, { at: now(), answer });
    return answer;
  }

  return {
    async lookup(host, family) {
      const name = normaliseHost(host);
      const literal = isIP(name);
      let all: ResolvedAddress[];
      if (literal) all = [{ address: name, family: literal === 6 ? 6 : 4 }];
      else if (table.has(name)) all = table.get(name)!;
      else {
        try {
          all = await fromSystem(name);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_NONAME') throw notFoundError(name, family);
          throw err;
        }
      }
      const answer = family ? all.filter((a) => a.family === family) : all;
      if (answer.length === 0) throw notFoundError(name, family);
      return answer.map((a) => ({ ...a }));
    },
  };
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}
