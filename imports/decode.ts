// Turns an export's bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK,
// what Excel on Chinese Windows writes). Binary formats (Excel workbooks, PDF, zip) are refused with a clear reason.
import { ImportFormatError } from './errors.ts';

/** The text and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (an .xlsx workbook?)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old-style Office file (an .xls workbook?)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
];

/** Decodes `bytes`; throws ImportFormatError when they are binary or not text in a supported encoding. */
export function decodeText(bytes: Uint8Array): DecodedText {
  for (const s of SIGNATURES) {
    if (s.bytes.every((b, i) => bytes[i] === b)) {
      throw new ImportFormatError(`the file is ${s.what}, not CSV or JSON: save it as CSV (UTF-8) first`);
    }
  }
  let decoded: DecodedText;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = { text: decode('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = { text: decode('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  else {
    const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
    } catch {
      decoded = { text: decode('gb18030', body), encoding: 'gb18030' };
    }
  }
  if (decoded.text.includes('\u0000')) throw new ImportFormatError('the file contains binary data (NUL bytes), not CSV or JSON text');
  return decoded;
}

function decode(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ImportFormatError(`the file is not text in UTF-8 or GBK/GB18030 (tried ${encoding})`);
  }
}
