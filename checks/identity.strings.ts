// User-facing strings of the identity-marks check (zh-CN), keyed.

/** The marks a government site must carry (政府网站发展指引), by the code suffix `identity.missing-<mark>`. */
export const markLabels = {
  'site-code': '网站标识码',
  icp: 'ICP备案编号',
  'police-record': '公安机关备案标识（公网安备号）',
  'party-mark': '党政机关网站标识',
  'error-report-entrance': '“我为政府网站找错”入口',
  sponsor: '主办单位',
  contact: '联系方式',
} as const;

export type Mark = keyof typeof markLabels;

export const strings = {
  title: '网站标识与基本信息',
  noHomepage: (reason: string) => `首页未能抓取（${reason}），无法检查网站标识`,
  missingOnHomepage: (mark: Mark) => `首页缺少${markLabels[mark]}`,
  missingOnInner: (mark: Mark, missing: number, sampled: number) => `抽查的${sampled}个内页中有${missing}个缺少${markLabels[mark]}（首页有）`,
  siteCodeMismatch: (found: string, expected: string) => `首页标注的网站标识码${found}与登记的${expected}不一致`,
  entranceCodeMismatch: (found: string, expected: string) => `“我为政府网站找错”入口链接携带的网站标识码${found}与登记的${expected}不一致`,
  entranceWithoutCode: '“我为政府网站找错”入口链接未携带网站标识码',
};
