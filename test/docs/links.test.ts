// Every relative link in README.md and docs/ leads somewhere: the file exists and, for `#anchor`, a heading of that
// file has that anchor (GitHub's slugs). Moving a section between documents cannot leave a dead link behind.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped (CJK kept), spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const s = slug(m[1]);
    const n = seen.get(s) ?? 0;
    out.add(n ? `${s}-${n}` : s);
    seen.set(s, n + 1);
  }
  return out;
}

describe('documentation links', () => {
  it('every relative link in README.md and docs/ resolves to a file and heading', () => {
    const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
    const dead: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const href = m[1];
        if (/^[a-z]+:/i.test(href)) continue;
        const [path, anchor] = href.split('#');
        const target = path ? join(dirname(file), decodeURI(path)) : file;
        if (!existsSync(target)) dead.push(`${relative(root, file)}: ${href} (no such file)`);
        else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) dead.push(`${relative(root, file)}: ${href} (no such heading)`);
      }
    }
    expect(dead).toEqual([]);
  });
});
