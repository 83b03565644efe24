// Attachment text extraction on the street fixture's files (PDF via pdftotext, DOCX via mammoth, XLSX via exceljs),
// legacy Word .doc read (word-extractor), legacy .xls not measured, and refused archives: a zip bomb, a non-ZIP, OLE
// content under a .docx name, a damaged .doc.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractText, formatOfUrl } from '../../crawler/attachments/extract.ts';
import { inspectZip } from '../../crawler/attachments/zip-guard.ts';

const dir = fileURLToPath(new URL('../../fixtures/sites/street/www/tzgg/', import.meta.url));
const file = (p: string) => readFileSync(dir + p);
const opts = { timeoutMs: 10_000, maxChars: 100_000 };

describe('attachment text', () => {
  it('names formats by extension', () => {
    expect(['a.pdf', 'b.DOCX', 'c.xlsx', 'd.doc', 'e.xls', 'f.wps', 'g.htm', 'h'].map((p) => formatOfUrl(`http://x.gov.cn/${p}?v=1`))).toEqual(['pdf', 'docx', 'xlsx', 'doc', 'xls', 'other', null, null]);
  });

  it('reads the text of a PDF, a DOCX and an XLSX', async () => {
    const pdf = await extractText('pdf', file('202601/P020260108301234567891.pdf'), opts);
    expect(pdf).toEqual({ text: expect.stringContaining('2025年度优秀志愿者名单') });
    expect((pdf as { text: string }).text).toContain('350502199206113029');
    const docx = await extractText('docx', file('202603/P020260310412298765432.docx'), opts);
    expect((docx as { text: string }).text).toContain('联系电话：13960221875');
    const xlsx = await extractText('xlsx', file('202605/P020260520390112345678.xlsx'), opts);
    expect((xlsx as { text: string }).text).toContain('1 陈某国 35050219620314271X 13905951274 3000');
  });

  it('caps the text and says so', async () => {
    expect(await extractText('xlsx', file('202605/P020260520390112345678.xlsx'), { ...opts, maxChars: 1000 })).not.toHaveProperty('truncated');
    const r = await extractText('docx', file('202603/P020260310412298765432.docx'), { ...opts, maxChars: 10 });
    expect(r).toEqual({ text: expect.any(String), truncated: true });
    expect((r as { text: string }).text).toHaveLength(10);
  });

  it('reads a legacy Word 97-2003 .doc, and a .docx that a site named .doc', async () => {
    const ole = file('202601/P020260108301234567890.doc');
    const r = await extractText('doc', ole, opts);
    expect(r).toEqual({ text: '海滨街道志愿者报名表 姓名：郑某伟 性别：男 身份证号：350502199304125613 联系电话：13759581234 服务意向：社区环境整治、敬老助老' });
    const renamed = await extractText('doc', file('202603/P020260310412298765432.docx'), opts);
    expect((renamed as { text: string }).text).toContain('139');
  });

  it('does not read legacy .xls, OLE content under a new name, a damaged .doc, garbage or a zip bomb', async () => {
    const ole = file('202601/P020260108301234567890.doc');
    expect(await extractText('xls', ole, opts)).toEqual({ notMeasured: expect.stringContaining('legacy .xls') });
    const damaged = Buffer.from(ole.subarray(0, 1024));
    expect(await extractText('doc', damaged, opts)).toEqual({ notMeasured: expect.stringMatching(/^DOC could not be read/) });
    expect(await extractText('docx', ole, opts)).toEqual({ notMeasured: expect.stringContaining('legacy') });
    expect(await extractText('xlsx', Buffer.from('not a zip at all'), opts)).toEqual({ notMeasured: expect.stringContaining('not a ZIP') });
    expect(await extractText('pdf', Buffer.from('<html>'), opts)).toEqual({ notMeasured: 'not a PDF file' });
    const bomb = Buffer.from(file('202605/P020260520390112345678.xlsx'));
    expect(inspectZip(bomb, { maxUncompressed: 100, maxEntries: 1000 })).toEqual({ ok: false, reason: 'unpacks to more than 100 bytes' });
    expect(inspectZip(bomb, { maxUncompressed: 10_000_000, maxEntries: 2 })).toMatchObject({ ok: false, reason: 'more than 2 entries' });
    expect(inspectZip(bomb, { maxUncompressed: 10_000_000, maxEntries: 1000 })).toMatchObject({ ok: true, names: expect.arrayContaining(['xl/workbook.xml']) });
  });
});
