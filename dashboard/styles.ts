// The dashboard's own stylesheet (on top of the report's): navigation, forms, notices, and the shared lists
// (dashboard/list.tsx): filters that wrap, tables that become stacked cards on a narrow phone (no sideways scrolling
// at 390 px), and print without navigation, filters, buttons or export links, with table borders, the header row
// repeated on each page and no row split across pages. Plain CSS (flex at most) for an old office browser.
export const dashboardCss = `
nav.top{display:flex;flex-wrap:wrap;gap:.3em .9em;align-items:center}
nav.top form.inline,form.inline{display:inline;margin:0}
button.link{background:none;border:0;padding:0;color:#0645ad;text-decoration:underline;cursor:pointer;font:inherit}
.notice{background:#eef7ee;border:1px solid #9c9;padding:.5em .8em}
p.veto.pending,.st-pending{color:#a15c00}
form.signin{display:flex;flex-direction:column;gap:.6em;max-width:22em}
form.signin label{display:flex;flex-direction:column}
input,select,textarea,button{font:inherit;max-width:100%;box-sizing:border-box}
form.filters{display:flex;flex-wrap:wrap;gap:.4em .8em;align-items:flex-end;margin:.6em 0}
form.filters label{display:flex;flex-direction:column;font-size:.9em;max-width:100%}
form.filters select{max-width:16em}
form.filters a.reset{font-size:.9em;align-self:center}
form.act{display:flex;flex-wrap:wrap;gap:.3em;margin:.2em 0}
form.act input[type=text],form.act input[type=date]{min-width:0;flex:1 1 8em}
table.list td{word-break:break-word;overflow-wrap:anywhere}
table.list td.num,table.list th.num{text-align:right}
.exports{margin:.3em 0 .6em}
.exports a{margin-left:.8em}
.exports .count{font-weight:bold}
p.empty{padding:.6em 0}
.printonly{display:none}
@media screen and (max-width:600px){
table.list{font-size:.9em}
table.list thead{display:none}
table.list,table.list tbody,table.list tr,table.list td{display:block;width:auto}
table.list tr{border:1px solid #ccc;border-radius:4px;margin:0 0 .6em;padding:.3em .5em}
table.list tr.bad{border-left:4px solid #c00}
table.list td{border:0;padding:.15em 0;text-align:left}
table.list td.num{text-align:left}
table.list td[data-label]::before{content:attr(data-label)"：";color:#555}
table.list td:empty{display:none}
form.filters label{flex:1 1 9em;min-width:0}
form.filters select,form.filters input{width:100%;max-width:100%}
}
@media print{
nav.top,form.filters,form.act,.exports a,.exports .meta,.noprint,button,.notice,main>p.warn{display:none}
.printonly{display:block}
a{color:#000;text-decoration:none}
.scroll{overflow:visible}
table.list{border-collapse:collapse;width:100%;font-size:9pt}
table.list th,table.list td{border:1px solid #000;padding:2px 4px}
table.list thead{display:table-header-group}
table.list tr,table.list td{page-break-inside:avoid;break-inside:avoid}
}
`;
