import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../imports/csv.ts';
import { decodeText } from '../../imports/decode.ts';
import { ImportFormatError } from '../../imports/errors.ts';

const GBK_FIXTURE = new URL('../../fixtures/exports/test/error-reports-gbk.csv', import.meta.url);

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, UTF-16 with BOM, and GBK', () => {
    const text = '编号,网站名称\n1,区政府网\n';
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
    const gbk = decodeText(readFileSync(GBK_FIXTURE));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.text.startsWith('编号,网站名称,网站标识码,')).toBe(true);
    expect(gbk.text).toContain('“政务公开”栏目链接打不开');
  });

  it('refuses workbooks, binary data and undecodable bytes with a reason', () => {
    expect(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toThrow(/zip archive.*save it as CSV/);
    expect(() => decodeText(Buffer.from('a,b\n\u0000\u0001,2\n'))).toThrow(/NUL bytes/);
    expect(() => decodeText(Buffer.from([0x61, 0xff, 0xff, 0x62]))).toThrow(/not text in UTF-8 or GBK/);
  });
});

describe('parseCsv', () => {
  it('keeps the line each row starts on across blank lines, CRLF and multi-line cells', () => {
    const table = parseCsv('\r\n编号,内容\r\n1,一\r\n\r\n2,"两行\r\n内容"\r\n3,"有""引号"""\r\n');
    expect(table).toEqual({
      header: ['编号', '内容'],
      headerLine: 2,
      rows: [
        { line: 3, values: ['1', '一'] },
        { line: 5, values: ['2', '两行\r\n内容'] },
        { line: 7, values: ['3', '有"引号"'] },
      ],
    });
  });

  it('names the line of the row with broken quoting', () => {
    const unclosed = () => parseCsv('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(unclosed).toThrow(ImportFormatError);
    expect(unclosed).toThrow('CSV error in the row starting on line 3: a quoted field is never closed');
    expect(() => parseCsv('a,b\n1,2\n\n"x"y,3\n')).toThrow(/line 4: text follows a closing quote/);
    expect(() => parseCsv('a,b\nx"y,2\n')).toThrow(/line 2: a " appears inside an unquoted field/);
  });

  it('requires a header row', () => {
    expect(() => parseCsv('')).toThrow('the CSV file is empty: a header row is required');
    expect(() => parseCsv(Buffer.from([0xef, 0xbb, 0xbf, 0x0a]))).toThrow(/header row is required/);
  });
});
