// Guards DOCX/XLSX (ZIP) files before a library unpacks them: reads the central directory only and refuses
// archives that would inflate beyond a bound or hold too many entries (zip bombs), or are not ZIP at all.

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const MAX_COMMENT = 0xffff;

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxUncompressed: number;
  maxEntries: number;
}

/** Entry names and the total uncompressed size, or a reason why the archive is refused. */
export type ZipCheck = { ok: true; names: string[]; uncompressed: number } | { ok: false; reason: string };

/** Reads the central directory of a ZIP held in memory. Never throws. */
export function inspectZip(buf: Buffer, limits: ZipLimits): ZipCheck {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return { ok: false, reason: 'not a ZIP archive' };
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - MAX_COMMENT); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'ZIP end record not found' };
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'ZIP64 archives are not read' };
  if (entries > limits.maxEntries) return { ok: false, reason: `more than ${limits.maxEntries} entries` };
  const names: string[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CDH_SIG) return { ok: false, reason: 'damaged ZIP directory' };
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (size === 0xffffffff) return { ok: false, reason: 'ZIP64 entries are not read' };
    total += size;
    if (total > limits.maxUncompressed) return { ok: false, reason: `unpacks to more than ${limits.maxUncompressed} bytes` };
    names.push(buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, names, uncompressed: total };
}
