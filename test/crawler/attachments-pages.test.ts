// PDF page offsets: pdftotext's page breaks become `pageStarts`, so a finding in an attachment can name its page.
// A two-page PDF is written here by hand (Latin text, a standard font); a one-page PDF carries no offsets.
import { describe, expect, it } from 'vitest';
import { extractText } from '../../crawler/attachments/extract.ts';

function pdf(pages: string[]): Buffer {
  const objects: string[] = [];
  const kids = pages.map((_, i) => `${4 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  pages.forEach((text, i) => {
    const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const opts = { timeoutMs: 20_000, maxChars: 100_000 };

describe('PDF page offsets', () => {
  it('marks where each page after the first starts in the collapsed text', async () => {
    const r = await extractText('pdf', pdf(['First page text', 'Second page text', 'Third page']), opts);
    expect(r).toEqual({ text: 'First page text Second page text Third page', pageStarts: [16, 33] });
  });

  it('a one-page PDF has no offsets', async () => {
    expect(await extractText('pdf', pdf(['Only page']), opts)).toEqual({ text: 'Only page' });
  });
});
