// Ages and page keys used by the content checks: calendar-month cut-offs clamp to the month's end; a folder and
// its index file are one page.
import { describe, expect, it } from 'vitest';
import { cutoffDate, daysBetween, parseAge } from '../../../checks/content/age.ts';
import { folderKey, pageKey } from '../../../util/site-pages.ts';

describe('ages', () => {
  it('gives the oldest fresh date for days, weeks, months and years', () => {
    expect(['14d', '2w', '6m', '1y'].map((a) => cutoffDate('2026-11-20', parseAge(a)))).toEqual(['2026-11-06', '2026-11-06', '2026-05-20', '2025-11-20']);
    expect(cutoffDate('2026-08-31', parseAge('6m'))).toBe('2026-02-28');
    expect(cutoffDate('2028-02-29', parseAge('1y'))).toBe('2027-02-28');
    expect(cutoffDate('2026-01-15', parseAge('2m'))).toBe('2025-11-15');
    expect(daysBetween('2025-11-20', '2026-11-20')).toBe(365);
    expect(() => parseAge('6 months')).toThrow(RangeError);
  });

  it('treats a folder and its index file as one page, ignoring the fragment', () => {
    expect(pageKey('http://x.gov.cn/zwgk/zcwj/index.htm#top')).toBe(pageKey('http://x.gov.cn/zwgk/zcwj/'));
    expect(pageKey('http://x.gov.cn/a/index_1.htm')).not.toBe(pageKey('http://x.gov.cn/a/'));
    expect(folderKey('http://x.gov.cn/zwgk/zcwj/index.shtml')).toBe('http://x.gov.cn/zwgk/zcwj/');
    expect(folderKey('http://x.gov.cn/zwgk/zcwj/t1.htm?x=/y/')).toBe('http://x.gov.cn/zwgk/zcwj/');
  });
});
