// A GBK encoder for the generated site's older columns, built once by inverting the platform's GBK decoder
// (Node decodes GBK but cannot encode it). Characters GBK lacks become `?`.
let table: Map<number, number> | null = null;

function build(): Map<number, number> {
  const map = new Map<number, number>();
  const dec = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch.charCodeAt(0))) map.set(ch.charCodeAt(0), (lead << 8) | trail);
    }
  }
  return map;
}

/** `text` as GBK bytes. */
export function encodeGbk(text: string): Buffer {
  table ??= build();
  const out = Buffer.allocUnsafe(text.length * 2);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out[n++] = code;
    else {
      const bytes = table.get(code);
      if (bytes === undefined) out[n++] = 0x3f;
      else {
        out[n++] = bytes >> 8;
        out[n++] = bytes & 0xff;
      }
    }
  }
  return out.subarray(0, n);
}
