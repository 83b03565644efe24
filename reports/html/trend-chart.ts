// The trend chart as inline SVG drawn on the server (no script, no style attributes, so a strict CSP allows it):
// the score line (left axis, 0–100, pass mark dashed), findings per run as bars (right axis), and markers for
// new (+n) and fixed (−n) findings. One `circle.pt-score` per run.
import type { TrendPoint } from '../trend.ts';
import { esc } from './escape.ts';
import { formatDateTime } from './labels.ts';

const W = 640;
const H = 230;
const left = 36;
const right = 36;
const top = 24;
const bottom = 180;

/** The chart for points oldest first; an empty string when there is nothing to draw. */
export function renderTrendSvg(points: TrendPoint[], opts: { timezone?: string; title?: string } = {}): string {
  if (!points.length) return '';
  const tz = opts.timezone ?? 'Asia/Shanghai';
  const n = points.length;
  const step = (W - left - right) / n;
  const x = (i: number) => left + step * (i + 0.5);
  const yScore = (s: number) => bottom - ((bottom - top) * Math.max(0, Math.min(100, s))) / 100;
  const maxFindings = Math.max(1, ...points.map((p) => p.findings));
  const yCount = (c: number) => bottom - ((bottom - top) * c) / niceMax(maxFindings);
  const barW = Math.max(2, Math.min(24, step * 0.5));
  const labelEvery = Math.ceil(n / 8);
  const title = opts.title ?? '得分与问题数趋势';
  const parts: string[] = [];
  parts.push(`<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(title)}" data-points="${n}">`);
  parts.push(`<title>${esc(title)}</title>`);
  for (const s of [0, 20, 40, 60, 80, 100]) {
    const y = yScore(s);
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${f(y)}" y2="${f(y)}" stroke="${s === 60 ? '#c5221f' : '#e3e3e3'}" stroke-width="1"${s === 60 ? ' stroke-dasharray="4 3"' : ''}/>`);
    parts.push(`<text x="${left - 4}" y="${f(y + 4)}" font-size="10" text-anchor="end" fill="#666">${s}</text>`);
  }
  const cmax = niceMax(maxFindings);
  for (const c of [0, cmax / 2, cmax]) parts.push(`<text x="${W - right + 4}" y="${f(yCount(c) + 4)}" font-size="10" fill="#8a6d00">${fmt(c)}</text>`);
  points.forEach((p, i) => {
    const h = bottom - yCount(p.findings);
    parts.push(`<rect class="bar-findings" x="${f(x(i) - barW / 2)}" y="${f(bottom - h)}" width="${f(barW)}" height="${f(h)}" fill="#f3d98b"><title>${esc(`问题 ${p.findings} 个`)}</title></rect>`);
  });
  if (n > 1) parts.push(`<polyline class="line-score" fill="none" stroke="#1a5fb4" stroke-width="2" points="${points.map((p, i) => `${f(x(i))},${f(yScore(p.score))}`).join(' ')}"/>`);
  points.forEach((p, i) => {
    const when = formatDateTime(p.at, tz);
    const change = i === 0 ? '' : `，新发现 ${p.newFindings}，已整改 ${p.fixed}`;
    const pass = p.verdict === '合格';
    parts.push(
      `<circle class="pt-score" data-run="${esc(p.runId)}" cx="${f(x(i))}" cy="${f(yScore(p.score))}" r="4" fill="${pass ? '#1a5fb4' : '#c5221f'}" stroke="#fff" stroke-width="1"><title>${esc(`${when} 得分 ${p.score} ${p.verdict}，问题 ${p.findings} 个${change}`)}</title></circle>`,
    );
    if (i > 0 && p.newFindings > 0) parts.push(`<text class="mk-new" x="${f(x(i))}" y="${f(yScore(p.score) - 8)}" font-size="10" text-anchor="middle" fill="#c5221f">+${p.newFindings}</text>`);
    if (i > 0 && p.fixed > 0) parts.push(`<text class="mk-fixed" x="${f(x(i))}" y="${f(yScore(p.score) + 16)}" font-size="10" text-anchor="middle" fill="#11632b">−${p.fixed}</text>`);
    if (i % labelEvery === 0 || i === n - 1) parts.push(`<text x="${f(x(i))}" y="${bottom + 14}" font-size="10" text-anchor="middle" fill="#444">${esc(when.slice(5, 10))}</text>`);
  });
  const ly = H - 16;
  parts.push(
    `<g font-size="11" fill="#333"><line x1="${left}" x2="${left + 18}" y1="${ly}" y2="${ly}" stroke="#1a5fb4" stroke-width="2"/><text x="${left + 22}" y="${ly + 4}">得分</text>` +
      `<rect x="${left + 62}" y="${ly - 6}" width="12" height="12" fill="#f3d98b"/><text x="${left + 78}" y="${ly + 4}">问题数（右轴）</text>` +
      `<text x="${left + 170}" y="${ly + 4}" fill="#c5221f">+n 新发现</text><text x="${left + 236}" y="${ly + 4}" fill="#11632b">−n 已整改</text>` +
      `<line x1="${left + 304}" x2="${left + 322}" y1="${ly}" y2="${ly}" stroke="#c5221f" stroke-dasharray="4 3"/><text x="${left + 326}" y="${ly + 4}">合格线 60</text></g>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

/** A one-line sparkline of scores for tables (one circle per run). */
export function renderSparklineSvg(points: TrendPoint[]): string {
  if (!points.length) return '';
  const w = 96;
  const h = 24;
  const x = (i: number) => (points.length === 1 ? w / 2 : 3 + ((w - 6) * i) / (points.length - 1));
  const y = (s: number) => h - 3 - ((h - 6) * Math.max(0, Math.min(100, s))) / 100;
  const line = points.length > 1 ? `<polyline fill="none" stroke="#1a5fb4" stroke-width="1.5" points="${points.map((p, i) => `${f(x(i))},${f(y(p.score))}`).join(' ')}"/>` : '';
  const dots = points.map((p, i) => `<circle class="pt-score" cx="${f(x(i))}" cy="${f(y(p.score))}" r="2" fill="${p.verdict === '合格' ? '#1a5fb4' : '#c5221f'}"/>`).join('');
  return `<svg class="spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(`得分趋势：${points.map((p) => p.score).join('、')}`)}">${line}${dots}</svg>`;
}

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const mag = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= n) return m * mag;
  return 10 * mag;
}

function f(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
