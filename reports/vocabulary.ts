// One vocabulary for people: every evidence key and value a clerk can see, turned into Chinese, used by the HTML
// scorecards, the CSV, the bulletin (HTML/PDF/DOCX) and the dashboard. Times are shown in the district's time zone
// (2026年10月12日, 2026-10-12 10:00); network error codes as plain reasons; finding codes never (they stay in JSON).
// Keys that only help a program (rule ids, mapping notes, raw error text) are kept in JSON and hidden here.

/** How a value should be shown: plain text, a link, or technical text (element code, CSS path) in a code face. */
export type EvidenceValueKind = 'text' | 'url' | 'code';

export interface EvidenceItem {
  key: string;
  label: string;
  value: string;
  kind: EvidenceValueKind;
  /** For `url` values: every URL (a list shows them one per line). */
  urls?: string[];
}

/** A finding as seen by the vocabulary (what the renderers hand in). */
export interface FindingLike {
  code: string;
  evidence: Record<string, unknown>;
}

// ── Plain reasons ──────────────────────────────────────────────────────────────────────────────────────────────

/** Network failure codes (crawler FetchErrorCode) as a clerk would say them. */
export const networkReasons: Record<string, string> = {
  timeout: '响应超时',
  dns: '域名无法解析',
  refused: '连接被拒绝',
  reset: '连接被中断',
  tls: '证书或加密连接错误',
  'redirect-loop': '重定向循环',
  'too-many-redirects': '跳转次数过多',
  'too-large': '内容过大',
  'unsupported-scheme': '不支持的链接协议',
  'blocked-address': '指向内网或本机地址，未访问',
  robots: '网站的 robots 协议禁止访问',
  network: '网络错误',
  aborted: '检测被中止',
};

/** HTTP status codes with what they mean to a reader. */
const httpMeaning: Record<number, string> = {
  200: '正常', 301: '永久跳转', 302: '临时跳转', 400: '请求错误', 401: '需要登录', 403: '禁止访问', 404: '页面不存在', 410: '页面已删除',
  429: '请求过多', 500: '服务器内部错误', 502: '网关错误', 503: '服务暂不可用', 504: '网关超时',
};

/** `404` → `404（页面不存在）`. */
export function httpStatusText(status: number): string {
  const m = httpMeaning[status];
  return m ? `${status}（${m}）` : String(status);
}

// ── Times ───────────────────────────────────────────────────────────────────────────────────────────────────────

function parts(d: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(d)) out[p.type] = p.value;
  return out;
}

/** `2026-11-20 10:00` in the district's time zone (ISO input; anything unparsable is returned as it is). */
export function formatDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = parts(d, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `2026年11月20日` in the district's time zone, from an instant or a plain `YYYY-MM-DD`. */
export function formatDate(value: string, timeZone: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d, timeZone);
  return `${Number(p.year)}年${Number(p.month)}月${Number(p.day)}日`;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const plainDate = /^\d{4}-\d{2}-\d{2}$/;
const localMinute = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;

/** A time value for people: a deadline at the end of a day reads as its date, other instants as date and minute. */
export function timeText(value: string, timeZone: string): string {
  if (plainDate.test(value)) return formatDate(value, timeZone);
  if (localMinute.test(value)) return value;
  if (!isoInstant.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const p = parts(d, timeZone);
  if (p.hour === '23' && p.minute === '59' && p.second === '59') return `${formatDate(value, timeZone)}（当日24时前）`;
  return formatDateTime(value, timeZone);
}

/** `6m` → `6个月` (update limits of columns). */
export function ageText(v: unknown): string {
  const units: Record<string, string> = { d: '天', w: '周', m: '个月', y: '年' };
  return typeof v === 'string' && /^\d+[dwmy]$/.test(v) ? `${v.slice(0, -1)}${units[v.slice(-1)]}` : String(v ?? '');
}

// ── Value tables ──────────────────────────────────────────────────────────────────────────────────────────────

export const columnKinds: Record<string, string> = {
  news: '动态要闻', notice: '通知公告', policy: '政策文件', interpretation: '政策解读', personnel: '人事信息', plan: '规划计划', interaction: '互动交流', other: '其他',
};
export const identityMarks: Record<string, string> = {
  'site-code': '网站标识码', icp: 'ICP备案编号', 'police-record': '公安机关备案标识', 'party-mark': '党政机关网站标识',
  'error-report-entrance': '“我为政府网站找错”入口', sponsor: '主办单位', contact: '联系方式',
};
const impacts: Record<string, string> = { critical: '严重', serious: '较严重', moderate: '中等', minor: '轻微' };
const linkTags: Record<string, string> = { a: '链接', img: '图片', script: '脚本', link: '样式表', iframe: '内嵌框架', frame: '框架', embed: '嵌入对象', object: '嵌入对象', area: '图片热区', source: '媒体', video: '视频', audio: '音频', form: '表单' };
const whereLabels: Record<string, string> = { title: '网页标题', description: '页面描述', keywords: '关键词', link: '外部链接文字', hidden: '隐藏内容', text: '正文' };
const formats: Record<string, string> = { pdf: 'PDF', docx: 'Word（.docx）', xlsx: 'Excel（.xlsx）', doc: 'Word（.doc）', xls: 'Excel（.xls）', other: 'WPS 等其他格式' };
const pageKinds: Record<string, string> = { homepage: '首页', column: '栏目页', article: '文章页', other: '其他页面', search: '搜索页' };

/** Value words per evidence key (for keys whose values are fixed words). */
const valueWords: Record<string, Record<string, string>> = {
  kind: {
    ...columnKinds, violation: '不符合规范', incomplete: '需人工判断', cloaking: '向搜索引擎返回不同内容', page: '页面内容', 'ad-network': '广告联盟', floating: '飘浮广告',
    homophone: '同音字错误', 'near-homophone': '近音字错误', substitution: '错字', transposition: '字序颠倒', omission: '漏字', duplication: '多字（重复）',
    'leader-name': '领导人姓名错误', 'wrong-post': '职务写错', 'outdated-post': '职务已变更', 'post-not-yet-held': '当时尚未担任该职务', 'outdated-term': '名称已变更', typo: '错别字',
    'not-offered': '未提供HTTPS', 'not-redirected': '未跳转到HTTPS', 'id-number': '身份证号码', 'mobile-number': '手机号码', 'bank-card': '银行卡号',
  },
  impact: impacts,
  tags: linkTags,
  where: whereLabels,
  format: formats,
  pageKind: pageKinds,
  mark: identityMarks,
  uses: { outbound: '外部链接', resource: '引用的图片、脚本等资源' },
  browser: { confirmed: '已在浏览器中核实为不可见', visible: '浏览器中可见', 'not-checked': '未在浏览器中核实' },
  extension: { none: '未延期', applied: '已按规定延期', 'too-late': '延期告知晚于法定期限，不予计算' },
  startedFrom: { forwardedAt: '转办时间', submittedAt: '留言时间', receivedAt: '收到时间' },
  differences: { title: '网页标题', text: '正文内容', status: '访问状态', redirect: '跳转地址' },
  reason: { none: '网站上未找到任何留言渠道', broken: '留言渠道均无法打开' },
  source: { attachment: '附件', page: '网页正文' },
  pairedBy: { link: '相关解读/原文链接', 'document-number': '相同文号', title: '标题引用' },
  how: { 'position:fixed': '固定在屏幕上（飘浮窗口）', 'position:absolute': '浮在页面上（飘浮窗口）', fixed: '固定在屏幕上（飘浮窗口）', absolute: '浮在页面上（飘浮窗口）' },
  notCheckedBecause: {
    'wait-over-cap': '要求等待的时间超过单次等待上限，未等待',
    'budget-spent': '本次检测的等待时间预算已用完',
    'retries-spent': '重试次数用完后仍被拒绝',
  },
  cappedBecause: { 'too-large': '内容超过读取上限', 'compression-bomb': '压缩内容解压后超过读取上限（疑似压缩炸弹）' },
  encoding: { gzip: 'gzip 压缩', 'x-gzip': 'gzip 压缩', deflate: 'deflate 压缩', br: 'Brotli 压缩' },
  capSetting: { 'crawl.maxBodyBytes': '网页读取上限（crawl.maxBodyBytes）', 'attachments.maxBytes': '附件读取上限（attachments.maxBytes）' },
  due: { standing: '常设事项，应始终公开' },
  position: { fixed: '固定在屏幕上', absolute: '浮在页面上' },
  region: { header: '页头', nav: '导航栏', footer: '页脚', aside: '侧栏' },
};

/** Labels of every evidence key a person can see. A key absent here and from `hiddenKeys` fails the vocabulary test. */
export const evidenceLabels: Record<string, string> = {
  a: 'IPv4地址（A记录）', aaaa: 'IPv6地址（AAAA记录）', agents: '搜索引擎爬虫', alsoMissingOn: '同样缺少的内页', answered: '答复时间', answeredAt: '答复时间',
  articleDate: '文章日期', articleTitle: '文章标题', articleUrl: '文章地址', brokenLinkStatus: '失效链接状态', brokenLinks: '失效链接', browser: '浏览器核实',
  channels: '互动渠道', cname: '别名记录（CNAME）', column: '所在栏目', contexts: '上下文（已遮盖）', count: '数量', crawlStatus: 'IPv4访问状态', crawler: '搜索引擎爬虫所见',
  cutoff: '最晚应更新至', date: '发布日期', daysLate: '逾期天数', daysLeft: '剩余天数', daysSince: '距今天数', deadline: '办理期限', deadlineWorkdays: '时限（工作日）',
  description: '问题描述', differences: '不一致之处', documentNumber: '文号', due: '公开期限', element: '所在元素', error: '原因', examples: '示例', excerpts: '摘录',
  expected: '应为', extendedAt: '延期告知时间', extension: '延期情况', firstDeadline: '法定答复期限', form: '搜索表单', format: '附件格式', forwarded: '转办时间', forwardedAt: '转办时间',
  found: '页面所示', foundOn: '出现页面', help: '问题说明', hiddenBy: '隐藏方式', host: '主机', hosts: '外部网站', how: '显示方式', howToFix: '修改方法', html: '元素代码',
  httpsUrl: 'HTTPS地址', impact: '影响程度', internal: '站内链接', interpretationDate: '解读发布日期', interpretationTitle: '解读标题', interpretationUrl: '解读地址',
  ipv4FinalUrl: 'IPv4访问最终地址', ipv4Status: 'IPv4访问状态', ipv4Title: 'IPv4访问所见标题', ipv6FinalUrl: 'IPv6访问最终地址', ipv6Status: 'IPv6访问状态', ipv6Title: 'IPv6访问所见标题',
  items: '条目数', kind: '类别', layers: '飘浮窗口', level: '位置', limit: '更新时限', links: '链接', lookedAt: '检查的页面', mark: '标识', masked: '内容（已遮盖）',
  maxDelayWorkdays: '允许相隔工作日', minFontPx: '最小字号要求（像素）', missingCount: '缺少的内页数', monthsLimit: '回应时限（月）', name: '事项', newest: '最新日期',
  newestTitle: '最新信息', newestUrl: '最新信息地址', nodeCount: '涉及元素数', normal: '普通访问所见', onHomepage: '位于首页', pageCount: '页面数', pageKind: '页面类型',
  pages: '所在页面', pairedBy: '关联方式', problem: '问题', problems: '证书问题', query: '搜索词', reason: '原因', received: '收到申请时间', rendered: '已在浏览器中显示后检查',
  reportId: '纠错编号', requestId: '申请编号', resources: '引用资源', resultLinks: '搜索结果链接数', resultUrl: '搜索结果页', samples: '示例', sampled: '抽查内页数',
  scriptFilled: '列表由脚本生成', searched: '查找的入口文字', secondLevel: '二级链接IPv6支持', selector: '元素位置', selectors: '元素位置', similarity: '内容相似度',
  smallestPx: '最小字号（像素）', soft404Reason: '判断依据', source: '来源', startedFrom: '起算时间', status: '状态', submitted: '提交时间', submittedAt: '留言时间',
  suspendedDays: '不计入的工作日', tags: '引用方式', terms: '违规词语', text: '文字', thirdLevel: '三级链接IPv6支持', title: '标题', type: '问题类型', undated: '无日期条目数',
  unit: '受理机关', uses: '用途', validTo: '到期日期', values: '号码（已遮盖）', wcag: 'WCAG 条款', where: '出现位置', workdays: '相隔工作日', workdaysAllowed: '允许工作日',
  workdaysTaken: '用时（工作日）', year: '年度', certificate: '证书', context: '上下文', detailText: '详情',
  wrong: '错误写法', correct: '正确写法', occurrences: '出现之处（原文）', pageDate: '页面日期', attachmentName: '附件名称', pdfPages: 'PDF 页码', note: '说明',
  omittedOnPage: '本页另有未列出的问题数', pagesAffected: '涉及页面数', examplePages: '示例页面',
  retryAfterSeconds: '服务器要求等待（秒）', notCheckedBecause: '未检测原因',
  bytesRead: '已读取', cap: '读取上限', capSetting: '上限设置', cappedBecause: '未完整读取原因', compressedBytes: '压缩传输大小', encoding: '压缩方式',
  reviewReason: '复核原因', notRendered: '未能渲染的原因',
  linkText: '链接文字', nearHeading: '附近的标题或栏目', region: '所在区域', cssPath: '元素位置（CSS 路径）', locatedOn: '定位所在页面', finalUrl: '最终地址', gbt37668: 'GB/T 37668 条款',
};

/** Labels that depend on the finding code (the same key means different things). */
const labelsByCode: { codes: RegExp; labels: Record<string, string> }[] = [
  { codes: /^identity\./, labels: { pages: '缺少的内页', level: '缺少位置' } },
  { codes: /^link\./, labels: { status: 'HTTP状态', pages: '出现页面' } },
  { codes: /^(error-report|disclosure-request)\./, labels: { status: '办理状态' } },
  { codes: /^service\./, labels: { status: '搜索结果页状态' } },
  { codes: /^ipv6\.link-unsupported$/, labels: { level: '链接层级' } },
  { codes: /^disclosure\./, labels: { source: '依据' } },
  { codes: /^interaction\./, labels: { title: '留言标题' } },
];

/** Keys that help a program, not a person: kept in JSON, not shown. */
export const hiddenKeys = new Set([
  'detail', // raw network error text (ECONNREFUSED …); `error` says it plainly
  'rule', 'helpUrl', 'mappingSource', 'gbt37668Note', 'layout', 'itemId', 'tls', 'screenshot',
]);

function asNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;

/** `5242880` → `5 MB（5242880 字节）`; small sizes in KB or bytes. */
export function bytesText(n: number): string {
  const mb = n / (1024 * 1024);
  const kb = n / 1024;
  const short = mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : kb >= 1 ? `${Math.round(kb * 10) / 10} KB` : `${n} 字节`;
  return n >= 1024 ? `${short}（${n} 字节）` : short;
}

/** The label of one evidence key for one finding code (undefined: the vocabulary does not know it). */
export function labelFor(code: string, key: string): string | undefined {
  for (const r of labelsByCode) if (r.codes.test(code) && r.labels[key]) return r.labels[key];
  return evidenceLabels[key];
}

function soft404Text(v: string): string {
  let m = /^page says "(.*)" and little else$/.exec(v);
  if (m) return `页面只显示“${m[1]}”，没有其他内容`;
  m = /^title says "(.*)"$/.exec(v);
  if (m) return `网页标题为“${m[1]}”`;
  if (v.startsWith('redirects to the homepage')) return '跳转到首页（网站对不存在的页面也这样处理）';
  if (v.startsWith('same content as')) return '内容与网站的“页面不存在”页相同';
  return v;
}

function hiddenByText(v: string): string {
  const t = v.toLowerCase().replace(/\s+/g, '');
  if (t.includes('display:none')) return '样式设为不显示';
  if (t.includes('visibility')) return '样式设为不可见';
  if (t.startsWith('marquee')) return '放在高度极小的滚动字幕中';
  if (t.includes('font-size')) return '字号设为0';
  if (/left|top|margin|indent|offscreen/.test(t)) return '移出屏幕可见区域';
  if (t.includes('overflow') || t.includes('height') || t.includes('width')) return '尺寸为0并隐藏溢出';
  if (t === 'hidden') return '设置了隐藏属性';
  return v;
}

function objText(o: Record<string, unknown>, tz: string): string {
  const show: [string, string][] = [];
  const add = (label: string, v: unknown) => {
    if (v === undefined || v === null || v === '') return;
    show.push([label, typeof v === 'string' ? timeText(v, tz) : String(v)]);
  };
  add('标题', o.title);
  add('描述', o.description);
  add('文字', o.text);
  add('地址', o.finalUrl ?? o.url);
  add('摘录', o.excerpt);
  return show.map(([k, v]) => `${k}：${v}`).join('；');
}

function oneValue(key: string, v: unknown, tz: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  const words = valueWords[key];
  if (typeof v === 'string' && words?.[v]) return words[v];
  if (typeof v === 'number') {
    if (key === 'similarity' || key === 'ratio') return pct(v);
    if (key === 'bytesRead' || key === 'cap' || key === 'compressedBytes') return bytesText(v);
    if (key === 'status' || key === 'brokenLinkStatus' || key === 'crawlStatus' || key === 'ipv4Status' || key === 'ipv6Status') return httpStatusText(v);
    if (key === 'level') return v === 2 ? '二级链接' : v === 3 ? '三级链接' : `${v}级`;
    return String(v);
  }
  if (typeof v === 'string') {
    if (key === 'error') return networkReasons[v] ?? v;
    if (key === 'limit') return ageText(v);
    if (key === 'level') return v === 'homepage' ? '首页' : v === 'inner' ? '内页' : v;
    if (key === 'soft404Reason') return soft404Text(v);
    if (key === 'hiddenBy') return hiddenByText(v);
    if (key === 'how') return words?.[v.replace(/\s+/g, '')] ?? v;
    return timeText(v, tz);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (key === 'secondLevel' || key === 'thirdLevel') {
      const checked = asNumber(o.checked);
      const ok = asNumber(o.ok);
      const ratio = asNumber(o.ratio);
      const min = asNumber(o.min);
      return `检测${checked ?? '—'}个，IPv6可访问${ok ?? '—'}个，支持率${ratio === null ? '—' : pct(ratio)}${min === null ? '' : `（要求不低于${pct(min)}）`}`;
    }
    if (key === 'form') {
      const method = String(o.method ?? '').toUpperCase();
      return `搜索框所在页面：${String(o.formPage ?? '—')}；提交地址：${String(o.action ?? '—')}${method ? `（${method === 'GET' ? '直接提交' : '表单提交'}）` : ''}`;
    }
    if (key === 'layers') {
      const box = (o.box ?? {}) as Record<string, unknown>;
      const size = asNumber(box.width) !== null && asNumber(box.height) !== null ? `，${box.width}×${box.height}像素` : '';
      return `${o.text ? `“${String(o.text)}”` : '（无文字）'}（${valueWords.position[String(o.position)] ?? '浮在页面上'}${size}）`;
    }
    if (key === 'samples') return `“${String(o.text ?? '')}”（${asNumber(o.fontSizePx) ?? '—'}像素）`;
    if (key === 'links') return o.text ? `${String(o.text)}（${String(o.url ?? '')}）` : String(o.url ?? '');
    if (key === 'channels') return `${String(o.name ?? '')}${o.url ? `（${String(o.url)}）` : ''}`;
    return objText(o, tz);
  }
  return String(v);
}

const urlish = /^https?:\/\//i;

/** Keys whose values are element code or CSS paths (technical text a webmaster needs as it is). */
const codeKeys = new Set(['html', 'selector', 'selectors', 'cssPath', 'element']);

/**
 * The evidence of one finding as labelled rows for people, in the order the check wrote them. Hidden keys and empty
 * values are left out; lists are joined (at most `maxItems`, then 等N项); long values are cut.
 */
export function evidenceView(f: FindingLike, timeZone: string, opts: { maxItems?: number; maxChars?: number } = {}): EvidenceItem[] {
  const maxItems = opts.maxItems ?? 10;
  const maxChars = opts.maxChars ?? 500;
  const out: EvidenceItem[] = [];
  for (const [key, v] of Object.entries(f.evidence)) {
    if (hiddenKeys.has(key) || v === undefined || v === null || v === '') continue;
    if (key === 'gbt37668' && (v === 'unmapped' || !v)) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    const label = labelFor(f.code, key) ?? key;
    const list = Array.isArray(v) ? v : [v];
    const texts = list.slice(0, maxItems).map((x) => oneValue(key, x, timeZone)).filter((t) => t !== '');
    if (!texts.length) continue;
    const more = list.length > maxItems ? ` 等${list.length}项` : '';
    const allUrls = texts.every((t) => urlish.test(t));
    const kind: EvidenceValueKind = codeKeys.has(key) ? 'code' : allUrls ? 'url' : 'text';
    let value = texts.join(kind === 'code' ? '\n' : '，') + more;
    if (value.length > maxChars) value = value.slice(0, maxChars) + '…';
    out.push({ key, label, value, kind, ...(allUrls ? { urls: texts } : {}) });
  }
  return out;
}

/** `label：value；…` for one line (CSV, bulletin). */
export function evidenceLine(f: FindingLike, timeZone: string): string {
  return evidenceView(f, timeZone, { maxItems: 5, maxChars: 300 })
    .map((e) => `${e.label}：${e.value.replace(/\n/g, '；')}`)
    .join('；');
}

// ── Messages ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Severity words. */
export const severityText: Record<string, string> = { veto: '否决', major: '严重', minor: '一般', info: '提示' };

/**
 * The message a person reads. A finding a reviewer confirmed states what was confirmed: the "suspected" and
 * "please confirm" wording of the check is dropped.
 */
export function displayMessage(f: { message: string; confirmed?: unknown }): string {
  if (!f.confirmed) return f.message;
  return f.message
    .replace(/[，,；;]\s*请人工(确认|核实|复核)[。.]?$/, '')
    .replace(/疑似被/g, '被')
    .replace(/疑似/g, '');
}

/**
 * A not-measured reason may carry, after a line `管理中心：`, what the center changes to measure it. Clerks see the
 * first part; the center's pages show both.
 */
export function splitReason(reason: string): { clerk: string; center?: string } {
  const i = reason.indexOf('\n管理中心：');
  if (i < 0) return { clerk: reason };
  return { clerk: reason.slice(0, i), center: reason.slice(i + '\n管理中心：'.length) };
}

/**
 * What a check could judge, for the 检查项 table: nothing when it judged all it saw; else how many of how many, with
 * the reason (e.g. 「政策文件 5 篇中 2 篇可判断：3 篇未读出文号」).
 */
export function coverageNote(c: { candidates: number; judged: number; reason?: string } | undefined): string {
  if (!c || c.candidates === 0 || c.judged >= c.candidates) return '';
  const head = c.judged === 0 ? `发现 ${c.candidates} 项，均无法判断` : `发现 ${c.candidates} 项，可判断 ${c.judged} 项`;
  return c.reason ? `${head}（${c.reason}）` : head;
}
