// The standards mapping of the accessibility check, as data: each axe-core rule run by the default tags → the WCAG 2.x
// success criteria it tests → the GB/T 37668-2019 clauses those criteria correspond to, each row citing its source.
//
// GB/T 37668-2019 (信息技术 互联网内容无障碍可访问性技术要求与测试方法) is built on WCAG 2.0/2.1 (W3C WAI, "Updated
// Chinese Accessibility Standard", 2020; 58 items, level 2 ≈ AA). Its clause numbers have not been checked against
// the standard's text for this table, so every row says `gbt37668: null` ("unmapped") rather than guess a number;
// when a clause is verified, put it in the row with `gbtSource` naming the edition and page it was read from.

/** A WCAG 2.x success criterion: number, conformance level, Chinese name (W3C's Chinese translation of WCAG 2). */
export interface WcagCriterion {
  level: 'A' | 'AA' | 'AAA';
  name: string;
  /** WCAG version that introduced it. */
  since: '2.0' | '2.1' | '2.2';
}

export const wcagCriteria: Record<string, WcagCriterion> = {
  '1.1.1': { level: 'A', name: '非文本内容', since: '2.0' },
  '1.2.1': { level: 'A', name: '仅音频和仅视频（录制的）', since: '2.0' },
  '1.2.2': { level: 'A', name: '字幕（录制的）', since: '2.0' },
  '1.3.1': { level: 'A', name: '信息和关系', since: '2.0' },
  '1.3.4': { level: 'AA', name: '方向', since: '2.1' },
  '1.3.5': { level: 'AA', name: '识别输入目的', since: '2.1' },
  '1.4.1': { level: 'A', name: '颜色的使用', since: '2.0' },
  '1.4.2': { level: 'A', name: '音频控制', since: '2.0' },
  '1.4.3': { level: 'AA', name: '对比度（最低）', since: '2.0' },
  '1.4.4': { level: 'AA', name: '调整文字大小', since: '2.0' },
  '1.4.12': { level: 'AA', name: '文本间距', since: '2.1' },
  '2.1.1': { level: 'A', name: '键盘', since: '2.0' },
  '2.1.3': { level: 'AAA', name: '键盘（无例外）', since: '2.0' },
  '2.2.1': { level: 'A', name: '时间可调', since: '2.0' },
  '2.2.2': { level: 'A', name: '暂停、停止、隐藏', since: '2.0' },
  '2.4.1': { level: 'A', name: '绕过区块', since: '2.0' },
  '2.4.2': { level: 'A', name: '网页标题', since: '2.0' },
  '2.4.4': { level: 'A', name: '链接目的（上下文中）', since: '2.0' },
  '2.5.3': { level: 'A', name: '名称中包含标签', since: '2.1' },
  '2.5.8': { level: 'AA', name: '目标尺寸（最小）', since: '2.2' },
  '3.1.1': { level: 'A', name: '网页的语言', since: '2.0' },
  '3.1.2': { level: 'AA', name: '部分的语言', since: '2.0' },
  '3.3.2': { level: 'A', name: '标签或说明', since: '2.0' },
  '4.1.2': { level: 'A', name: '名称、角色、值', since: '2.0' },
};

export interface A11yMappingRow {
  /** axe-core rule id. */
  rule: string;
  /** WCAG success criteria the rule tests. */
  wcag: string[];
  /** GB/T 37668-2019 clauses; null = unmapped (no clause verified, see the header). */
  gbt37668: string[] | null;
  /** Where the rule → WCAG correspondence comes from. */
  source: string;
  /** Where the GB/T clauses come from (required when `gbt37668` is set). */
  gbtSource?: string;
}

/** Source of every rule → WCAG row below: axe-core's own rule metadata (its `wcagNNN` tags), checked by a test. */
export const axeTagsSource = 'axe-core 4.14.1 rule metadata (tags wcagNNN; doc/rule-descriptions.md)';

/** Why the GB/T column is empty, shown with "unmapped". */
export const gbtUnmappedNote = 'GB/T 37668-2019 以 WCAG 2.0/2.1 为基础（W3C WAI 2020），本表尚未对照标准原文核定条款号';

const row = (rule: string, ...wcag: string[]): A11yMappingRow => ({ rule, wcag, gbt37668: null, source: axeTagsSource });

/** Every rule of axe-core 4.14.1 tagged wcag2a, wcag2aa, wcag21a, wcag21aa or wcag22aa. */
export const a11yMapping: A11yMappingRow[] = [
  row('area-alt', '2.4.4', '4.1.2'),
  row('aria-allowed-attr', '4.1.2'),
  row('aria-braille-equivalent', '4.1.2'),
  row('aria-command-name', '4.1.2'),
  row('aria-conditional-attr', '4.1.2'),
  row('aria-deprecated-role', '4.1.2'),
  row('aria-hidden-body', '1.3.1', '4.1.2'),
  row('aria-hidden-focus', '4.1.2'),
  row('aria-input-field-name', '4.1.2'),
  row('aria-meter-name', '1.1.1'),
  row('aria-progressbar-name', '1.1.1'),
  row('aria-prohibited-attr', '4.1.2'),
  row('aria-required-attr', '4.1.2'),
  row('aria-required-children', '1.3.1'),
  row('aria-required-parent', '1.3.1'),
  row('aria-roledescription', '4.1.2'),
  row('aria-roles', '4.1.2'),
  row('aria-tab-name', '4.1.2'),
  row('aria-toggle-field-name', '4.1.2'),
  row('aria-tooltip-name', '4.1.2'),
  row('aria-valid-attr', '4.1.2'),
  row('aria-valid-attr-value', '4.1.2'),
  row('audio-caption', '1.2.1'),
  row('autocomplete-valid', '1.3.5'),
  row('avoid-inline-spacing', '1.4.12'),
  row('blink', '2.2.2'),
  row('button-name', '4.1.2'),
  row('bypass', '2.4.1'),
  row('color-contrast', '1.4.3'),
  row('css-orientation-lock', '1.3.4'),
  row('definition-list', '1.3.1'),
  row('dlitem', '1.3.1'),
  row('document-title', '2.4.2'),
  row('duplicate-id-aria', '4.1.2'),
  row('form-field-multiple-labels', '3.3.2'),
  row('frame-focusable-content', '2.1.1'),
  row('frame-title', '4.1.2'),
  row('frame-title-unique', '4.1.2'),
  row('html-has-lang', '3.1.1'),
  row('html-lang-valid', '3.1.1'),
  row('html-xml-lang-mismatch', '3.1.1'),
  row('image-alt', '1.1.1'),
  row('input-button-name', '4.1.2'),
  row('input-image-alt', '1.1.1', '4.1.2'),
  row('label', '4.1.2'),
  row('label-content-name-mismatch', '2.5.3'),
  row('link-in-text-block', '1.4.1'),
  row('link-name', '2.4.4', '4.1.2'),
  row('list', '1.3.1'),
  row('listitem', '1.3.1'),
  row('marquee', '2.2.2'),
  row('meta-refresh', '2.2.1'),
  row('meta-viewport', '1.4.4'),
  row('nested-interactive', '4.1.2'),
  row('no-autoplay-audio', '1.4.2'),
  row('object-alt', '1.1.1'),
  row('p-as-heading', '1.3.1'),
  row('role-img-alt', '1.1.1'),
  row('scrollable-region-focusable', '2.1.1', '2.1.3'),
  row('select-name', '4.1.2'),
  row('server-side-image-map', '2.1.1'),
  row('summary-name', '4.1.2'),
  row('svg-img-alt', '1.1.1'),
  row('table-fake-caption', '1.3.1'),
  row('target-size', '2.5.8'),
  row('td-has-header', '1.3.1'),
  row('td-headers-attr', '1.3.1'),
  row('th-has-data-cells', '1.3.1'),
  row('valid-lang', '3.1.2'),
  row('video-caption', '1.2.2'),
];

const byRule = new Map(a11yMapping.map((r) => [r.rule, r]));

/** WCAG criteria named by axe tags (`wcag111` → 1.1.1, `wcag1412` → 1.4.12). */
export function wcagFromTags(tags: string[]): string[] {
  return tags.flatMap((t) => {
    const m = /^wcag(\d)(\d)(\d{1,2})$/.exec(t);
    return m ? [`${m[1]}.${m[2]}.${m[3]}`] : [];
  });
}

/** The mapping row of `rule`; for a rule outside the table (other tags), one built from the violation's tags. */
export function mappingFor(rule: string, tags: string[] = []): A11yMappingRow {
  return byRule.get(rule) ?? { rule, wcag: wcagFromTags(tags), gbt37668: null, source: 'axe-core rule tags of this result' };
}

/** "1.1.1 非文本内容（A）" for the evidence and the scorecard. */
export function describeCriterion(sc: string): string {
  const c = wcagCriteria[sc];
  return c ? `WCAG ${sc} ${c.name}（${c.level}）` : `WCAG ${sc}`;
}
