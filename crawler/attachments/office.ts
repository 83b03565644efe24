// DOCX text through mammoth and XLSX cell text through exceljs, after the ZIP guard; legacy Word 97-2003 files
// (.doc, OLE) through word-extractor (pure JavaScript); legacy .xls is recognised and left "not measured".
import mammoth from 'mammoth';
import WordExtractor from 'word-extractor';
import ExcelJS from 'exceljs';
import { inspectZip } from './zip-guard.ts';
import type { Extracted } from './pdf.ts';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Unpacked size allowed per byte of file, and at most. */
const INFLATE_RATIO = 100;
const MAX_UNPACKED = 200 * 1024 * 1024;
const MAX_ENTRIES = 5_000;

/** The file is a legacy OLE compound document (.doc, .xls, .ppt, .wps). */
export function isOleFile(body: Buffer): boolean {
  return body.length >= 8 && body.subarray(0, 8).equals(OLE_MAGIC);
}

function guard(body: Buffer, kind: 'docx' | 'xlsx'): string | null {
  if (isOleFile(body)) return `legacy binary Office file (.${kind === 'docx' ? 'doc' : 'xls'} content) is not read`;
  const check = inspectZip(body, { maxUncompressed: Math.min(MAX_UNPACKED, Math.max(1024 * 1024, body.length * INFLATE_RATIO)), maxEntries: MAX_ENTRIES });
  if (!check.ok) return `${kind.toUpperCase()} refused: ${check.reason}`;
  const marker = kind === 'docx' ? 'word/document.xml' : 'xl/workbook.xml';
  if (!check.names.includes(marker)) return `not a ${kind.toUpperCase()} file (no ${marker})`;
  return null;
}

/** Text of a legacy Word 97-2003 document (.doc): body, headers, footers, footnotes. Never throws. */
export async function docText(body: Buffer): Promise<Extracted> {
  if (!isOleFile(body)) return { notMeasured: 'not a DOC file (no OLE signature)' };
  try {
    const doc = await new WordExtractor().extract(body);
    const parts = [doc.getBody(), doc.getHeaders({ includeFooters: true }), doc.getFootnotes(), doc.getEndnotes(), doc.getTextboxes({ includeHeadersAndFooters: true, includeBody: true })];
    return { text: parts.filter(Boolean).join('\n') };
  } catch (e) {
    return { notMeasured: `DOC could not be read (${String((e as Error)?.message ?? e).slice(0, 120)})` };
  }
}

/** Raw text of a DOCX. Never throws. */
export async function docxText(body: Buffer): Promise<Extracted> {
  const refused = guard(body, 'docx');
  if (refused) return { notMeasured: refused };
  try {
    const { value } = await mammoth.extractRawText({ buffer: body });
    return { text: value };
  } catch (e) {
    return { notMeasured: `DOCX could not be read (${String((e as Error)?.message ?? e).slice(0, 120)})` };
  }
}

/** Text of every cell of every sheet of an XLSX, a row per line, cells separated by spaces. Never throws. */
export async function xlsxText(body: Buffer, maxChars: number): Promise<Extracted> {
  const refused = guard(body, 'xlsx');
  if (refused) return { notMeasured: refused };
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const lines: string[] = [];
    let size = 0;
    wb.eachSheet((sheet) => {
      sheet.eachRow({ includeEmpty: false }, (row) => {
        if (size > maxChars) return;
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell) => {
          const t = cell.text;
          if (t) cells.push(t);
        });
        const line = cells.join(' ');
        size += line.length + 1;
        lines.push(line);
      });
    });
    return { text: lines.join('\n') };
  } catch (e) {
    return { notMeasured: `XLSX could not be read (${String((e as Error)?.message ?? e).slice(0, 120)})` };
  }
}
