// The bulletin's wording as a sequence of blocks (paragraphs, headings, tables), in the official-document order:
// title, addressees, 总体情况, unit ranking, 存在问题, 整改要求, signature, annex. The HTML/PDF and DOCX renderers
// draw the same blocks, so the Word file the center edits says exactly what the PDF says.
import { isScored } from '../rescore.ts';
import type { BulletinModel, BulletinOverview } from './model.ts';

export type Block =
  | { type: 'h2'; text: string }
  | { type: 'h3'; text: string }
  | { type: 'p'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; id: 'ranking' | 'annex'; head: string[]; rows: string[][]; numeric: number[]; widths: number[] };

export interface BulletinDocument {
  issuer: string;
  title: string;
  recipients: string;
  body: Block[];
  sign: { issuer: string; date: string };
  annex: { label: string; title: string; body: Block[] };
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** The document for a model. */
export function bulletinDocument(m: BulletinModel): BulletinDocument {
  const o = m.overview;
  const body: Block[] = [];
  body.push({
    type: 'p',
    text: `根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）和区政府办公室有关工作要求，${m.issuer}对${m.scope}政府网站开展了${m.month.label}抽查。现将有关情况通报如下：`,
  });
  body.push({ type: 'h2', text: '一、总体情况' });
  body.push({
    type: 'p',
    text:
      `本月共抽查政府网站${o.sitesChecked}个（自动检测${m.runs.count}次，以各网站当月最后一次检测结果为准），其中合格${o.passed}个、不合格${o.failed}个，合格率${o.passRate}%，平均得分${o.averageScore}分` +
      `${o.vetoed ? `；${o.vetoed}个网站存在单项否决问题` : ''}。${comparison(o, m.previous)}` +
      (m.notChecked.length ? `另有${m.notChecked.length}个网站本月未完成检测（${m.notChecked.map((s) => s.name).join('、')}），不计入上述统计。` : ''),
  });
  if (m.availability.size) {
    const all = [...m.availability.values()];
    const probes = all.reduce((n, a) => n + a.probes, 0);
    const up = Math.floor(((probes - all.reduce((n, a) => n + a.failed, 0)) / probes) * 1000) / 10;
    const unstable = m.sites.filter((c) => { const a = m.availability.get(c.siteId); return a && a.failed / a.probes >= m.unstableRate; });
    body.push({
      type: 'p',
      text: `本月对${m.availability.size}个网站首页进行可用性监测${probes}次，总体可用率${up}%` + (unstable.length ? `；首页无法访问比例超过${round(m.unstableRate * 100)}%的网站：${unstable.map((c) => `${c.siteName}（可用率${m.availability.get(c.siteId)!.upRate}%）`).join('、')}。` : '，各网站首页访问稳定。'),
    });
  }
  const failed = m.sites.filter((c) => c.verdict !== '合格');
  if (failed.length) {
    body.push({
      type: 'p',
      text: `不合格网站：${failed
        .map((c) => `${c.siteName}（${c.unit}，${c.vetoes.length ? `单项否决：${c.vetoes.map((v) => c.indicators.find((i) => i.id === v)?.name ?? v).join('、')}` : `得分${c.score}分`}）`)
        .join('；')}。`,
    });
  }
  body.push({ type: 'h2', text: '二、各单位得分排名' });
  body.push({ type: 'p', text: '按各单位所属网站平均得分排序（得分相同的并列），详见下表。' });
  body.push({
    type: 'table',
    id: 'ranking',
    head: ['排名', '单位', '网站数', '平均得分', '合格网站', '问题数'],
    rows: m.units.map((u) => [String(u.rank), u.unit, String(u.cards.length), String(u.averageScore), `${u.passed}/${u.cards.length}`, String(u.findings)]),
    numeric: [0, 2, 3, 4, 5],
    widths: [8, 44, 10, 13, 13, 12],
  });
  body.push({ type: 'h2', text: '三、存在问题' });
  if (!m.problems.length) body.push({ type: 'p', text: '本月抽查未发现计分问题。' });
  m.problems.forEach((p, i) => {
    const veto = p.kind === 'veto' ? (p.vetoedSites ? `（单项否决指标，${p.vetoedSites}个网站触发否决）` : '（单项否决指标，未达否决条件）') : '';
    body.push({ type: 'h3', text: `（${numerals[i] ?? i + 1}）${p.name}${veto}` });
    body.push({ type: 'p', text: `共${p.sites}个网站存在此类问题，合计${p.findings}个。问题较多的网站：` });
    body.push({
      type: 'list',
      items: p.worst.map((w) => `${w.siteName}（${w.unit}）${w.count}个，如：${w.examples.map((e) => `${e.message}${e.url ? `（${e.url}）` : ''}`).join('；')}${w.count > w.examples.length ? '等' : ''}。`),
    });
  });
  body.push({ type: 'h2', text: '四、整改要求' });
  body.push({
    type: 'p',
    text: `（一）请存在问题的单位对照本通报和各网站检查报告逐项整改，于${m.deadlineText}完成整改，并将整改情况报${m.issuer}。`,
  });
  body.push({ type: 'p', text: '（二）被单项否决或得分低于60分的网站，主办单位要立即组织整改，整改完成前应加强人工巡查，防止问题反复出现。' });
  body.push({ type: 'p', text: '（三）各单位要落实网站日常监测和内容保障责任，及时更新信息、修复失效链接，对“我为政府网站找错”平台转办的网民留言在2个工作日内办理答复，对公开信息中的个人信息做好去标识化处理。' });
  body.push({ type: 'p', text: '附件：' + `${m.month.label}${m.scope}政府网站检查结果` });
  const withAvailability = m.availability.size > 0;
  const annexRows = m.sites.map((c, i) => [
    String(i + 1),
    c.siteName,
    c.unit,
    String(c.score),
    c.verdict,
    String(c.findings.filter(isScored).length),
    ...(withAvailability ? [m.availability.has(c.siteId) ? `${m.availability.get(c.siteId)!.upRate}%` : '—'] : []),
    c.vetoes.map((v) => c.indicators.find((x) => x.id === v)?.name ?? v).join('、') || '—',
  ]);
  for (const s of m.notChecked) annexRows.push([String(annexRows.length + 1), s.name, s.unit, '—', '未检测', '—', ...(withAvailability ? ['—'] : []), '—']);
  const annexTable: Block = withAvailability
    ? { type: 'table', id: 'annex', head: ['序号', '网站名称', '主办单位', '得分', '结论', '问题数', '首页可用率', '单项否决'], rows: annexRows, numeric: [0, 3, 5, 6], widths: [6, 24, 21, 8, 9, 8, 11, 13] }
    : { type: 'table', id: 'annex', head: ['序号', '网站名称', '主办单位', '得分', '结论', '问题数', '单项否决'], rows: annexRows, numeric: [0, 3, 5], widths: [7, 27, 24, 9, 10, 9, 14] };
  return {
    issuer: m.issuer,
    title: m.title,
    recipients: `${m.recipients}：`,
    body,
    sign: { issuer: m.issuer, date: m.issuedOnText },
    annex: {
      label: '附件',
      title: `${m.month.label}${m.scope}政府网站检查结果`,
      body: [
        annexTable,
        { type: 'p', text: `说明：得分满分100分，单项否决指标任一项不达标或得分低于60分为不合格；问题数不含待复核和已豁免的问题${withAvailability ? '；首页可用率为本月首页监测中正常访问的比例' : ''}。` },
      ],
    },
  };
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
