// The indicator catalogue as data (like Lighthouse's default-config categories): which finding codes feed which
// indicator, with what weight, and the rule quoted beside it. A district overrides points and thresholds in config
// (catalogue.ts validates and applies that). `knownCodes` lists every finding code the checks emit.
// Sources: 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》; 泉鲤政办〔2018〕77号 (the district notice);
// 政府网站发展指引 (国办发〔2017〕47号). See ../shared/reference/INDICATORS.md.

export type IndicatorKind = 'veto' | 'deduction' | 'bonus';

export interface Indicator {
  id: string;
  /** Chinese name shown on scorecards and bulletins. */
  name: string;
  kind: IndicatorKind;
  /** For deductions: the most this indicator can subtract. Vetoes carry 0. */
  points: number;
  /** Points per finding (deductions). */
  perFinding?: number;
  /** Count distinct values of this key instead of findings ('code' → once per distinct code; 'url' → per page). */
  countBy?: 'finding' | 'code' | 'url' | 'kind';
  /** Finding codes that feed it; a trailing `*` matches a prefix (`a11y.*`). */
  codes: string[];
  /** Check ids that measure it: when none of them measured (not-measured, error, absent), the indicator is
   *  shown as 未检测 and neither passes nor deducts. */
  checks: string[];
  /** Only findings with these severities count (e.g. a veto fed only by `veto` findings). */
  severities?: ('veto' | 'major' | 'minor' | 'info')[];
  /** Only findings whose `evidence[key]` is one of `values` count (e.g. links on the homepage: onHomepage true). */
  evidence?: { key: string; values: unknown[] };
  /** Vetoes: fires when any trigger holds (default: one matching finding). A trigger counts matching findings,
   *  optionally only those whose `evidence[key]` is one of `values`. */
  triggers?: { codes: string[]; atLeast: number; evidence?: { key: string; values: unknown[] } }[];
  /** The rule, quoted, and where it comes from. */
  rule: string;
  source: string;
  /** What a clerk should do. */
  advice: string;
}

export const defaultIndicators: Indicator[] = [
  // ── Single-veto indicators (单项否决) ──
  {
    id: 'veto.unreachable', name: '站点无法访问', kind: 'veto', points: 0,
    codes: ['availability.homepage-down'], checks: ['availability'],
    rule: '首页连续一周每天监测不少于20次，无法访问次数累计超过（含）总监测次数的5%',
    source: '国办秘函〔2019〕19号 单项否决指标 1', advice: '检查服务器、网络与域名解析，保障首页稳定可访问。',
  },
  {
    id: 'veto.homepage-stale', name: '首页不更新', kind: 'veto', points: 0,
    codes: ['freshness.homepage-stale'], checks: ['freshness'],
    rule: '监测时间点前2周内首页无信息更新',
    source: '国办秘函〔2019〕19号 单项否决指标 2', advice: '及时在首页发布本地区、本部门动态信息。',
  },
  {
    id: 'veto.columns-stale', name: '栏目不更新', kind: 'veto', points: 0,
    codes: ['freshness.column-stale', 'freshness.column-empty'], checks: ['freshness'],
    triggers: [
      { codes: ['freshness.column-stale'], atLeast: 5, evidence: { key: 'kind', values: ['news', 'notice', 'policy'] } },
      { codes: ['freshness.column-stale'], atLeast: 10 },
      { codes: ['freshness.column-empty'], atLeast: 5 },
    ],
    rule: '动态、要闻类栏目超过2周未更新；通知公告、政策文件类栏目超过6个月未更新；人事、规划计划类栏目超过1年未更新；累计超过5个（含）栏目，或累计超过10个栏目，或空白栏目超过5个（含）',
    source: '国办秘函〔2019〕19号 单项否决指标 3', advice: '按栏目类别及时更新；无内容可发布的栏目应整合或关闭。',
  },
  {
    id: 'veto.interaction', name: '互动回应差', kind: 'veto', points: 0,
    codes: ['interaction.no-channel', 'interaction.unanswered-message'], checks: ['interaction'],
    rule: '未提供有效的互动渠道，或监测时间点前1年内，对网民留言超过3个月未回应的',
    source: '国办秘函〔2019〕19号 单项否决指标 5', advice: '开设并维护留言渠道，对有效留言及时答复。',
  },
  {
    id: 'veto.security', name: '严重表述错误、安全泄密', kind: 'veto', points: 0,
    codes: ['security.tampered-title', 'security.spam-content', 'security.hidden-link', 'wording.serious'], checks: ['security', 'wording'],
    severities: ['veto'],
    rule: '网站被篡改、挂马、发布有害信息、泄露国家秘密等经确认的安全事件；出现严重表述错误（领导人姓名职务、党和国家重要论述、国家及机构名称错误）经确认的',
    source: '国办秘函〔2019〕19号 单项否决指标 4', advice: '立即清除被篡改内容，排查漏洞并加固，按规定报告；严重表述错误立即更正并复查同类信息。',
  },
  // ── Deduction indicators (扣分指标), 100 points in all ──
  {
    id: 'availability.homepage', name: '首页可用性', kind: 'deduction', points: 5, perFinding: 5,
    codes: ['availability.homepage-unstable'], checks: ['availability'],
    rule: '首页监测无法访问次数占比超过（含）1%', source: '国办秘函〔2019〕19号 扣分指标 网站可用性',
    advice: '排查首页间歇性故障原因，提升服务器与网络稳定性。',
  },
  {
    id: 'availability.links-home', name: '首页链接可用性', kind: 'deduction', points: 5, perFinding: 1,
    codes: ['link.broken', 'link.timeout', 'link.redirect-loop', 'link.soft-404'], checks: ['links'], evidence: { key: 'onHomepage', values: [true] },
    rule: '首页上的链接（包括图片、附件、外部链接等）无法正常访问，每个扣1分',
    source: '国办秘函〔2019〕19号 扣分指标 网站可用性', advice: '修复或删除首页上无法访问的链接。',
  },
  {
    id: 'availability.links-other', name: '其他页面链接可用性', kind: 'deduction', points: 5, perFinding: 0.1,
    codes: ['link.broken', 'link.timeout', 'link.redirect-loop', 'link.soft-404'], checks: ['links'], evidence: { key: 'onHomepage', values: [false] },
    rule: '其他页面上的链接无法正常访问，每个扣0.1分',
    source: '国办秘函〔2019〕19号 扣分指标 网站可用性', advice: '定期检测并修复站内失效链接。',
  },
  {
    id: 'update.basic-info', name: '网站基本信息', kind: 'deduction', points: 5, perFinding: 1, countBy: 'code',
    codes: ['identity.*'], checks: ['identity'],
    rule: '网站页面底部应标注党政机关网站标识、网站标识码、ICP备案编号、公安机关备案标识、主办单位、联系方式，并设置“我为政府网站找错”入口；缺少一项扣1分',
    source: '政府网站发展指引（国办发〔2017〕47号）', advice: '在网站底部补齐标识与备案信息，并与实际一致。',
  },
  {
    id: 'interaction.error-reports', name: '网民纠错留言办理', kind: 'deduction', points: 10, perFinding: 2,
    codes: ['error-report.overdue', 'error-report.unanswered'], checks: ['error-reports'],
    rule: '“我为政府网站找错”平台转办的网民纠错留言，须在2个工作日内处理整改并答复，按时办结率100%',
    source: '泉鲤政办〔2018〕77号 第21项', advice: '每日查看纠错平台，2个工作日内完成整改和答复。',
  },
  {
    id: 'disclosure.interpretation', name: '政策解读', kind: 'deduction', points: 10, perFinding: 1,
    codes: ['interpretation.missing', 'interpretation.late'], checks: ['interpretations'],
    rule: '政策文件与解读材料同步组织、同步审签、同步部署；解读晚于文件发布不超过3个工作日',
    source: '国办发〔2016〕80号；泉鲤政办〔2018〕77号 第12-13项', advice: '为政策文件补发解读，并与原文互相链接。',
  },
  {
    id: 'privacy', name: '个人信息保护', kind: 'deduction', points: 15, perFinding: 5, countBy: 'url',
    codes: ['privacy.*'], checks: ['privacy'],
    rule: '公开的政府信息涉及个人信息的，应当进行去标识化处理',
    source: '泉鲤政办〔2018〕77号 第35项', advice: '对页面及附件中的身份证号、手机号、银行卡号做遮盖处理后重新发布。',
  },
  {
    id: 'ipv6', name: 'IPv6支持', kind: 'deduction', points: 10, perFinding: 10, countBy: 'kind',
    codes: ['ipv6.no-aaaa', 'ipv6.unreachable', 'ipv6.content-mismatch', 'ipv6.link-unsupported', 'ipv6.support-low'], severities: ['major', 'veto'], checks: ['ipv6'],
    rule: '门户网站及其系统全面支持IPv6访问（AAAA记录、IPv6可达、内容一致、二三级链接支持率达标）',
    source: '推进互联网协议第六版（IPv6）规模部署行动计划；泉鲤政办〔2018〕77号 第28项', advice: '配置AAAA记录并确保IPv6访问与IPv4内容一致。',
  },
  {
    id: 'security', name: '安全防护', kind: 'deduction', points: 10, perFinding: 5, countBy: 'code',
    codes: ['security.*'], checks: ['security'], severities: ['major', 'minor'],
    rule: '不得出现暗链、标题篡改、证书无效或即将过期、未启用HTTPS、商业广告',
    source: '国办秘函〔2019〕19号；泉鲤政办〔2018〕77号 第27项', advice: '清除暗链和商业广告，部署有效的HTTPS证书并及时续期。',
  },
  // The last 15 of the 100 points (the national deduction items above take 85): the district notice's own demands.
  // 8 → 5 points to make room for content.accuracy below (no demo site loses more than 2 here).
  {
    id: 'disclosure.catalogue', name: '主动公开目录', kind: 'deduction', points: 5, perFinding: 1,
    codes: ['disclosure.missing', 'disclosure.late'], checks: ['disclosure'],
    rule: '按主动公开基本目录公开权责清单、建议提案办理复文、“双随机、一公开”、预决算、年度报告等信息；政府信息公开工作年度报告部门于1月31日前、县级政府于3月31日前公布',
    source: '泉鲤政办〔2018〕77号 第3-6、33、36-38项；《政府信息公开条例》第四十九条', advice: '按目录补发缺失信息，按期发布年度报告。',
  },
  {
    id: 'disclosure.requests', name: '依申请公开办理', kind: 'deduction', points: 4, perFinding: 1,
    codes: ['disclosure-request.overdue', 'disclosure-request.unanswered'], checks: ['disclosure-requests'],
    rule: '收到申请之日起20个工作日内答复；需延长的，经批准并告知申请人，延长期限最长不超过20个工作日',
    source: '《政府信息公开条例》第三十三条；泉鲤政办〔2018〕77号 第三部分', advice: '每日查看依申请公开平台，按法定时限答复，延期须书面告知。',
  },
  {
    id: 'service.search', name: '站内搜索', kind: 'deduction', points: 3, perFinding: 3, countBy: 'kind',
    codes: ['service.no-search', 'service.search-broken'], checks: ['service'],
    rule: '提供站内搜索，能检索到网站已发布的信息',
    source: '国办秘函〔2019〕19号 扣分指标 服务实用；泉鲤政办〔2018〕77号 第27项', advice: '提供可用的站内搜索，并确保新发布信息能被检索到。',
  },
  // Typos: 0.5 a distinct wrong form a page (a page repeating one misused word is one error to fix), 3 at most —
  // a district notice demand (item 35 “公开内容表述的研判”, item 31 “严格内容审查把关”), weighed like the other
  // district items; serious wording errors are the veto above, not a deduction.
  {
    id: 'content.accuracy', name: '内容准确性（错别字）', kind: 'deduction', points: 3, perFinding: 0.5,
    codes: ['wording.typo'], checks: ['wording'],
    rule: '对拟公开的政府信息进行严格审查，做好公开内容表述的研判；严格内容审查把关，信息发布失当的要及时整改',
    source: '泉鲤政办〔2018〕77号 第31、35项', advice: '更正错别字，发布前执行校对与审核制度。',
  },
  {
    id: 'accessibility', name: '无障碍与适老化', kind: 'deduction', points: 10, perFinding: 1, countBy: 'code',
    codes: ['a11y.*'], checks: ['accessibility'], severities: ['major'],
    rule: 'GB/T 37668-2019《信息技术 互联网内容无障碍可访问性技术要求与测试方法》；工信部互联网网站适老化通用设计规范（2021）',
    source: 'GB/T 37668-2019；工信部信管〔2020〕200号', advice: '按无障碍规范修复页面问题，提供无障碍/长者模式入口。',
  },
];

/** Every finding code the checks emit (DESIGN.md "Finding" codes table). Indicator code patterns must match one of
 *  these; `a11y.*` is open (one code per axe rule id). A check that adds a code adds it here. */
export const knownCodes: readonly string[] = [
  'link.broken', 'link.soft-404', 'link.redirect-loop', 'link.timeout', 'link.not-fetched', 'link.not-checked', 'link.too-large',
  'ipv6.no-aaaa', 'ipv6.unreachable', 'ipv6.content-mismatch', 'ipv6.link-unsupported', 'ipv6.host-no-aaaa', 'ipv6.support-low',
  'a11y.*',
  'interpretation.missing', 'interpretation.late',
  'error-report.overdue', 'error-report.unanswered',
  'freshness.homepage-stale', 'freshness.column-stale', 'freshness.column-empty',
  'identity.missing-site-code', 'identity.missing-icp', 'identity.missing-police-record', 'identity.missing-party-mark',
  'identity.missing-error-report-entrance', 'identity.missing-sponsor', 'identity.missing-contact',
  'interaction.no-channel', 'interaction.unanswered-message',
  'privacy.id-number', 'privacy.mobile-number', 'privacy.bank-card',
  'availability.homepage-down', 'availability.homepage-unstable',
  'disclosure.missing', 'disclosure.late', 'disclosure-request.overdue', 'disclosure-request.unanswered',
  'security.hidden-link', 'security.spam-content', 'security.tampered-title', 'security.tls-invalid',
  'security.tls-expiring', 'security.no-https', 'security.commercial-ad', 'security.mixed-content',
  'service.no-search', 'service.search-broken',
  'wording.serious', 'wording.typo',
];
