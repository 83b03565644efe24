// The stylesheet of the HTML reports (scorecards, unit scorecards) and the dashboard: readable on a 390 px phone
// without sideways scrolling (charts scale by viewBox, wide tables scroll inside their box, URLs break anywhere),
// printable on A4. Served as a file by the dashboard (strict CSP), inlined in the standalone report files.

export const reportCss = `
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#222;background:#fff;line-height:1.6;-webkit-text-size-adjust:100%}
main{max-width:980px;margin:0 auto;padding:12px 16px 32px;overflow-wrap:break-word}
h1{font-size:1.45em;margin:.2em 0;line-height:1.3}h2{border-bottom:2px solid #b00;padding-bottom:4px;font-size:1.15em;margin-top:1.6em}
h3{font-size:1.02em;margin:1.2em 0 .3em}
a{color:#1a5fb4}
.meta{color:#555;font-size:.9em;margin:.2em 0}
.verdict{display:inline-flex;align-items:baseline;gap:.3em;padding:.3em .9em;border-radius:6px;margin:.5em 0}
.verdict .score{font-size:2.4em;font-weight:bold;line-height:1}.verdict strong{font-size:1.4em;margin-left:.6em}
.pass{background:#e6f4ea;color:#11632b}.fail{background:#fdecea;color:#a50e0e}.verdict.pending{background:#fff3c4;color:#7a4b00}
.verdict{flex-wrap:wrap;max-width:100%}.verdict strong.verdict-text{overflow-wrap:anywhere}
.veto{color:#a50e0e;font-weight:bold}.veto.pending{color:#7a4b00}.warn{background:#fff7e0;padding:.5em 1.5em;font-size:.9em}
.counts{font-size:.92em;color:#333}.counts b{font-size:1.1em}
.links{font-size:.88em}.links a{margin-right:1em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
.chart{max-width:100%}.chart svg{display:block;width:100%;height:auto}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.num,th.num{text-align:right;white-space:nowrap}
tr.bad td{background:#fff3f0}tr.pending td{background:#fff8e1}tr.nm td{color:#8a6d00}
td.st-failed,td.st-passed,td.st-vetoed{white-space:nowrap}ul.worst{margin:0;padding-left:1.2em}
.st-failed,.st-vetoed{color:#a50e0e;font-weight:bold}.st-passed{color:#11632b}.st-not-measured,.st-error{color:#8a6d00}.st-review{color:#7a4b00;font-weight:bold}.st-hint{color:#555}
.center-note{font-size:.85em;color:#555;margin-top:.2em}
.rule{font-size:.85em;color:#555;margin:.2em 0;border-left:3px solid #ddd;padding-left:.6em}
.advice{font-size:.88em;color:#11632b}
ol.findings{padding-left:1.6em}ol.findings li{margin:.5em 0;padding:.4em .5em;border-left:4px solid #ccc;word-break:break-word;overflow-wrap:anywhere}
li.sev-veto,li.sev-major{border-color:#c5221f}li.sev-minor{border-color:#e8a200}li.waived{opacity:.75;border-color:#999}
.tag{display:inline-block;font-size:.8em;padding:0 .4em;margin-right:.3em;border-radius:3px;background:#eee;white-space:nowrap}
.tag.new{background:#fde0dc;color:#a50e0e}.tag.fixed{background:#e6f4ea;color:#11632b}.tag.review{background:#fff3c4}.tag.waived{background:#e0e0e0}.tag.confirmed{background:#dbe8fb}
.id{font-size:.75em;color:#999;font-family:monospace}
code{font-size:.85em;color:#444;white-space:pre-wrap;overflow-wrap:anywhere}.url{font-size:.88em;color:#333;overflow-wrap:anywhere}
a.u{overflow-wrap:anywhere;word-break:break-all}
dl{display:grid;grid-template-columns:minmax(4em,max-content) minmax(0,1fr);gap:0 .8em;font-size:.85em;margin:.3em 0}dt{color:#666}dd{margin:0;min-width:0;overflow-wrap:anywhere}
dl.where{background:#f6f8fb;padding:.2em .5em;border-radius:4px}
figure.shot{margin:.4em 0;max-width:100%}figure.shot img{display:block;max-width:100%;height:auto;border:1px solid #ccc}figure.shot figcaption{font-size:.8em;color:#666}
p.empty{color:#777}ul.urls{padding-left:1.2em}ul.urls li{overflow-wrap:anywhere}
svg.trend{max-width:720px;display:block;margin:.5em 0}svg.spark{vertical-align:middle;max-width:100%}
.summary{display:flex;flex-wrap:wrap;gap:.6em;margin:.6em 0}.summary div{background:#f5f7fa;border-radius:6px;padding:.4em .8em;min-width:6em}
.summary b{display:block;font-size:1.4em}
nav.top{background:#8b0000;color:#fff;padding:.4em 16px;font-size:.95em}nav.top a{color:#fff;margin-right:1.2em;text-decoration:none}
nav.top .who{float:right;opacity:.85;font-size:.85em}
footer{margin-top:2em;color:#777;font-size:.8em}
@media print{nav.top,.links,.noprint{display:none}main{max-width:none;padding:0}@page{size:A4;margin:15mm}
  a{color:inherit;text-decoration:none}li,tr,svg{break-inside:avoid}h2,h3{break-after:avoid}body{font-size:10.5pt}
  .pass,.fail,.tag,th,tr.bad td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@media (max-width:600px){main{padding:8px}th,td{padding:3px}table{font-size:.82em}.verdict .score{font-size:2em}.verdict strong{font-size:1.1em;margin-left:.3em}dl{grid-template-columns:1fr}dt{margin-top:.2em}ol.findings{padding-left:1.2em}h1{font-size:1.25em}}
`;
