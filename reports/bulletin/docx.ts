// The bulletin as a Word document (docx package) the center edits in Word/WPS before issuing: A4 with the
// GB/T 9704 margins, the usual official faces (方正小标宋简体 title, 仿宋_GB2312 body, 黑体/楷体 headings; Word
// substitutes what is not installed), the 文号 under the red head, real tables with fixed column widths (wide enough
// for 不合格), the 版记, page numbers in the footer. The title is broken by hand between its phrases (no lone
// character on a line); paragraphs that carry URLs are left-aligned and the URLs get zero-width break opportunities,
// so justified lines are never stretched around an unbreakable address.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';
import type { Block, BulletinAnnex, BulletinDocument } from './document.ts';

const mm = (n: number) => Math.round(n * 56.6929);
const face = (eastAsia: string): IFontAttributesProperties => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const body = face('仿宋_GB2312');
const sanSong = face('方正小标宋简体');
/** Half-points: 三号 16pt, 二号 22pt, 小四 12pt, 四号 14pt. */
const size = { body: 32, title: 44, head: 52, table: 24, list: 28, record: 28, annexTitle: 36 };
/** Text width: A4 210 mm less the 28 mm and 26 mm margins. */
const textWidth = mm(210 - 28 - 26);

const urlPattern = /https?:\/\/[^\s（）()，。；、“”]+/g;
const ZWSP = '\u200b';

/** URLs with zero-width spaces after / ? & = . _ - so Word can wrap them. */
export function breakUrls(text: string): string {
  return text.replace(urlPattern, (u) => u.replace(/([/?&=._-])/g, `$1${ZWSP}`));
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function run(text: string, opts: { font?: IFontAttributesProperties; size?: number; bold?: boolean; color?: string; breakBefore?: boolean } = {}): TextRun {
  return new TextRun({ text, font: opts.font ?? body, size: opts.size ?? size.body, bold: opts.bold, color: opts.color, break: opts.breakBefore ? 1 : undefined });
}

function para(text: string, opts: { indent?: boolean; align?: Align; font?: IFontAttributesProperties; size?: number; bold?: boolean; color?: string } = {}): Paragraph {
  const hasUrl = urlPattern.test(text);
  urlPattern.lastIndex = 0;
  const lines = breakUrls(text).split('\n');
  return new Paragraph({
    alignment: opts.align ?? (hasUrl ? AlignmentType.LEFT : AlignmentType.JUSTIFIED),
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    children: lines.map((l, i) => run(l, { ...opts, breakBefore: i > 0 })),
  });
}

/** A title set on lines broken between phrases: `关于…政府网站` / `抽查情况的通报`. */
function titleParagraph(title: string, fontSize: number): Paragraph {
  const m = /^(.+?政府网站)(.+)$/.exec(title);
  const lines = m ? [m[1], m[2]] : [title];
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: fontSize * 16, lineRule: 'exact' },
    keepLines: true,
    children: lines.map((l, i) => run(l, { font: sanSong, size: fontSize, breakBefore: i > 0 })),
  });
}

/** PNG width and height from its header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function block(b: Block, images?: Map<string, Buffer>): (Paragraph | Table)[] {
  switch (b.type) {
    case 'figure': {
      const png = images?.get(b.path);
      const caption = new Paragraph({ alignment: AlignmentType.CENTER, keepLines: true, children: [run(b.caption, { font: face('楷体_GB2312'), size: size.table })] });
      if (!png || png.length < 24 || png.subarray(1, 4).toString() !== 'PNG') return [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('（截图见该网站检查报告）', { size: size.table })] }), caption];
      const { width, height } = pngSize(png);
      const w = Math.min(560, width);
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [new ImageRun({ type: 'png', data: png, transformation: { width: w, height: Math.round((height * w) / width) } })] }),
        caption,
      ];
    }
    case 'h2':
      return [para(b.text, { font: face('黑体') })];
    case 'h3':
      return [para(b.text, { font: face('楷体_GB2312'), bold: true })];
    case 'p':
      return [para(b.text)];
    case 'list':
      return b.items.map((item, i) => para(`${i + 1}. ${item}`, { size: size.list, align: AlignmentType.LEFT }));
    case 'table':
      return [table(b)];
  }
}

function table(b: Extract<Block, { type: 'table' }>): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const total = b.widths.reduce((s, w) => s + w, 0);
  const widths = b.widths.map((w) => Math.floor((textWidth * w) / total));
  const cell = (text: string, col: number, head: boolean) =>
    new TableCell({
      borders,
      width: { size: widths[col], type: WidthType.DXA },
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: head || b.numeric.includes(col) ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(b.urls?.includes(col) ? breakUrls(text) : text, { font: face(head ? '黑体' : '仿宋_GB2312'), size: b.urls?.includes(col) && !head ? 21 : size.table, bold: head })],
        }),
      ],
    });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.head.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

function annex(a: BulletinAnnex, images?: Map<string, Buffer>): (Paragraph | Table)[] {
  return [
    new Paragraph({ children: [new PageBreak()] }),
    para(a.label, { indent: false, font: face('黑体') }),
    titleParagraph(a.title, size.annexTitle),
    para('', { indent: false }),
    ...a.body.flatMap((b) => block(b, images)),
  ];
}

/** The 版记: 抄送 and 印发机关/印发日期 between rules, at the end of the main text. */
function record(doc: BulletinDocument): (Paragraph | Table)[] {
  const line = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const out: Paragraph[] = [];
  if (doc.record.copyTo) out.push(new Paragraph({ border: { top: line }, indent: { left: 320, right: 320 }, children: [run(`抄送：${doc.record.copyTo}`, { size: size.record })] }));
  out.push(
    new Paragraph({
      border: { top: line, bottom: line },
      indent: { left: 320, right: 320 },
      tabStops: [{ type: 'right', position: textWidth - 640 }],
      children: [run(doc.record.printedBy, { size: size.record }), run(`\t${doc.record.printedOn}印发`, { size: size.record })],
    }),
  );
  return out;
}

/** The .docx file's bytes. */
export async function renderBulletinDocx(doc: BulletinDocument, opts: { images?: Map<string, Buffer> } = {}): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    ...(doc.draft ? [para(`（草稿：尚有待复核事项，见${doc.draftAnnex}，复核完成前不得印发）`, { align: AlignmentType.CENTER, indent: false, size: 24, color: 'A50E0E' })] : []),
    para(doc.issuer, { align: AlignmentType.CENTER, indent: false, font: sanSong, size: size.head, bold: true, color: 'DD0000' }),
    ...(doc.docNumber ? [para('', { indent: false }), para(doc.docNumber, { align: AlignmentType.CENTER, indent: false })] : []),
    new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'DD0000', space: 1 } }, children: [] }),
    para('', { indent: false }),
    titleParagraph(doc.title, size.title),
    para('', { indent: false }),
    para(doc.recipients, { indent: false }),
    ...doc.body.flatMap((b) => block(b)),
    para('', { indent: false }),
    para(doc.sign.issuer, { align: AlignmentType.RIGHT, indent: false }),
    para(doc.sign.date, { align: AlignmentType.RIGHT, indent: false }),
    para('', { indent: false }),
    ...record(doc),
    ...doc.annexes.flatMap((a) => annex(a, opts.images)),
  ];
  const document = new Document({
    creator: doc.issuer,
    title: doc.title,
    description: doc.title,
    styles: { default: { document: { run: { font: body, size: size.body } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28 })] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
