import { describe, expect, it } from 'vitest';
import {
  extractDocNumbers,
  extractIndexNumber,
  extractQuotedTitles,
  normaliseTitle,
  tidyTitle,
} from '../../util/docno.ts';
import { makeId } from './pii-fixtures.ts';

describe('extractDocNumbers', () => {
  const cases: [string, string, string[]][] = [
    ['〔〕 brackets', '泉鲤政办〔2018〕77号', ['泉鲤政办〔2018〕77号']],
    ['square brackets', '鲤政文[2026]3号', ['鲤政文〔2026〕3号']],
    ['round brackets', '鲤政(2026)12号', ['鲤政〔2026〕12号']],
    ['full-width round brackets', '鲤政（2026）12号', ['鲤政〔2026〕12号']],
    ['lenticular brackets', '鲤政【2026】12号', ['鲤政〔2026〕12号']],
    ['small brackets', '闽政办﹝2018﹞5号', ['闽政办〔2018〕5号']],
    ['full-width digits and leading zeros', '鲤政文〔２０２６〕００３号', ['鲤政文〔2026〕3号']],
    ['spaces and 第', '鲤政 〔2026〕 第 12 号', ['鲤政〔2026〕12号']],
    [
      'several in a sentence, deduplicated in order',
      '根据泉鲤政办〔2018〕77号和鲤政〔2026〕12号精神，按照鲤政【2026】12号、国办发〔2018〕1号要求',
      ['泉鲤政办〔2018〕77号', '鲤政〔2026〕12号', '国办发〔2018〕1号'],
    ],
    ['a number inside a title', '关于印发《鲤城区办法》的通知（鲤政文〔2026〕3号）', ['鲤政文〔2026〕3号']],
    ['after a year', '2026年鲤政〔2026〕5号', ['鲤政〔2026〕5号']],
    ['after a label', '文号：泉鲤政办〔2018〕77号', ['泉鲤政办〔2018〕77号']],
    ['no number', '关于2026年工作的通知（2026）', []],
    ['number zero', '鲤政〔2026〕0号', []],
    ['a year out of range', '鲤政〔1800〕3号', []],
    ['no issuer', '〔2026〕3号', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(extractDocNumbers(text)).toEqual(expected);
  });
});

describe('extractIndexNumber', () => {
  const cases: [string, string | null][] = [
    ['索引号：FJ00123-0200-2026-00012 文号：鲤政〔2026〕1号', 'FJ00123-0200-2026-00012'],
    ['索 引 号 ： ＦＪ００１２３－０２００－２０２６－００００１', 'FJ00123-0200-2026-00001'],
    ['【索引号】11350502003593212X/2026-00012。', '11350502003593212X/2026-00012'],
    ['索引号:003504001/2026-00012-', '003504001/2026-00012'],
    ['无索引号', null],
    ['索引号：', null],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(extractIndexNumber(text)).toBe(expected);
  });

  it('masks an ID number pasted into the field', () => {
    const id = makeId('350502', '19850101', '123');
    expect(extractIndexNumber(`索引号：${id}`)).toBe(`350502********${id.slice(14)}`);
  });
});

describe('extractQuotedTitles', () => {
  const cases: [string, string, string[]][] = [
    ['one title', '关于《鲤城区公共服务办法》的解读', ['鲤城区公共服务办法']],
    [
      'nested titles give outer and inner',
      '《关于印发《鲤城区A办法》的通知》政策解读',
      ['关于印发《鲤城区A办法》的通知', '鲤城区A办法'],
    ],
    ['full-width letters, digits and spaces', '《鲤城区　２０２６年　ＡＩ　规划（试行）》', ['鲤城区 2026年 AI 规划(试行)']],
    ['Chinese punctuation kept', '《关于进一步加强安全生产工作，切实保障民生的意见》', ['关于进一步加强安全生产工作，切实保障民生的意见']],
    ['deduplicated', '《办法》和《办法》以及《 办法 》', ['办法']],
    ['empty and unclosed marks ignored', '《》《未闭合 《真正的标题》', ['真正的标题']],
    ['a stray closing mark', '》《标题》》', ['标题']],
    ['a quote longer than 200 characters', `《${'长'.repeat(201)}》`, []],
    ['personal data masked', '《张三13912345678的来信》', ['张三139****5678的来信']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(extractQuotedTitles(text)).toEqual(expected);
  });
});

describe('normaliseTitle', () => {
  it.each([
    ['关于印发〈鲤城区 A 办法〉的通知。', '关于印发《鲤城区Ａ办法》的通知'],
    ['关于“三项制度”的意见', '关于三项制度的意见'],
    ['鲤政〔2026〕3号', '鲤政【２０２６】3号'],
    ['第一章—总则', '第一章－总则'],
  ])('%s equals %s', (a, b) => {
    expect(normaliseTitle(a)).toBe(normaliseTitle(b));
  });

  it('keeps different titles apart', () => {
    expect(normaliseTitle('鲤城区A办法')).not.toBe(normaliseTitle('鲤城区B办法'));
    expect(normaliseTitle('关于2025年预算的报告')).not.toBe(normaliseTitle('关于2026年预算的报告'));
  });

  it('never reassembles a split mobile number in clear', () => {
    expect(normaliseTitle('电话 1391 2345 678')).toBe('电话139****5678');
  });

  it('tidyTitle only folds what has no meaning in full width', () => {
    expect(tidyTitle('  ＡＢ１２（试行）： 办法  ')).toBe('AB12(试行)： 办法');
  });
});
