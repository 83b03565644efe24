// Text similarity used for IPv6 content parity: dates, times, counters and whitespace never count as a difference.
import { describe, expect, it } from 'vitest';
import { normaliseForComparison, textSimilarity } from '../../../checks/lib/text-similarity.ts';

describe('textSimilarity', () => {
  it('ignores dates in the usual spellings, times, weekdays, counters and whitespace', () => {
    expect(normaliseForComparison('发布日期：2026-11-19 10:30  星期四 访问量 １２３４５')).toBe('发布日期:访问量');
    expect(normaliseForComparison('2026年11月19日 11月19日 2026/11/19 Thursday')).toBe('');
    expect(textSimilarity('今天是2026年11月19日，您是第1024位访客', '今天是 2026年11月20日，您是第 1025 位访客')).toBe(1);
  });

  it('tells a different page apart and grades partial overlap', () => {
    expect(textSimilarity('鲤城区人民政府门户网站 政务公开 办事服务', 'Welcome to nginx! Thank you for using nginx.')).toBe(0);
    const s = textSimilarity('一二三四五六七八九十', '一二三四五六七八甲乙');
    expect(s).toBeGreaterThan(0.4);
    expect(s).toBeLessThan(0.8);
    expect(textSimilarity('', '')).toBe(1);
    expect(textSimilarity('', '有内容')).toBe(0);
  });
});
