// Scorecard sections of the content checks: each column's newest date and age with the veto counts (freshness),
// interpretation coverage with the missing and late documents (interpretations), identity marks on the homepage
// and the inner-page sample (identity), and what the personal-data scan covered (privacy). Metrics come from stored
// JSON, so every field is read defensively; every value is escaped.
import type { ScorecardSection } from './section.ts';
import { esc, safeHref } from './escape.ts';

const kindLabels: Record<string, string> = {
  news: '动态要闻', notice: '通知公告', policy: '政策文件', interpretation: '政策解读', personnel: '人事信息', plan: '规划计划', interaction: '互动交流', other: '其他',
};
const columnStatus: Record<string, string> = {
  fresh: '正常', stale: '未及时更新', undated: '无日期（待复核）', empty: '空白', unreachable: '无法访问（待复核）', 'not-crawled': '未抓取', 'no-limit': '不设时限',
};
const markLabels: Record<string, string> = {
  'site-code': '网站标识码', icp: 'ICP备案编号', 'police-record': '公网安备号', 'party-mark': '党政机关网站标识',
  'error-report-entrance': '我为政府网站找错入口', sponsor: '主办单位', contact: '联系方式',
};
const pairedByLabels: Record<string, string> = { link: '相关解读/原文链接', 'document-number': '相同文号', title: '标题引用' };
const ageUnits: Record<string, string> = { d: '天', w: '周', m: '个月', y: '年' };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const cell = (v: unknown, cls = ''): string => `<td${cls ? ` class="${cls}"` : ''}>${v === null || v === undefined || v === '' ? '—' : esc(v)}</td>`;
const age = (v: unknown): string => (typeof v === 'string' && /^\d+[dwmy]$/.test(v) ? `${v.slice(0, -1)}${ageUnits[v.slice(-1)]}` : '—');
const link = (url: unknown, text: unknown): string => (typeof url === 'string' ? `<a href="${safeHref(url)}" rel="noopener noreferrer">${esc(text ?? url)}</a>` : esc(text ?? ''));

function table(head: string[], rows: string[]): string {
  if (!rows.length) return '';
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const freshnessSection: ScorecardSection = {
  check: 'freshness',
  render(metrics) {
    const m = obj(metrics);
    const home = obj(m.homepage);
    const veto = obj(m.vetoCounts);
    const rows = list(m.columns).map(
      (c) => `<tr>${cell(c.name)}${cell(kindLabels[String(c.kind)] ?? c.kind)}${cell(c.newest)}${cell(c.daysSince, 'num')}<td>${esc(age(c.limit))}</td>${cell(columnStatus[String(c.status)] ?? c.status)}</tr>`,
    );
    return `<p>首页最新信息：${esc(home.newest ?? '未找到带日期的信息')}${typeof home.daysSince === 'number' ? `（距今 ${esc(home.daysSince)} 天，时限 ${esc(age(home.limit))}）` : ''}</p>
${table(['栏目', '类别', '最新日期', '距今天数', '更新时限', '状态'], rows)}
<p>栏目不更新否决计数：动态/通知/政策类未更新 ${esc(veto.staleNewsNoticePolicy ?? 0)} 个（≥5 否决），各类未更新 ${esc(veto.staleAll ?? 0)} 个（≥10 否决），空白栏目 ${esc(veto.empty ?? 0)} 个（≥5 否决）</p>`;
  },
};

const interpretationsSection: ScorecardSection = {
  check: 'interpretations',
  render(metrics) {
    const m = obj(metrics);
    const by = obj(m.pairedBy);
    const coverage = typeof m.coverage === 'number' ? `${Math.round(m.coverage * 1000) / 10}%` : '—（无需解读的文件）';
    const doc = (d: Obj, extra = '') => `<tr><td>${link(d.url, d.title)}</td>${cell(d.date)}${cell(d.docNo)}${extra}</tr>`;
    const missing = list(m.missing).map((d) => doc(d));
    const late = list(m.late).map((d) => doc(d, `<td>${link(d.interpretationUrl, d.interpretationDate)}</td>${cell(d.workdays, 'num')}`));
    return `<p>需配套解读的政策文件 ${esc(m.needingInterpretation ?? 0)} 件，已解读 ${esc(m.interpreted ?? 0)} 件，解读覆盖率 ${esc(coverage)}；
关联方式：${Object.entries(pairedByLabels).map(([k, label]) => `${esc(label)} ${esc(by[k] ?? 0)} 件`).join('，')}${list(m.pending).length ? `；${esc(list(m.pending).length)} 件尚在解读发布时限内（不计入覆盖率）` : ''}${m.crawlTruncated ? '；抓取提前结束，未找到解读的文件待人工复核' : ''}</p>
${missing.length ? `<h4>未发布解读</h4>${table(['文件', '发布日期', '文号'], missing)}` : ''}
${late.length ? `<h4>解读发布超时</h4>${table(['文件', '发布日期', '文号', '解读发布日期', '相隔工作日'], late)}` : ''}`;
  },
};

const identitySection: ScorecardSection = {
  check: 'identity',
  render(metrics) {
    const m = obj(metrics);
    const marks = obj(m.marks);
    const sampled = Array.isArray(m.sampledPages) ? m.sampledPages.length : 0;
    const rows = Object.entries(markLabels).map(([k, label]) => {
      const r = obj(marks[k]);
      return `<tr>${cell(label)}${cell(r.homepage === true ? '有' : r.homepage === false ? '缺少' : '—')}${cell(typeof r.innerMissing === 'number' ? `${r.innerMissing} / ${sampled}` : '—', 'num')}</tr>`;
    });
    return table(['标识', '首页', '抽查内页中缺少'], rows);
  },
};

const privacySection: ScorecardSection = {
  check: 'privacy',
  render(metrics) {
    const m = obj(metrics);
    const hits = obj(m.hits);
    const skipped = list(m.attachmentsNotMeasured).map((a) => `<tr><td>${link(a.url, a.url)}</td>${cell(a.reason)}</tr>`);
    return `<p>检查页面 ${esc(m.pagesScanned ?? 0)} 个，附件 ${esc(m.attachmentsScanned ?? 0)} / ${esc(m.attachmentsFound ?? 0)} 个；发现未遮盖的身份证号 ${esc(hits['id-number'] ?? 0)} 个、手机号 ${esc(hits['mobile-number'] ?? 0)} 个、银行卡号 ${esc(hits['bank-card'] ?? 0)} 个</p>
${skipped.length ? `<h4>未检测的附件</h4>${table(['附件', '原因'], skipped)}` : ''}`;
  },
};

/** The content checks' sections, registered in sections.ts. */
export const contentSections: ScorecardSection[] = [freshnessSection, interpretationsSection, identitySection, privacySection];
