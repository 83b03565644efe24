// docs/indicators.md, generated from the indicator catalogue (reports/indicators.ts) so the documentation can never
// disagree with the scoring: every indicator with its kind, points, weight per problem, what triggers a veto, the
// rule and its source. Regenerate with `node bin/run-ts.mjs reports/docs/write-indicators-md.ts`; a test fails when
// the committed file differs.
import { defaultIndicators, type Indicator } from '../../config/reports/indicators.ts';
import { columnKinds } from '../vocabulary.ts';

const triggerWords: Record<string, string> = { 'freshness.column-stale': '未更新栏目', 'freshness.column-empty': '空白栏目' };

const countByText: Record<string, string> = { finding: '每个问题', code: '每类问题', url: '每个页面或附件', kind: '有此类问题即' };

function weight(i: Indicator): string {
  if (i.kind === 'veto') {
    if (!i.triggers) return '出现即否决';
    return i.triggers
      .map((t) => `${t.evidence ? `${t.evidence.values.map((v) => columnKinds[String(v)] ?? String(v)).join('、')}类` : ''}${t.codes.map((c) => triggerWords[c] ?? c).join('、')}${t.atLeast}个及以上`)
      .join('；或');
  }
  const per = i.perFinding ?? 1;
  return `${countByText[i.countBy ?? 'finding']}扣${per}分，最多扣${i.points}分`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The whole Markdown file. */
export function indicatorsMarkdown(catalogue: Indicator[] = defaultIndicators): string {
  const vetoes = catalogue.filter((i) => i.kind === 'veto');
  const deductions = catalogue.filter((i) => i.kind !== 'veto');
  const total = deductions.filter((i) => i.kind === 'deduction').reduce((s, i) => s + i.points, 0);
  const lines: string[] = [
    '<!-- Generated from reports/indicators.ts by reports/docs/write-indicators-md.ts. Do not edit by hand. -->',
    '# 检查指标与计分（Indicators and scoring）',
    '',
    '满分 100 分。单项否决指标任一项触发，或得分低于 60 分，网站为**不合格**。标注“待复核”的问题经网站管理中心确认后才计分；',
    '已豁免的问题不计分；不属于下列任何指标的问题只作**提示**，不扣分。',
    '',
    'Full marks are 100. Any single-veto indicator, or a score below 60, makes a site 不合格. Findings awaiting review',
    'count only once the center confirms them; waived findings never count; findings that feed no indicator are hints.',
    '',
    '## 单项否决指标（single veto）',
    '',
    '| 编号 | 指标 | 否决条件 | 规则 | 依据 |',
    '| --- | --- | --- | --- | --- |',
    ...vetoes.map((i) => `| \`${i.id}\` | ${cell(i.name)} | ${cell(weight(i))} | ${cell(i.rule)} | ${cell(i.source)} |`),
    '',
    `## 扣分指标（deductions, ${total} points in all）`,
    '',
    '| 编号 | 指标 | 分值 | 扣分方法 | 规则 | 依据 |',
    '| --- | --- | ---: | --- | --- | --- |',
    ...deductions.map((i) => `| \`${i.id}\` | ${cell(i.name)} | ${i.points} | ${cell(weight(i))} | ${cell(i.rule)} | ${cell(i.source)} |`),
    `| | **合计** | **${total}** | | | |`,
    '',
    '## 哪些问题计入哪个指标（finding codes per indicator）',
    '',
    '| 指标 | 问题代码 | 计入的严重程度 | 计入条件（证据） | 检查项 |',
    '| --- | --- | --- | --- | --- |',
    ...catalogue.map(
      (i) =>
        `| ${cell(i.name)} | ${i.codes.map((c) => `\`${c}\``).join(' ')} | ${i.severities ? i.severities.join('、') : '全部'} | ${i.evidence ? cell(`${i.evidence.key} = ${i.evidence.values.map((v) => JSON.stringify(v)).join(' 或 ')}`) : '—'} | ${i.checks.join('、')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
