// The bulletin as HTML in official-document style (GB/T 9704 layout on A4: red issuer line, centred title in
// a Song face, body in a FangSong/Song face at 16pt, annex on its own page). Also what Chromium prints to PDF.
import { esc } from '../html/escape.ts';
import type { Block, BulletinDocument } from './document.ts';

/** The page; every text is escaped. */
export function renderBulletinHtml(doc: BulletinDocument): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${bulletinCss}</style></head>
<body><main class="doc">
${renderBulletinBody(doc)}
</main></body></html>
`;
}

/** The document without the page around it (the dashboard wraps it in its layout). */
export function renderBulletinBody(doc: BulletinDocument): string {
  return `<div class="redhead">${esc(doc.issuer)}</div>
<hr class="redline">
<h1>${titleHtml(doc.title)}</h1>
<p class="to">${esc(doc.recipients)}</p>
${doc.body.map(renderBlock).join('\n')}
<div class="sign"><p>${esc(doc.sign.issuer)}</p><p>${esc(doc.sign.date)}</p></div>
<section class="annex">
<p class="annex-label">${esc(doc.annex.label)}</p>
<h1 class="annex-title">${esc(doc.annex.title)}</h1>
${doc.annex.body.map(renderBlock).join('\n')}
</section>`;
}

/** The title, breakable only between its phrases (before 抽查情况的通报), as official titles are set. */
function titleHtml(title: string): string {
  const m = /^(.+?政府网站)(.+)$/.exec(title);
  return m ? `<span>${esc(m[1])}</span><span>${esc(m[2])}</span>` : esc(title);
}

function renderBlock(b: Block): string {
  switch (b.type) {
    case 'h2':
      return `<h2>${esc(b.text)}</h2>`;
    case 'h3':
      return `<h3>${esc(b.text)}</h3>`;
    case 'p':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ol class="cases">${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>`;
    case 'table':
      return `<table class="${b.id}" id="${b.id}"><colgroup>${b.widths.map((w) => `<col width="${w}%">`).join('')}</colgroup><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${b.numeric.includes(i) ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
        .join('\n')}</tbody></table>`;
  }
}

export const bulletinCss = `
body{margin:0;background:#fff;color:#000;font-family:"FangSong","仿宋_GB2312","STFangsong","Noto Serif CJK SC","Noto Serif SC","SimSun",serif;font-size:16pt;line-height:1.75}
.doc{max-width:170mm;margin:0 auto;padding:12mm 6mm}
.redhead{color:#d00;font-family:"方正小标宋简体","Noto Serif CJK SC","SimSun",serif;font-weight:900;font-size:26pt;text-align:center;letter-spacing:.08em;line-height:1.3}
hr.redline{border:0;border-top:2px solid #d00;margin:4mm 0 8mm}
h1{font-family:"方正小标宋简体","Noto Serif CJK SC","SimSun",serif;font-weight:700;font-size:22pt;text-align:center;line-height:1.4;margin:0 0 6mm}
h1 span{display:inline-block}
h2{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-weight:700;font-size:16pt;margin:4mm 0 0;text-indent:2em;border:0;padding:0}
h3{font-family:"楷体_GB2312","KaiTi","Noto Serif CJK SC",serif;font-weight:700;font-size:16pt;margin:2mm 0 0;text-indent:2em}
p{margin:0;text-indent:2em;text-align:justify}
p.to{text-indent:0}
ol.cases{margin:0 0 0 2em;padding-left:1.6em;font-size:14pt}
ol.cases li{overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:12pt;line-height:1.5;margin:3mm 0;font-family:"Noto Sans CJK SC","SimHei",sans-serif}
th,td{border:1px solid #000;padding:1mm 2mm;text-align:center;vertical-align:middle;overflow-wrap:anywhere}
td{text-align:left}td.num{text-align:center}
th{font-weight:700;background:#f2f2f2}
.sign{margin:12mm 0 0 auto;width:fit-content;text-align:center}.sign p{text-indent:0}
.annex-label{break-before:page;text-indent:0;font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif}
.annex-title{font-size:18pt}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
@media print{.doc{max-width:none;padding:0}tr{break-inside:avoid}h2,h3{break-after:avoid}th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@media screen and (max-width:600px){body{font-size:13pt}.doc{padding:4mm}.redhead{font-size:18pt}h1{font-size:17pt}table{font-size:10pt}}
`;
