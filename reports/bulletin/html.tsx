/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The bulletin as HTML in official-document style (GB/T 9704 layout on A4: red issuer line with the 文号 under it,
// centred title in a Song face broken between phrases, body in a FangSong face at 16pt, 版记 at the end, annexes
// on their own pages). Also what Chromium prints to PDF. Built with hono/jsx: every text is escaped; URLs get break
// opportunities (<wbr>) so they wrap at / ? & = instead of mid-word or not at all.
import type { Child } from 'hono/jsx';
import { documentHtml, ReportPage, toHtml } from '../html/page.tsx';
import type { Block, BulletinAnnex, BulletinDocument } from './document.ts';

/** The page; every text is escaped. */
export function renderBulletinHtml(doc: BulletinDocument, opts: BulletinHtmlOptions = {}): string {
  return documentHtml(
    <ReportPage title={doc.title} css={bulletinCss} mainClass="doc">
      <BulletinBody doc={doc} images={opts.images} />
    </ReportPage>,
  );
}

export interface BulletinHtmlOptions {
  /** Screenshot sources (data: URIs or links) by figure path; a figure without one shows its caption only. */
  images?: Map<string, string>;
}

/** The document without the page around it (the dashboard wraps it in its layout). */
export function renderBulletinBody(doc: BulletinDocument, opts: BulletinHtmlOptions = {}): string {
  return toHtml(<BulletinBody doc={doc} images={opts.images} />);
}

const urlPattern = /https?:\/\/[^\s（）()，。；、“”]+/g;

/** Text with URLs given break opportunities after / ? & = . and before long runs. */
export function Breakable(props: { text: string }): Child {
  const out: Child[] = [];
  let last = 0;
  for (const m of props.text.matchAll(urlPattern)) {
    if (m.index! > last) out.push(props.text.slice(last, m.index));
    const pieces = m[0].split(/(?<=[/?&=._-])/);
    pieces.forEach((p, i) => {
      if (i > 0) out.push(<wbr />);
      out.push(p);
    });
    last = m.index! + m[0].length;
  }
  if (last < props.text.length) out.push(props.text.slice(last));
  return <>{out}</>;
}

/** The title broken only between its phrases (before 抽查情况的通报), as official titles are set. */
function Title(props: { title: string; class?: string }) {
  const m = /^(.+?政府网站)(.+)$/.exec(props.title);
  return <h1 class={props.class}>{m ? [<span>{m[1]}</span>, <span>{m[2]}</span>] : props.title}</h1>;
}

function BlockView(props: { b: Block; images?: Map<string, string> }): Child {
  const b = props.b;
  switch (b.type) {
    case 'figure': {
      const src = props.images?.get(b.path);
      return (
        <figure class="shot">
          {src ? <img src={src} alt={b.caption} /> : <p class="no-image">（截图见该网站检查报告）</p>}
          <figcaption>{b.caption}</figcaption>
        </figure>
      );
    }
    case 'h2':
      return <h2>{b.text}</h2>;
    case 'h3':
      return <h3>{b.text}</h3>;
    case 'p':
      return (
        <p>
          {b.text.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              <Breakable text={line} />
            </>
          ))}
        </p>
      );
    case 'list':
      return (
        <ol class="cases">
          {b.items.map((i) => (
            <li><Breakable text={i} /></li>
          ))}
        </ol>
      );
    case 'table':
      return (
        <table class={b.id} id={b.id}>
          <colgroup>
            {b.widths.map((w) => (
              <col width={`${w}%`} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {b.head.map((h) => (
                <th>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr>
                {r.map((c, i) => (
                  <td class={b.numeric.includes(i) ? 'num' : b.urls?.includes(i) ? 'url' : undefined}>{b.urls?.includes(i) ? <Breakable text={c} /> : c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

function Annex(props: { annex: BulletinAnnex; images?: Map<string, string> }) {
  return (
    <section class="annex">
      <p class="annex-label">{props.annex.label}</p>
      <Title title={props.annex.title} class="annex-title" />
      {props.annex.body.map((b) => (
        <BlockView b={b} images={props.images} />
      ))}
    </section>
  );
}

export function BulletinBody(props: { doc: BulletinDocument; images?: Map<string, string> }) {
  const { doc } = props;
  return (
    <>
      {doc.draft ? <p class="draft-mark">（草稿：尚有待复核事项，见{doc.draftAnnex}，复核完成前不得印发）</p> : null}
      <div class="redhead">{doc.issuer}</div>
      {doc.docNumber ? <p class="docno">{doc.docNumber}</p> : null}
      <hr class="redline" />
      <Title title={doc.title} />
      <p class="to">{doc.recipients}</p>
      {doc.body.map((b) => (
        <BlockView b={b} />
      ))}
      <div class="sign">
        <p>{doc.sign.issuer}</p>
        <p>{doc.sign.date}</p>
      </div>
      <div class="record">
        {doc.record.copyTo ? <p class="copyto">抄送：{doc.record.copyTo}</p> : null}
        <p class="printed">
          <span>{doc.record.printedBy}</span>
          <span>{doc.record.printedOn}印发</span>
        </p>
      </div>
      {doc.annexes.map((a) => (
        <Annex annex={a} images={props.images} />
      ))}
    </>
  );
}

export const bulletinCss = `
body{margin:0;background:#fff;color:#000;font-family:"FangSong","仿宋_GB2312","STFangsong","Noto Serif CJK SC","Noto Serif SC","SimSun",serif;font-size:16pt;line-height:1.75}
.doc{max-width:170mm;margin:0 auto;padding:12mm 6mm;overflow-wrap:break-word}
.draft-mark{color:#a50e0e;font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-size:12pt;text-indent:0;text-align:center;border:1px dashed #a50e0e;padding:1mm;margin:0 0 4mm}
.redhead{color:#d00;font-family:"方正小标宋简体","Noto Serif CJK SC","SimSun",serif;font-weight:900;font-size:26pt;text-align:center;letter-spacing:.08em;line-height:1.3}
p.docno{text-align:center;text-indent:0;margin:6mm 0 0}
hr.redline{border:0;border-top:2px solid #d00;margin:4mm 0 8mm}
h1{font-family:"方正小标宋简体","Noto Serif CJK SC","SimSun",serif;font-weight:700;font-size:22pt;text-align:center;line-height:1.4;margin:0 0 6mm}
h1 span{display:inline-block}
h2{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-weight:700;font-size:16pt;margin:4mm 0 0;text-indent:2em;border:0;padding:0}
h3{font-family:"楷体_GB2312","KaiTi","Noto Serif CJK SC",serif;font-weight:700;font-size:16pt;margin:2mm 0 0;text-indent:2em}
p{margin:0;text-indent:2em;text-align:justify}
p.to{text-indent:0}
ol.cases{margin:0 0 0 2em;padding-left:1.6em;font-size:14pt}
ol.cases li{text-align:left;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:12pt;line-height:1.5;margin:3mm 0;font-family:"Noto Sans CJK SC","SimHei",sans-serif}
th,td{border:1px solid #000;padding:1mm 1.5mm;text-align:center;vertical-align:middle;overflow-wrap:anywhere}
td{text-align:left}td.num{text-align:center;white-space:nowrap}td.url{font-size:10.5pt}
th{font-weight:700;background:#f2f2f2}
.sign{margin:12mm 0 0 auto;width:fit-content;text-align:center;break-inside:avoid}.sign p{text-indent:0}
.record{margin-top:14mm;border-top:1px solid #000;border-bottom:1px solid #000;font-size:14pt}
.record p{text-indent:0;margin:0;padding:1mm 1em}.record .copyto{border-bottom:1px solid #000}
.record .printed{display:flex;justify-content:space-between;flex-wrap:wrap}
.annex-label{break-before:page;text-indent:0;font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;margin-top:8mm}
.annex-title{font-size:18pt}
.annex h3{text-indent:0}
figure.shot{margin:4mm 0;break-inside:avoid;text-align:center}figure.shot img{max-width:100%;height:auto;border:1px solid #999}
figure.shot figcaption{font-size:12pt;line-height:1.5;text-align:center;font-family:"楷体_GB2312","KaiTi","Noto Serif CJK SC",serif}p.no-image{text-indent:0;font-size:12pt;color:#555}
@page{size:A4;margin:37mm 26mm 35mm 28mm}
@media print{.doc{max-width:none;padding:0}tr{break-inside:avoid}h2,h3{break-after:avoid}th{-webkit-print-color-adjust:exact;print-color-adjust:exact}.record{break-inside:avoid}}
@media screen and (max-width:600px){body{font-size:13pt}.doc{padding:4mm}.redhead{font-size:18pt;letter-spacing:0}h1{font-size:17pt}h2,h3,p{text-indent:0}table{font-size:9pt;table-layout:auto}th,td{padding:.5mm}ol.cases{margin-left:0;font-size:12pt}.sign{margin-right:0}}
`;
