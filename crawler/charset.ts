// Character set of a fetched body and its decoding: BOM, then the Content-Type header, then <meta charset> /
// http-equiv (or an XML declaration), then sniffing (valid UTF-8 → utf-8, else gb18030); a declared UTF-8 that the
// bytes mostly break is read as gb18030 (a GBK page declaring UTF-8). GBK and GB2312 are
// decoded with the gb18030 decoder, their superset, so characters outside GB2312 still come out right.
import type { PageArtifact } from '../contract/artifacts/crawl.ts';

export type CharsetSource = NonNullable<PageArtifact['charsetSource']>;

export interface CharsetDecision {
  /** Canonical WHATWG name (`utf-8`, `gbk`, `gb18030`, `big5`, `windows-1252`, …). */
  charset: string;
  source: CharsetSource;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  /** The charset the header or markup declared, when the bytes contradicted it and it was not used. */
  declared?: string;
}

/** Canonical encoding name for a label, or null when the label is unknown. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding;
  } catch {
    return null;
  }
}

/** The `charset=` parameter of a Content-Type value, canonical, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m ? canonicalCharset(m[1]) : null;
}

export function charsetFromBom(buf: Uint8Array): { charset: string; length: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

const PRESCAN_BYTES = 8192;
const META_TAG = /<meta\b[^>]*>/gi;
const XML_DECL = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([^"']+)["']/i;

/** The charset declared in the first bytes of a document by `<meta charset>`, `http-equiv` or an XML declaration. */
export function charsetFromMarkup(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, PRESCAN_BYTES)).toString('latin1');
  const xml = XML_DECL.exec(head);
  if (xml) return utf16AsUtf8(canonicalCharset(xml[1]));
  for (const tag of head.replace(/<!--[\s\S]*?-->/g, '').match(META_TAG) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct) {
      const cs = utf16AsUtf8(canonicalCharset(direct[1]));
      if (cs) return cs;
    }
  }
  return null;
}

/** A document that claims UTF-16 in its markup is read as UTF-8 (it could not have been parsed otherwise). */
function utf16AsUtf8(cs: string | null): string | null {
  return cs?.startsWith('utf-16') ? 'utf-8' : cs;
}

/** True when the bytes are valid UTF-8 (a sequence cut by truncation at the very end is tolerated). */
export function isValidUtf8(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const UTF8_SCAN_BYTES = 256 * 1024;

/**
 * Counts well-formed and broken UTF-8 multi-byte sequences in the first 256 KB. A page that declares UTF-8 but
 * whose bytes break UTF-8 more often than they follow it was written in another charset (old CMS templates
 * copied between sites keep a `charset=utf-8` over GBK text).
 */
export function utf8Evidence(buf: Uint8Array): { valid: number; broken: number } {
  const end = Math.min(buf.length, UTF8_SCAN_BYTES);
  let valid = 0;
  let broken = 0;
  for (let i = 0; i < end; ) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= end;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      if (i + len > end && len > 0 && end === buf.length) break; // cut by truncation at the very end
      broken++;
      i++;
    }
  }
  return { valid, broken };
}

/** A declared UTF-8 that the bytes contradict (mostly broken sequences): read as GB18030 instead. */
function overrideFalseUtf8(declared: string, buf: Uint8Array): boolean {
  if (declared !== 'utf-8') return false;
  const { valid, broken } = utf8Evidence(buf);
  return broken > 0 && broken >= valid;
}

/** Decides the charset of a body from its bytes and Content-Type. */
export function detectCharset(buf: Uint8Array, contentType: string | null): CharsetDecision {
  const bom = charsetFromBom(buf);
  if (bom) return { charset: bom.charset, source: 'bom', bomLength: bom.length };
  const header = charsetFromContentType(contentType);
  if (header && overrideFalseUtf8(header, buf)) return { charset: 'gb18030', source: 'sniff', bomLength: 0, declared: header };
  if (header) return { charset: header, source: 'header', bomLength: 0 };
  const markup = charsetFromMarkup(buf);
  if (markup && overrideFalseUtf8(markup, buf)) return { charset: 'gb18030', source: 'sniff', bomLength: 0, declared: markup };
  if (markup) return { charset: markup, source: 'meta', bomLength: 0 };
  if (buf.length === 0) return { charset: 'utf-8', source: 'default', bomLength: 0 };
  return { charset: isValidUtf8(buf) ? 'utf-8' : 'gb18030', source: 'sniff', bomLength: 0 };
}

/** The decoder actually used for a charset: GBK and its aliases go through gb18030. */
export function decoderFor(charset: string): TextDecoder {
  const label = charset === 'gbk' || charset === 'gb2312' ? 'gb18030' : charset;
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** Decodes a body; never throws (malformed bytes become U+FFFD). */
export function decodeBody(buf: Uint8Array, contentType: string | null): { text: string } & CharsetDecision {
  const decision = detectCharset(buf, contentType);
  const text = decoderFor(decision.charset).decode(buf.subarray(decision.bomLength));
  return { text, ...decision };
}
