/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// Scorecard sections of the content checks: each column's newest date and age with the veto counts (freshness),
// interpretation coverage with the missing and late documents (interpretations), identity marks on the homepage
// and the inner-page sample (identity), and what the personal-data scan covered (privacy).
import { ageText, columnKinds, identityMarks, timeText } from '../vocabulary.ts';
import { attachmentReason } from './reasons.ts';
import { dash, Link, list, num, obj, Table } from './section-kit.tsx';
import type { ScorecardSection } from './section.ts';

const columnStatus: Record<string, string> = {
  fresh: '正常', stale: '未及时更新', undated: '无日期（待复核）', empty: '空白', unreachable: '无法访问（待复核）', 'not-crawled': '未抓取', 'no-limit': '不设时限',
};
const pairedByLabels: Record<string, string> = { link: '相关解读/原文链接', 'document-number': '相同文号', title: '标题引用' };

const freshnessSection: ScorecardSection = {
  check: 'freshness',
  render(metrics, _card, { timezone }) {
    const m = obj(metrics);
    const home = obj(m.homepage);
    const veto = obj(m.vetoCounts);
    const rows = list(m.columns).map((c) => (
      <tr>
        <td>{dash(c.name)}</td>
        <td>{columnKinds[String(c.kind)] ?? dash(c.kind)}</td>
        <td>{typeof c.newest === 'string' ? timeText(c.newest, timezone) : '—'}</td>
        <td class="num">{dash(c.daysSince)}</td>
        <td>{c.limit ? ageText(c.limit) : '—'}</td>
        <td>{columnStatus[String(c.status)] ?? dash(c.status)}</td>
      </tr>
    ));
    return (
      <>
        <p>
          首页最新信息：{typeof home.newest === 'string' ? timeText(home.newest, timezone) : '未找到带日期的信息'}
          {typeof home.daysSince === 'number' ? `（距今 ${home.daysSince} 天，时限 ${ageText(home.limit)}）` : ''}
        </p>
        <Table head={['栏目', '类别', '最新日期', '距今天数', '更新时限', '状态']} numeric={[3]} rows={rows} />
        <p>
          栏目不更新否决计数：动态/通知/政策类未更新 {num(veto.staleNewsNoticePolicy)} 个（≥5 否决），各类未更新 {num(veto.staleAll)} 个（≥10 否决），空白栏目 {num(veto.empty)} 个（≥5 否决）
        </p>
      </>
    );
  },
};

const interpretationsSection: ScorecardSection = {
  check: 'interpretations',
  render(metrics, _card, { timezone }) {
    const m = obj(metrics);
    const by = obj(m.pairedBy);
    const coverage = typeof m.coverage === 'number' ? `${Math.round(m.coverage * 1000) / 10}%` : '—（无需解读的文件）';
    const date = (v: unknown) => (typeof v === 'string' ? timeText(v, timezone) : '—');
    const missing = list(m.missing).map((d) => (
      <tr>
        <td><Link url={d.url} text={d.title} /></td>
        <td>{date(d.date)}</td>
        <td>{dash(d.docNo)}</td>
      </tr>
    ));
    const late = list(m.late).map((d) => (
      <tr>
        <td><Link url={d.url} text={d.title} /></td>
        <td>{date(d.date)}</td>
        <td>{dash(d.docNo)}</td>
        <td><Link url={d.interpretationUrl} text={date(d.interpretationDate)} /></td>
        <td class="num">{dash(d.workdays)}</td>
      </tr>
    ));
    const pending = list(m.pending).length;
    return (
      <>
        <p>
          需配套解读的政策文件 {num(m.needingInterpretation)} 件，已解读 {num(m.interpreted)} 件，解读覆盖率 {coverage}；关联方式：
          {Object.entries(pairedByLabels).map(([k, label]) => `${label} ${num(by[k])} 件`).join('，')}
          {pending ? `；${pending} 件尚在解读发布时限内（不计入覆盖率）` : ''}
          {m.crawlTruncated ? '；抓取提前结束，未找到解读的文件待人工复核' : ''}
        </p>
        {missing.length ? <h4>未发布解读</h4> : null}
        <Table head={['文件', '发布日期', '文号']} rows={missing} />
        {late.length ? <h4>解读发布超时</h4> : null}
        <Table head={['文件', '发布日期', '文号', '解读发布日期', '相隔工作日']} numeric={[4]} rows={late} />
      </>
    );
  },
};

const identitySection: ScorecardSection = {
  check: 'identity',
  render(metrics) {
    const m = obj(metrics);
    const marks = obj(m.marks);
    const sampled = Array.isArray(m.sampledPages) ? m.sampledPages.length : 0;
    const rows = Object.entries(identityMarks).map(([k, label]) => {
      const r = obj(marks[k]);
      return (
        <tr>
          <td>{label}</td>
          <td>{r.homepage === true ? '有' : r.homepage === false ? '缺少' : '—'}</td>
          <td class="num">{typeof r.innerMissing === 'number' ? `${r.innerMissing} / ${sampled}` : '—'}</td>
        </tr>
      );
    });
    return <Table head={['标识', '首页', '抽查内页中缺少']} numeric={[2]} rows={rows} />;
  },
};

const privacySection: ScorecardSection = {
  check: 'privacy',
  render(metrics) {
    const m = obj(metrics);
    const hits = obj(m.hits);
    const skipped = list(m.attachmentsNotMeasured).map((a) => (
      <tr>
        <td><Link url={a.url} /></td>
        <td>{attachmentReason(String(a.reason ?? ''))}</td>
      </tr>
    ));
    return (
      <>
        <p>
          检查页面 {num(m.pagesScanned)} 个，附件 {num(m.attachmentsScanned)} / {num(m.attachmentsFound)} 个；发现未遮盖的身份证号 {num(hits['id-number'])} 个、手机号 {num(hits['mobile-number'])} 个、银行卡号 {num(hits['bank-card'])} 个
        </p>
        {skipped.length ? <h4>未检测的附件</h4> : null}
        <Table head={['附件', '原因']} rows={skipped} />
      </>
    );
  },
};

/** The content checks' sections, registered in sections.tsx. */
export const contentSections: ScorecardSection[] = [freshnessSection, interpretationsSection, identitySection, privacySection];
