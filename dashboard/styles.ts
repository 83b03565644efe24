// The dashboard's own stylesheet (on top of the report's): navigation, forms, filters, notices, lists that fit a
// 390 px phone without sideways scrolling (tables scroll inside their box), and print without the controls.
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
form.filters label{display:flex;flex-direction:column;font-size:.9em}
form.act{display:flex;flex-wrap:wrap;gap:.3em;margin:.2em 0}
form.act input[type=text],form.act input[type=date]{min-width:0;flex:1 1 8em}
table.list td{word-break:break-word}
.exports a{margin-right:.8em}
@media (max-width:600px){table.list thead{display:none}table.list,table.list tbody,table.list tr,table.list td{display:block;width:100%}table.list tr{border-bottom:1px solid #ccc;padding:.3em 0}table.list td{border:0;padding:.1em 0}table.list td[data-label]::before{content:attr(data-label)"：";color:#555}}
@media print{nav.top,form.filters,form.act,.exports,.noprint{display:none}}
`;
