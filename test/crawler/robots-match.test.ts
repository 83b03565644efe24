// The fast robots.txt matcher decides exactly as robots-parser does (random rule sets and paths), and a hostile
// robots.txt of thousands of rules costs a lookup per URL, not a scan of every rule.
import fc from 'fast-check';
import robotsParserModule from 'robots-parser';
import { describe, expect, it } from 'vitest';
import { parseRobots } from '../../crawler/robots.ts';
import { wildcardMatch } from '../../crawler/robots-match.ts';

const robotsParser = robotsParserModule as unknown as (url: string, text: string) => { isAllowed(url: string, ua?: string): boolean | undefined };
const ORIGIN = 'http://www.test.gov.cn';

const piece = fc.constantFrom('/', 'a', 'b', 'ab', '.', '?', '=', '&', '*', '$', '%2f', '%2F', '中', 'x/', '-');
const text = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(''));
const rule = fc.record({ allow: fc.boolean(), pattern: fc.oneof(text(6).map((t) => `/${t}`), text(4)) });
const group = fc.constantFrom('*', 'govaudit', 'otherbot');

describe('robots.txt matching', () => {
  it('agrees with robots-parser on any rules and path', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ ua: group, rules: fc.array(rule, { maxLength: 8 }) }), { maxLength: 3 }), fc.array(text(8), { minLength: 1, maxLength: 6 }), (groups, paths) => {
        const robots = groups.map((g) => `User-agent: ${g.ua}\n${g.rules.map((r) => `${r.allow ? 'Allow' : 'Disallow'}: ${r.pattern}`).join('\n')}\n`).join('\n');
        const ours = parseRobots(`${ORIGIN}/robots.txt`, robots);
        const theirs = robotsParser(`${ORIGIN}/robots.txt`, robots);
        for (const p of paths) {
          let url: string;
          try {
            url = new URL(`/${p}`, ORIGIN).href;
          } catch {
            continue;
          }
          expect(ours.isAllowed(url), `${robots}\n${url}`).toBe(theirs.isAllowed(url, 'govaudit') !== false);
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('matches wildcards in time bounded by pattern × path', () => {
    expect(wildcardMatch('/a*b$', '/axxb')).toBe(true);
    expect(wildcardMatch('/a*b$', '/axxbc')).toBe(false);
    expect(wildcardMatch('*.pdf', '/files/x.pdf?v=1')).toBe(true);
    expect(wildcardMatch(`/${'*a'.repeat(200)}b`, `/${'a'.repeat(5000)}`)).toBe(false);
  });

  it('decides 20,000 URLs against 12,000 rules without scanning every rule', () => {
    const lines = ['User-agent: *', 'Disallow: /robots-blocked.htm'];
    for (let i = 0; i < 12_000; i++) lines.push(`Disallow: /filler/${i.toString(36)}/aaaaaaaaaaaaaaaaaaaa`);
    const rules = parseRobots(`${ORIGIN}/robots.txt`, lines.join('\n'));
    let allowed = 0;
    for (let i = 0; i < 20_000; i++) if (rules.isAllowed(`${ORIGIN}/many/p?n=${i}`)) allowed++;
    expect(allowed).toBe(20_000);
    expect(rules.isAllowed(`${ORIGIN}/robots-blocked.htm`)).toBe(false);
    expect(rules.isAllowed(`${ORIGIN}/filler/${(11_999).toString(36)}/aaaaaaaaaaaaaaaaaaaa/x`)).toBe(false);
  });
});
