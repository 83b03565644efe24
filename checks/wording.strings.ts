// User-facing strings of the wording check (zh-CN), keyed.
import type { HitKind } from './wording/scan.ts';

export const kindLabels: Record<HitKind, string> = {
  homophone: '同音字错误',
  'near-homophone': '近音字错误',
  substitution: '错字',
  transposition: '字序颠倒',
  omission: '漏字',
  duplication: '重复字',
  'leader-name': '领导人姓名错误',
  'wrong-post': '领导人职务错误',
  'outdated-post': '领导人职务已变更',
  'post-not-yet-held': '领导人职务与页面日期不符',
  'outdated-term': '名称已停止使用',
  typo: '错别字',
};

export const whereLabels = { title: '网页标题', heading: '正文标题', body: '正文', attachment: '附件' } as const;

export const strings = {
  title: '严重表述错误与错别字',
  serious: (wrong: string, correct: string, kind: HitKind, count: number) =>
    `疑似${kindLabels[kind]}：“${wrong}”，规范表述为“${correct}”${count > 1 ? `（共${count}处）` : ''}，须人工复核`,
  typo: (wrong: string, correct: string, count: number) => `错别字：“${wrong}”应为“${correct}”${count > 1 ? `（共${count}处）` : ''}`,
  inAttachment: (message: string) => `附件中${message}`,
  onManyPages: (message: string, pages: number) => `${message}；同一语句出现在${pages}个页面（网站模板或公共区块），一处修改即可`,
};
