import { describe, expect, it } from 'vitest';
import { extractPageDate, findDatedItems, findDates, parseDate } from '../../util/dates.ts';

describe('parseDate', () => {
  const valid: [string, ReturnType<typeof parseDate>][] = [
    ['2026-11-18', { date: '2026-11-18' }],
    ['2026/11/18', { date: '2026-11-18' }],
    ['2026.11.18', { date: '2026-11-18' }],
    ['2026年11月18日', { date: '2026-11-18' }],
    ['2026年1月8日', { date: '2026-01-08' }],
    ['2026-1-8', { date: '2026-01-08' }],
    ['２０２６－１１－１８', { date: '2026-11-18' }],
    ['２０２６年１１月１８日', { date: '2026-11-18' }],
    ['2026-11-18 10:30', { date: '2026-11-18', time: '10:30' }],
    ['2026-11-18 9:05:59', { date: '2026-11-18', time: '09:05' }],
    ['2026-11-18T10:30:00+08:00', { date: '2026-11-18', time: '10:30' }],
    ['2026年11月18日10：30', { date: '2026-11-18', time: '10:30' }],
    ['2026年11月18日 10:30', { date: '2026-11-18', time: '10:30' }],
    ['2026 年 11 月 18 日', { date: '2026-11-18' }],
    ['2028-02-29', { date: '2028-02-29' }],
    ['1990-01-01', { date: '1990-01-01' }],
    ['2100-12-31', { date: '2100-12-31' }],
    ['[2026-11-18]', { date: '2026-11-18' }],
    ['2026-11-18 25:00', { date: '2026-11-18' }],
    ['2026-02-30 然后 2026-03-01', { date: '2026-03-01' }],
  ];
  it.each(valid)('%s', (text, expected) => {
    expect(parseDate(text)).toEqual(expected);
  });

  const invalid = [
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-11-00',
    '1989-12-31',
    '2101-01-01',
    '2026-11/18',
    '12026-11-18',
    '2026-11-181',
    '20261118',
    '11-18',
    '',
    '发布时间：未知',
  ];
  it.each(invalid)('rejects %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });
});

describe('findDates', () => {
  it('gives every valid date with its position', () => {
    expect(findDates('起 2026-11-05 至 2026年12月1日，2026-02-30 无效')).toEqual([
      { date: '2026-11-05', index: 2, length: 10 },
      { date: '2026-12-01', index: 15, length: 10 },
    ]);
  });
});

describe('extractPageDate', () => {
  const trsUrl = 'http://www.lc.gov.cn/zwgk/tzgg/202611/t20261105_3012345.htm';
  const cases: [string, Parameters<typeof extractPageDate>[0], ReturnType<typeof extractPageDate>][] = [
    [
      'PubDate meta wins over everything',
      { url: trsUrl, meta: { pubdate: '2026-11-06 09:15' }, text: '发布日期：2026-11-04' },
      { date: '2026-11-06', time: '09:15', source: 'meta', confidence: 'high' },
    ],
    [
      'an unparsable PubDate falls through to the label',
      { url: trsUrl, meta: { pubdate: '{{pubdate}}' }, text: '发布日期：2026-11-04' },
      { date: '2026-11-04', source: 'label', confidence: 'high' },
    ],
    [
      '发布时间 label with full-width colon and Chinese date',
      { url: 'http://x/a.html', meta: {}, text: '首页 > 通知公告 发布时间：2026年11月4日 16:20 来源：区政府办 浏览次数：12' },
      { date: '2026-11-04', time: '16:20', source: 'label', confidence: 'high' },
    ],
    [
      '发布日期 preferred to an earlier 成文日期',
      { url: 'http://x/a.html', meta: {}, text: '索引号：X 成文日期：2026-10-30 发布日期：2026-11-02' },
      { date: '2026-11-02', source: 'label', confidence: 'high' },
    ],
    [
      '成文日期 alone is medium',
      { url: 'http://x/a.html', meta: {}, text: '成文日期: 2026-10-30 标题' },
      { date: '2026-10-30', source: 'label', confidence: 'medium' },
    ],
    [
      'a bare 日期 label',
      { url: 'http://x/a.html', meta: {}, text: '【日期】2026-10-30' },
      { date: '2026-10-30', source: 'label', confidence: 'medium' },
    ],
    [
      'a label over the URL',
      { url: trsUrl, meta: {}, text: '时间：2026-11-07' },
      { date: '2026-11-07', source: 'label', confidence: 'medium' },
    ],
    [
      'a TRS URL when the text has no label',
      { url: trsUrl, meta: {}, text: '正文 2026-01-01 提到的日期' },
      { date: '2026-11-05', source: 'url', confidence: 'medium' },
    ],
    [
      'a Hanweb URL',
      { url: 'http://www.lc.gov.cn/art/2026/11/5/art_1234_567890.html', meta: {} },
      { date: '2026-11-05', source: 'url', confidence: 'medium' },
    ],
  ];
  it.each(cases)('%s', (_name, page, expected) => {
    expect(extractPageDate(page)).toEqual(expected);
  });

  const none: [string, Parameters<typeof extractPageDate>[0]][] = [
    ['only an unlabelled date in the text', { url: 'http://x/a.html', meta: {}, text: '2026年11月1日召开会议' }],
    ['a label inside a longer word (留言时间)', { url: 'http://x/a.html', meta: {}, text: '留言时间：2026-11-01' }],
    ['an impossible TRS date', { url: 'http://x/202602/t20260230_1.htm', meta: {} }],
    ['a t-number that is not a TRS article', { url: 'http://x/t20261105.htm', meta: {} }],
    ['an impossible labelled date', { url: 'http://x/a.html', meta: {}, text: '发布日期：2026-02-30' }],
  ];
  it.each(none)('null for %s', (_name, page) => {
    expect(extractPageDate(page)).toBeNull();
  });

  it('falls back to the title, then the text, only when asked', () => {
    const page = { url: 'http://x/a.html', meta: {}, title: '2026年工作要点', text: '会议于2026年11月1日召开' };
    expect(extractPageDate(page, { textFallback: true })).toEqual({ date: '2026-11-01', source: 'text', confidence: 'low' });
    expect(extractPageDate({ ...page, title: '会议 2026-10-31' }, { textFallback: true })).toEqual({
      date: '2026-10-31',
      source: 'text',
      confidence: 'low',
    });
  });
});

describe('findDatedItems', () => {
  it('reads title-then-date lists', () => {
    expect(findDatedItems('关于开展消防检查的通知 2026-11-05 关于公布2026年预算的公告 [2026-11-01] 第1页')).toEqual([
      { title: '关于开展消防检查的通知', date: '2026-11-05', index: 12 },
      { title: '关于公布2026年预算的公告', date: '2026-11-01', index: 39 },
    ]);
  });

  it('reads date-then-title lists', () => {
    expect(findDatedItems('2026-11-05 关于A的通知 2026-10-01 关于B的通知')).toEqual([
      { title: '关于A的通知', date: '2026-11-05', index: 0 },
      { title: '关于B的通知', date: '2026-10-01', index: 18 },
    ]);
  });

  it('masks personal data in titles', () => {
    expect(findDatedItems('张三 13912345678 来电 2026-11-05')).toEqual([
      { title: '张三 139****5678 来电', date: '2026-11-05', index: 18 },
    ]);
  });

  it('returns nothing without dates', () => {
    expect(findDatedItems('暂无信息')).toEqual([]);
  });
});
