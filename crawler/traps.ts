// Crawler-trap guards: URLs that could go on forever (calendars with endless ?month= variants, paths that
// repeat their own segments, absurdly deep paths). Session ids are already removed by URL normalisation.

export const DEFAULT_MAX_PATH_DEPTH = 12;

/** The guard a path trips on its own, or null: `path-depth` (more than `maxDepth` segments) or `repeating-segments`. */
export function pathTrap(pathname: string, maxDepth = DEFAULT_MAX_PATH_DEPTH): string | null {
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length > maxDepth) return 'path-depth';
  if (hasRepeatingSegments(segments)) return 'repeating-segments';
  return null;
}

/**
 * True when a block of segments directly repeats (`/a/b/a/b`, a single segment three times in a row as in
 * `/x/x/x`), or one segment occurs four times or more anywhere.
 */
export function hasRepeatingSegments(segments: string[]): boolean {
  const counts = new Map<string, number>();
  for (const s of segments) {
    const n = (counts.get(s) ?? 0) + 1;
    if (n >= 4) return true;
    counts.set(s, n);
  }
  for (let len = 1; len * 2 <= segments.length; len++) {
    const needed = len === 1 ? 3 : 2;
    for (let i = 0; i + len * needed <= segments.length; i++) {
      let repeats = 1;
      while (repeats < needed && sameBlock(segments, i, i + len * repeats, len)) repeats++;
      if (repeats >= needed) return true;
    }
  }
  return false;
}

function sameBlock(s: string[], a: number, b: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (s[a + k] !== s[b + k]) return false;
  return true;
}

export interface TrapGuard {
  /**
   * The guard that refuses `url`, or null when it may be crawled; an accepted URL's query string is counted
   * against its path. Call in a stable order (sorted) so the same URLs are refused on every run.
   */
  admit(url: string): string | null;
}

/** A guard with a per-path budget of distinct query strings (the path without query is always admitted). */
export function createTrapGuard(opts: { maxQueryVariantsPerPath: number; maxPathDepth?: number }): TrapGuard {
  const variants = new Map<string, number>();
  return {
    admit(url) {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        return 'invalid-url';
      }
      const byPath = pathTrap(u.pathname, opts.maxPathDepth);
      if (byPath) return byPath;
      if (!u.search) return null;
      const key = `${u.origin}${u.pathname}`;
      const n = variants.get(key) ?? 0;
      if (n >= opts.maxQueryVariantsPerPath) return 'query-variants';
      variants.set(key, n + 1);
      return null;
    },
  };
}
