// How the bulletin states a problem, in official-document (公文) wording: what is wrong and where, without tool
// text, config keys or requests to "confirm by hand" (the bulletin only names counted findings, which are either
// certain or confirmed by a reviewer; the draft's 待复核 annex says 疑似 once, in its heading).
import type { ScorecardFinding } from '../scorecard.ts';
import { ageText, columnKinds, displayMessage, formatDate, identityMarks, networkReasons, timeText } from '../vocabulary.ts';

type E = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const q = (v: unknown): string => (str(v) ? `“${str(v)}”` : '');

function linkProblem(f: ScorecardFinding, e: E): string {
  const what = f.code === 'link.timeout' ? '访问超时' : f.code === 'link.redirect-loop' ? '跳转循环' : f.code === 'link.soft-404' ? '指向“页面不存在”页' : '无法访问';
  const why = typeof e.status === 'number' ? `（HTTP ${e.status}）` : typeof e.error === 'string' && networkReasons[e.error] ? `（${networkReasons[e.error]}）` : '';
  const text = str(e.linkText);
  const where = e.onHomepage ? '首页' : '';
  return `${where}${text ? `链接${q(text)}` : '链接'}${what}${why}`;
}

const phrases: Record<string, (f: ScorecardFinding, e: E, tz: string) => string> = {
  'link.broken': linkProblem,
  'link.timeout': linkProblem,
  'link.redirect-loop': linkProblem,
  'link.soft-404': linkProblem,
  'freshness.homepage-stale': (_f, e, tz) => `首页超过${ageText(e.limit) || '2周'}未更新${e.newest ? `（最新信息发布于${timeText(str(e.newest), tz)}）` : ''}`,
  'freshness.column-stale': (_f, e, tz) => `${q(e.column)}栏目${e.kind ? `（${columnKinds[str(e.kind)] ?? ''}）` : ''}超过${ageText(e.limit)}未更新${e.newest ? `（最新信息发布于${timeText(str(e.newest), tz)}）` : ''}`,
  'freshness.column-empty': (_f, e) => `${q(e.column)}栏目为空白栏目`,
  'interaction.no-channel': () => '未提供有效的互动交流渠道',
  'interaction.unanswered-message': (_f, e) => `网民留言${q(e.title)}超过${str(e.monthsLimit) || '3'}个月未回应`,
  'security.hidden-link': () => '网页被植入指向非政府网站的隐藏链接（暗链）',
  'security.spam-content': (_f, e) => (e.kind === 'cloaking' ? '网站向搜索引擎返回赌博等有害内容（被植入针对搜索引擎的违规内容）' : '网页出现赌博、色情等有害信息'),
  'security.tampered-title': (_f, e) => `网页标题被篡改${e.title ? `为${q(e.title)}` : ''}`,
  'security.commercial-ad': () => '网页刊登商业广告',
  'security.no-https': () => '未提供HTTPS安全访问',
  'security.tls-invalid': () => 'HTTPS证书无效',
  'security.tls-expiring': (_f, e, tz) => `HTTPS证书即将过期${e.validTo ? `（${timeText(str(e.validTo), tz)}）` : ''}`,
  'security.mixed-content': () => 'HTTPS页面加载了不安全的HTTP资源',
  'privacy.id-number': (_f, e) => `公开信息中含有未作去标识化处理的公民身份证号码${typeof e.count === 'number' ? `${e.count}个` : ''}${e.source === 'attachment' ? '（附件）' : ''}`,
  'privacy.mobile-number': (_f, e) => `公开信息中含有未作去标识化处理的手机号码${typeof e.count === 'number' ? `${e.count}个` : ''}${e.source === 'attachment' ? '（附件）' : ''}`,
  'privacy.bank-card': (_f, e) => `公开信息中含有未作去标识化处理的银行卡号${typeof e.count === 'number' ? `${e.count}个` : ''}${e.source === 'attachment' ? '（附件）' : ''}`,
  'interpretation.missing': (_f, e) => `政策文件${e.title ? `《${str(e.title)}》` : ''}未发布配套解读`,
  'interpretation.late': (_f, e) => `政策文件${e.title ? `《${str(e.title)}》` : ''}的解读晚于文件${str(e.workdays)}个工作日发布`,
  'error-report.overdue': (_f, e) => `网民纠错留言${str(e.reportId)}超过${str(e.deadlineWorkdays) || '2'}个工作日才答复`,
  'error-report.unanswered': (_f, e) => `网民纠错留言${str(e.reportId)}超过办理时限未答复`,
  'disclosure.missing': (_f, e) => `未公开${e.year ? `${str(e.year)}年度` : ''}${q(e.name)}`,
  'disclosure.late': (_f, e, tz) => `${e.year ? `${str(e.year)}年度` : ''}${q(e.name)}逾期公开${e.date ? `（${timeText(str(e.date), tz)}公开）` : ''}`,
  'disclosure-request.overdue': (_f, e) => `依申请公开${str(e.requestId)}超期答复`,
  'disclosure-request.unanswered': (_f, e) => `依申请公开${str(e.requestId)}逾期未答复`,
  'availability.homepage-down': () => '首页一周内无法访问次数超过5%',
  'availability.homepage-unstable': () => '首页访问不稳定（无法访问次数超过1%）',
  'service.no-search': () => '未提供站内搜索',
  'service.search-broken': () => '站内搜索无法检索到已发布的信息',
  'ipv6.no-aaaa': () => '未配置IPv6地址（AAAA记录）',
  'ipv6.unreachable': () => '无法通过IPv6访问',
  'ipv6.content-mismatch': () => '通过IPv6访问的内容与IPv4不一致',
  'ipv6.link-unsupported': () => '部分页面不支持IPv6访问',
  'ipv6.support-low': () => '二、三级链接IPv6支持率未达标',
  'a11y.no-accessible-mode': () => '未提供无障碍浏览或长者模式入口',
  'a11y.small-text': () => '部分文字字号过小',
  'a11y.floating-ad': () => '飘浮窗口遮挡页面内容',
};

/** One problem in official wording (no trailing punctuation). */
export function officialPhrase(f: ScorecardFinding, timeZone: string): string {
  const e = f.evidence as E;
  const fn = phrases[f.code];
  if (fn) return fn(f, e, timeZone);
  if (f.code.startsWith('identity.')) {
    const mark = identityMarks[str(e.mark)] ?? identityMarks[f.code.slice('identity.missing-'.length)];
    return `${e.level === 'inner' ? '内页' : '页面底部'}缺少${mark ?? '网站标识信息'}`;
  }
  if (f.code.startsWith('a11y.')) return `无障碍问题：${str(e.help) || '页面不符合无障碍规范'}`;
  return displayMessage({ ...f, confirmed: f.confirmed ?? true })
    .replace(/[，,；;]\s*请人工(确认|核实|复核)[^，。；]*$/, '')
    .replace(/（[^（）]*[A-Za-z]{4,}[^（）]*）/g, '');
}

/** The part of a site name that names the site (`…网站` appended when the name does not say so). */
export function siteLabel(name: string): string {
  return /(网站|网|平台|门户)$/.test(name) ? name : `${name}网站`;
}

/** Deadline dates for the 整改要求 paragraph. */
export function dateText(isoDate: string, tz: string): string {
  return formatDate(isoDate, tz);
}
