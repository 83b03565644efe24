// The bulletin's wording as a sequence of blocks (paragraphs, headings, tables), in the official-document order of
// GB/T 9704: issuer's red head with the 文号, title, addressees, 总体情况, unit ranking, 存在问题, 逾期未整改 (the
// earlier bulletins' problems past their deadline, when any), 整改要求 with each named unit's deadline, attachments note, signature and date, the 版记 (印发机关 and 印发日期), then the annexes — the results
// grouped by verdict and, in a draft, the 待复核事项 that must be settled before the bulletin is issued. The HTML/PDF
// and DOCX renderers draw the same blocks, so the Word file the center edits says exactly what the PDF says.
import { isCounted } from '../counts.ts';
import type { BulletinModel, BulletinOverview } from './model.ts';
import { chineseDate } from './month.ts';
import { officialPhrase, siteLabel } from './wording.ts';

export type Block =
  | { type: 'h2'; text: string }
  | { type: 'h3'; text: string }
  | { type: 'p'; text: string }
  | { type: 'list'; items: string[] }
  /** A problem screenshot: `path` relative to the scorecards folder (`<siteId>/<identity>.png`). */
  | { type: 'figure'; caption: string; path: string }
  | {
      type: 'table';
      id: 'ranking' | 'annex' | 'annex-failed' | 'annex-passed' | 'pending' | 'deadlines' | 'overdue';
      head: string[];
      rows: string[][];
      /** Centred (numeric) columns. */
      numeric: number[];
      /** Column widths, percent of the text width. */
      widths: number[];
      /** Columns holding URLs (given break opportunities). */
      urls?: number[];
    };

export interface BulletinAnnex {
  label: string;
  title: string;
  body: Block[];
}

export interface BulletinDocument {
  issuer: string;
  /** 发文字号, e.g. 鲤网管〔2026〕12号; null: none. */
  docNumber: string | null;
  title: string;
  recipients: string;
  body: Block[];
  sign: { issuer: string; date: string };
  /** 版记: 抄送, 印发机关 and 印发日期. */
  record: { copyTo: string | null; printedBy: string; printedOn: string };
  /** First annex (the results), kept for callers that show one. */
  annex: BulletinAnnex;
  annexes: BulletinAnnex[];
  /** A draft: veto-level findings await review (listed in the annex `draftAnnex`); not to be issued as it is. */
  draft: boolean;
  /** Label of the 待复核事项 annex of a draft (e.g. 附件2). */
  draftAnnex?: string;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** The document for a model. */
export function bulletinDocument(m: BulletinModel, opts: { timezone?: string } = {}): BulletinDocument {
  const tz = opts.timezone ?? m.timezone ?? 'Asia/Shanghai';
  const o = m.overview;
  const body: Block[] = [];
  const vetoNames = (c: BulletinModel['sites'][number]) => c.vetoes.map((v) => c.indicators.find((i) => i.id === v)?.name ?? v);
  body.push({
    type: 'p',
    text: `根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）和区政府办公室有关工作要求，${m.issuer}对${m.scope}政府网站开展了${m.month.label}抽查。现将有关情况通报如下：`,
  });
  body.push({ type: 'h2', text: '一、总体情况' });
  body.push({
    type: 'p',
    text:
      `本月共抽查政府网站${o.sitesChecked}个，以各网站当月最后一次检测结果为准，其中合格${o.passed}个、不合格${o.failed}个，合格率${o.passRate}%，平均得分${o.averageScore}分` +
      `${o.vetoed ? `；${o.vetoed}个网站存在单项否决问题` : ''}。${comparison(o, m.previous)}` +
      (m.notChecked.length ? `另有${m.notChecked.length}个网站本月未完成检测（${m.notChecked.map((s) => s.name).join('、')}），不计入上述统计。` : ''),
  });
  if (m.availability.size) {
    const all = [...m.availability.values()];
    const probes = all.reduce((n, a) => n + a.probes, 0);
    const up = Math.floor(((probes - all.reduce((n, a) => n + a.failed, 0)) / probes) * 1000) / 10;
    const unstable = m.sites.filter((c) => {
      const a = m.availability.get(c.siteId);
      return a && a.failed / a.probes >= m.unstableRate;
    });
    body.push({
      type: 'p',
      text:
        `本月对${m.availability.size}个网站首页进行可用性监测${probes}次，总体可用率${up}%` +
        (unstable.length ? `；首页无法访问比例超过${round(m.unstableRate * 100)}%的网站：${unstable.map((c) => `${c.siteName}（可用率${m.availability.get(c.siteId)!.upRate}%）`).join('、')}。` : '，各网站首页访问稳定。'),
    });
  }
  const failed = m.sites.filter((c) => c.verdict !== '合格');
  if (failed.length) {
    body.push({
      type: 'p',
      text: `不合格网站${failed.length}个：${failed.map((c) => `${c.siteName}（${vetoNames(c).length ? `单项否决：${vetoNames(c).join('、')}` : `得分${c.score}分`}）`).join('；')}。`,
    });
  }
  body.push({ type: 'h2', text: '二、各单位得分排名' });
  body.push({ type: 'p', text: '所属网站均合格的单位按平均得分排序，排在有不合格网站的单位之前；得分相同的并列。详见下表。' });
  body.push({
    type: 'table',
    id: 'ranking',
    head: ['排名', '单位', '网站数', '平均得分', '合格网站', '结论', '问题数'],
    rows: m.units.map((u) => [String(u.rank), u.unit, String(u.cards.length), String(u.averageScore), `${u.passed}/${u.cards.length}`, u.verdict, String(u.findings)]),
    numeric: [0, 2, 3, 4, 5, 6],
    widths: [8, 36, 10, 13, 13, 10, 10],
  });
  body.push({ type: 'h2', text: '三、存在问题' });
  if (!m.problems.length) body.push({ type: 'p', text: '本月抽查未发现计分问题。' });
  m.problems.forEach((p, i) => {
    const veto = p.kind === 'veto' ? (p.vetoedSites ? `（单项否决指标，${p.vetoedSites}个网站被否决）` : '（单项否决指标，未达否决条件）') : '';
    body.push({ type: 'h3', text: `（${numerals[i] ?? i + 1}）${p.name}${veto}` });
    body.push({ type: 'p', text: `${p.sites}个网站存在此类问题，共${p.findings}处。${p.worst.length < p.sites ? '问题较多的网站：' : ''}` });
    body.push({
      type: 'list',
      items: p.worst.map((w) => {
        const homepage = m.sites.find((c) => c.siteId === w.siteId)?.homepage;
        const phrases = [...new Set(w.examples.map((e) => officialPhrase(e.finding, tz) + (e.url && e.url !== homepage ? `（${e.url}）` : '')))];
        return `${siteLabel(w.siteName)}${w.count > 1 ? `${w.count}处` : ''}：${phrases.join('；')}${w.count > w.examples.length ? '等' : ''}。`;
      }),
    });
  });
  let section = 4;
  if (m.overdue.length) {
    const units = new Set(m.overdue.map((o) => o.unit));
    body.push({ type: 'h2', text: `${numerals[section++ - 1]}、逾期未整改` });
    body.push({
      type: 'p',
      text: `截至${m.issuedOnText}，${units.size}个单位的${m.overdue.length}个问题在往期通报规定的整改期限内未完成整改（未经复查确认已整改，也未被排除或豁免），现予通报。相关单位要立即整改，并书面说明逾期原因。`,
    });
    body.push({
      type: 'table',
      id: 'overdue',
      head: ['序号', '单位', '网站', '问题', '整改期限', '逾期天数'],
      rows: m.overdue.map((o, i) => [String(i + 1), o.unit, o.siteName, o.message + (o.claim === 'claimed' ? '（已报整改，待复查）' : o.claim === 'reopened' ? '（复查仍存在）' : ''), chineseDate(o.deadline), String(o.daysOverdue)]),
      numeric: [0, 4, 5],
      widths: [7, 15, 16, 27, 23, 12],
    });
  }
  body.push({ type: 'h2', text: `${numerals[section - 1]}、整改要求` });
  body.push({
    type: 'p',
    text: m.perUnitDeadlines
      ? `（一）存在问题的单位要对照本通报和各网站检查报告逐项整改，于下表所列整改期限前完成整改，并将整改情况书面报送${m.issuer}。逾期未整改的，将在下期通报中予以通报。`
      : `（一）存在问题的单位要对照本通报和各网站检查报告逐项整改，于${m.deadlineText}完成整改，并将整改情况书面报送${m.issuer}。逾期未整改的，将在下期通报中予以通报。`,
  });
  if (m.unitDeadlines.length) {
    body.push({
      type: 'table',
      id: 'deadlines',
      head: ['序号', '单位', '问题数', '整改期限'],
      rows: m.unitDeadlines.map((d, i) => [String(i + 1), d.unit, String(m.named.filter((n) => n.unit === d.unit).length), d.deadline ? `${chineseDate(d.deadline)}前（${d.workdays}个工作日内）` : `收到本通报之日起${d.workdays}个工作日内`]),
      numeric: [0, 2],
      widths: [8, 42, 12, 38],
    });
  }
  body.push({ type: 'p', text: '（二）被单项否决或得分低于60分的网站，主办单位要立即组织整改，整改完成前加强人工巡查，防止问题反复出现；整改情况将在下月抽查中复核。' });
  body.push({ type: 'p', text: '（三）各单位要落实网站日常监测和内容保障责任，及时更新信息、修复失效链接，对“我为政府网站找错”平台转办的网民留言在2个工作日内办理答复，对公开信息中的个人信息做好去标识化处理。' });
  const withAvailability = m.availability.size > 0;
  const annexRows = (list: BulletinModel['sites']) =>
    list.map((c, i) => [
      String(i + 1),
      c.siteName,
      c.unit,
      String(c.score),
      c.verdict,
      String(c.findings.filter(isCounted).length),
      ...(withAvailability ? [m.availability.has(c.siteId) ? `${m.availability.get(c.siteId)!.upRate}%` : '—'] : []),
      vetoNames(c).join('、') || '—',
    ]);
  const head = ['序号', '网站名称', '主办单位', '得分', '结论', '问题数', ...(withAvailability ? ['首页可用率'] : []), '单项否决'];
  const widths = withAvailability ? [8, 19, 19, 8, 10, 10, 13, 13] : [8, 24, 23, 9, 10, 10, 16];
  const numeric = withAvailability ? [0, 3, 4, 5, 6] : [0, 3, 4, 5];
  const annexBody: Block[] = [];
  const failedRows = annexRows(m.sites.filter((c) => c.verdict !== '合格'));
  const passedRows = annexRows(m.sites.filter((c) => c.verdict === '合格'));
  annexBody.push({ type: 'h3', text: `一、不合格网站（${failedRows.length}个）` });
  if (failedRows.length) annexBody.push({ type: 'table', id: 'annex-failed', head, rows: failedRows, numeric, widths });
  else annexBody.push({ type: 'p', text: '无。' });
  annexBody.push({ type: 'h3', text: `二、合格网站（${passedRows.length}个）` });
  if (passedRows.length) annexBody.push({ type: 'table', id: 'annex-passed', head, rows: passedRows, numeric, widths });
  else annexBody.push({ type: 'p', text: '无。' });
  if (m.notChecked.length) {
    annexBody.push({ type: 'h3', text: `三、本月未完成检测的网站（${m.notChecked.length}个）` });
    annexBody.push({ type: 'p', text: m.notChecked.map((s) => `${s.name}（${s.unit}）`).join('、') + '。' });
  }
  annexBody.push({
    type: 'p',
    text: `说明：满分100分，单项否决指标任一项不达标或得分低于60分为不合格；同一结论内按得分由高到低排列；问题数为计分问题，不含待复核、已豁免和仅作提示的情况${withAvailability ? '；首页可用率为本月首页监测中正常访问的比例' : ''}。`,
  });
  const results: BulletinAnnex = { label: '附件1', title: `${m.month.label}${m.scope}政府网站检查结果`, body: annexBody };
  const annexes: BulletinAnnex[] = [results];
  const draft = m.pending.length > 0;
  if (draft) {
    annexes.push({
      label: '附件2',
      title: '待复核事项（复核完成前本通报不得印发）',
      body: [
        {
          type: 'p',
          text: `以下${m.pending.length}项问题疑似触发单项否决，须由${m.issuer}逐项复核：确认的，所在网站判定为不合格；排除的，不予计分。复核完成后重新生成本通报。`,
        },
        {
          type: 'table',
          id: 'pending',
          head: ['序号', '网站', '指标', '疑似问题', '页面'],
          rows: m.pending.map((p, i) => [String(i + 1), p.siteName, p.indicator, officialPhrase(p.finding, tz), p.finding.url ?? '—']),
          numeric: [0],
          widths: [7, 19, 16, 30, 28],
          urls: [4],
        },
      ],
    });
  }
  const figures = screenshotFigures(m, tz);
  if (figures.length) {
    annexes.push({
      label: `附件${annexes.length + 1}`,
      title: '问题截图',
      body: [{ type: 'p', text: '以下为部分问题在检查时的网页截图，红框标出问题位置；截图中的个人信息已遮盖。其余问题的截图见各网站检查报告。' }, ...figures],
    });
  }
  body.push({ type: 'p', text: `附件：${annexes.map((a, i) => `${annexes.length > 1 ? `${i + 1}. ` : ''}${a.title}`).join('\n　　　')}` });
  return {
    issuer: m.issuer,
    docNumber: m.docNumber,
    title: m.title,
    recipients: `${m.recipients}：`,
    body,
    sign: { issuer: m.issuer, date: m.issuedOnText },
    record: { copyTo: m.copyTo, printedBy: m.printedBy, printedOn: m.printedOnText },
    annex: results,
    annexes,
    draft,
    ...(draft ? { draftAnnex: annexes[1].label } : {}),
  };
}

/** Pictures for the annex: unreviewed veto-level findings (draft), fired vetoes, then the worst cases; at most 10. */
function screenshotFigures(m: BulletinModel, tz: string): Block[] {
  const seen = new Set<string>();
  const out: Block[] = [];
  const add = (siteName: string, f: BulletinModel['sites'][number]['findings'][number], note = '') => {
    if (!f.screenshot || seen.has(f.identity) || out.length >= 10) return;
    seen.add(f.identity);
    out.push({ type: 'figure', caption: `图${out.length + 1}　${siteLabel(siteName)}：${officialPhrase(f, tz)}${note}`, path: f.screenshot });
  };
  for (const p of m.pending) add(p.siteName, p.finding, '（待复核）');
  for (const c of m.sites) for (const f of c.findings) if (f.indicators.some((i) => c.vetoes.includes(i))) add(c.siteName, f);
  for (const p of m.problems) for (const w of p.worst) for (const e of w.examples) add(w.siteName, e.finding);
  return out;
}

function comparison(o: BulletinOverview, prev: BulletinOverview | null): string {
  if (!prev) return '上月无检测数据，暂不作比较。';
  const dRate = Math.round((o.passRate - prev.passRate) * 10) / 10;
  const dAvg = Math.round((o.averageScore - prev.averageScore) * 10) / 10;
  const rate = dRate === 0 ? '合格率与上月持平' : `合格率较上月${dRate > 0 ? '上升' : '下降'}${Math.abs(dRate)}个百分点`;
  const avg = dAvg === 0 ? '平均得分与上月持平' : `平均得分较上月${dAvg > 0 ? '提高' : '降低'}${Math.abs(dAvg)}分`;
  return `与上月（抽查${prev.sitesChecked}个，合格率${prev.passRate}%，平均得分${prev.averageScore}分）相比，${rate}，${avg}。`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
