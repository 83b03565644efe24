// The bulletin as a Word document (docx package) the center edits in Word/WPS before issuing: A4 with the
// GB/T 9704 margins, the usual official faces (方正小标宋简体 title, 仿宋_GB2312 body, 黑体/楷体 headings; Word
// substitutes what is not installed), real tables for the ranking and the annex, page numbers in the footer.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';
import type { Block, BulletinDocument } from './document.ts';

const mm = (n: number) => Math.round(n * 56.6929);
const face = (eastAsia: string): IFontAttributesProperties => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia });
const body = face('仿宋_GB2312');
const sanSong = face('方正小标宋简体');
/** Half-points: 三号 16pt, 二号 22pt, 小四 12pt. */
const size = { body: 32, title: 44, head: 52, table: 24, list: 28 };

function run(text: string, opts: { font?: IFontAttributesProperties; size?: number; bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: opts.font ?? body, size: opts.size ?? size.body, bold: opts.bold, color: opts.color });
}

function para(text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: IFontAttributesProperties; size?: number; bold?: boolean; color?: string } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    children: [run(text, opts)],
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.type) {
    case 'h2':
      return [para(b.text, { font: face('黑体') })];
    case 'h3':
      return [para(b.text, { font: face('楷体_GB2312'), bold: true })];
    case 'p':
      return [para(b.text)];
    case 'list':
      return b.items.map((item, i) => para(`${i + 1}. ${item}`, { size: size.list }));
    case 'table':
      return [table(b)];
  }
}

function table(b: Extract<Block, { type: 'table' }>): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, col: number, head: boolean) =>
    new TableCell({
      borders,
      width: { size: b.widths[col] * 50, type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: head || b.numeric.includes(col) ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, { font: face(head ? '黑体' : '仿宋_GB2312'), size: size.table, bold: head })],
        }),
      ],
    });
  return new Table({
    width: { size: 5000, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell(h, i, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** The .docx file's bytes. */
export async function renderBulletinDocx(doc: BulletinDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    para(doc.issuer, { align: AlignmentType.CENTER, indent: false, font: sanSong, size: size.head, bold: true, color: 'DD0000' }),
    new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'DD0000', space: 1 } }, children: [] }),
    para('', { indent: false }),
    para(doc.title, { align: AlignmentType.CENTER, indent: false, font: sanSong, size: size.title }),
    para('', { indent: false }),
    para(doc.recipients, { indent: false }),
    ...doc.body.flatMap(block),
    para('', { indent: false }),
    para(doc.sign.issuer, { align: AlignmentType.RIGHT, indent: false }),
    para(doc.sign.date, { align: AlignmentType.RIGHT, indent: false }),
    new Paragraph({ children: [new PageBreak()] }),
    para(doc.annex.label, { indent: false, font: face('黑体') }),
    para(doc.annex.title, { align: AlignmentType.CENTER, indent: false, font: sanSong, size: 36 }),
    ...doc.annex.body.flatMap(block),
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
