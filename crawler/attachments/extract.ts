// Attachment format by URL extension and file signature, and text extraction for the formats read (PDF, DOCX,
// XLSX, legacy DOC), bounded in time and length. Legacy .xls and WPS formats are "not measured" with the reason.
import type { AttachmentFormat } from '../../contract/artifacts/attachments.ts';
import { docText, docxText, isOleFile, xlsxText } from './office.ts';
import { pdfText, type Extracted } from './pdf.ts';

const EXTENSIONS: Record<string, AttachmentFormat> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', doc: 'doc', xls: 'xls', wps: 'other', et: 'other' };

/** The attachment format a URL names by its extension, or null when it is not an attachment this reads. */
export function formatOfUrl(url: string): AttachmentFormat | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\.([a-z0-9]{2,4})$/i.exec(path);
  return m ? (EXTENSIONS[m[1].toLowerCase()] ?? null) : null;
}

export interface ExtractOptions {
  timeoutMs: number;
  maxChars: number;
  signal?: AbortSignal;
}

export type ExtractResult = { text: string; truncated?: boolean; pageStarts?: number[] } | { notMeasured: string };

/** Extracts the text of a downloaded attachment. Never throws; whitespace collapsed, capped at `maxChars`. */
export async function extractText(format: AttachmentFormat, body: Buffer, opts: ExtractOptions): Promise<ExtractResult> {
  let out: Extracted;
  if (format === 'xls') out = { notMeasured: 'legacy .xls format is not read (no well-kept parser)' };
  else if (format === 'doc') out = isOleFile(body) ? await withTimeout(docText(body), opts.timeoutMs) : await withTimeout(docxText(body), opts.timeoutMs);
  else if (format === 'other') out = { notMeasured: 'WPS/ET format is not read' };
  else if (format === 'pdf') out = await pdfText(body, opts);
  else if (isOleFile(body)) out = { notMeasured: `legacy binary Office content under a .${format} name is not read` };
  else out = await withTimeout(format === 'docx' ? docxText(body) : xlsxText(body, opts.maxChars), opts.timeoutMs);
  if ('notMeasured' in out) return out;
  const { text, pageStarts } = format === 'pdf' ? collapsePages(out.text) : { text: collapse(out.text), pageStarts: [] };
  const kept = pageStarts.filter((s) => s < opts.maxChars);
  const pages = kept.length ? { pageStarts: kept } : {};
  return text.length > opts.maxChars ? { text: text.slice(0, opts.maxChars), truncated: true, ...pages } : { text, ...pages };
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** pdftotext's pages (each ends with a form feed) collapsed into one text, with the offset where each page after the first starts. */
function collapsePages(raw: string): { text: string; pageStarts: number[] } {
  const pages = raw.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  let text = '';
  const pageStarts: number[] = [];
  pages.forEach((p, i) => {
    const t = collapse(p);
    if (i > 0) pageStarts.push(text.length + (text && t ? 1 : 0));
    if (t) text = text ? `${text} ${t}` : t;
  });
  return { text, pageStarts };
}

async function withTimeout(work: Promise<Extracted>, ms: number): Promise<Extracted> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Extracted>((resolve) => {
    timer = setTimeout(() => resolve({ notMeasured: `text extraction stopped after ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
