// The wording corpus (fixtures/wording/): every planted error found with its right form and where it stands — the
// whole expected set, so an extra finding fails like a miss — and nothing at all on 220 clean government pages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPages, plantedPages } from '../../../fixtures/wording/corpus.ts';
import { runCorpus } from './corpus-support.ts';

interface Expected {
  page: string;
  code: string;
  kind: string;
  wrong: string;
  correct: string;
  where: string[];
  count: number;
  omittedOnPage?: number;
}

const expected = JSON.parse(readFileSync(new URL('../../../fixtures/wording/expected.json', import.meta.url), 'utf8')) as Expected[];
const key = (e: Expected) => JSON.stringify([e.page, e.code, e.kind, e.wrong, e.correct, e.where, e.count, e.omittedOnPage ?? 0]);

describe('wording corpus', () => {
  const planted = runCorpus(plantedPages());

  it('finds exactly the planted errors, each with its right form, kind and place', () => {
    const got = planted.findings.map((f) =>
      key({ page: f.url!.replace(/.*\//, ''), code: f.code, kind: String(f.evidence.kind), wrong: String(f.evidence.wrong), correct: String(f.evidence.correct), where: f.evidence.where as string[], count: Number(f.evidence.count), omittedOnPage: f.evidence.omittedOnPage as number | undefined }),
    );
    expect(got.sort()).toEqual(expected.map(key).sort());
  });

  it('plants every kind of error the check knows', () => {
    const kinds = new Set(expected.map((e) => e.kind));
    for (const k of ['homophone', 'near-homophone', 'substitution', 'transposition', 'omission', 'duplication', 'leader-name', 'wrong-post', 'outdated-post', 'post-not-yet-held', 'outdated-term', 'typo']) expect(kinds).toContain(k);
  });

  it('marks serious errors for review as veto candidates and typos as minor, with the sentence marked', () => {
    for (const f of planted.findings) {
      if (f.code === 'wording.serious') expect(f).toMatchObject({ severity: 'veto', review: true });
      else expect(f).toMatchObject({ severity: 'minor' });
      const occ = f.evidence.occurrences as string[];
      expect(occ.length).toBeGreaterThan(0);
      for (const o of occ) expect(o).toMatch(new RegExp(`^(网页标题|正文标题|正文|附件)(第\\d+页)?：.*【${f.evidence.wrong}】`));
      expect(String(f.evidence.source)).not.toBe('');
    }
  });

  it('keeps at most maxHitsPerPage hits on a page and counts the rest', () => {
    expect(planted.metrics).toMatchObject({ hitsOverPageLimit: 2, pagesOverLimit: ['http://www.licheng.gov.cn/planted/p13-cap.htm'] });
  });

  it('raises nothing on 220 clean pages of policy documents, news, notices and interpretations', () => {
    const pages = cleanPages();
    expect(pages.length).toBeGreaterThanOrEqual(200);
    const clean = runCorpus(pages);
    expect(clean.findings.map((f) => `${f.url} ${f.message}`)).toEqual([]);
    expect(clean.metrics).toMatchObject({ pagesScanned: pages.length, postMentionsUndated: 0 });
  });
});
