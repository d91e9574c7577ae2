/**
 * Decoding of 512-byte tar headers (POSIX ustar, GNU and PAX extensions), shared by the
 * archive index (tar-index.ts) and the streaming layer parser (tar-parser.ts).
 */
export const BLOCK = 512;

export type MemberType = "file" | "dir" | "symlink" | "hardlink" | "other";

/** The typeflags that describe the next member instead of being one. */
export type MetaType = "pax" | "pax-global" | "gnu-long-name" | "gnu-long-link" | "gnu-sparse";

/** The unsigned sum of the header with its checksum field read as spaces (POSIX); some old writers summed signed bytes. */
export function checksumOk(h: Uint8Array): boolean {
  const stored = parseNumber(h, 148, 8);
  let sum = 8 * 32;
  for (let i = 0; i < 148; i++) sum += h[i];
  for (let i = 156; i < BLOCK; i++) sum += h[i];
  if (sum === stored) return true;
  let signed = 8 * 32;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) signed += (h[i] << 24) >> 24;
  return signed === stored;
}

/** True for the all-zero block that ends an archive. */
export function isZeroBlock(h: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (h[i] !== 0) return false;
  return true;
}

/** Octal ASCII (leading spaces, NUL or space terminated), or GNU base-256 when the high bit of the first byte is set. */
export function parseNumber(h: Uint8Array, at: number, length: number): number {
  const end = at + length;
  if (h[at] & 0x80) {
    let n = h[at] & 0x7f;
    for (let i = at + 1; i < end; i++) n = n * 256 + h[i];
    return n;
  }
  let i = at;
  while (i < end && h[i] === 32) i++;
  let n = 0;
  for (; i < end; i++) {
    const c = h[i];
    if (c < 48 || c > 55) break;
    n = n * 8 + (c - 48);
  }
  return n;
}

/** A NUL-terminated UTF-8 field. */
export function cString(h: Buffer, at: number, length: number): string {
  let end = at;
  const max = at + length;
  while (end < max && h[end] !== 0) end++;
  return h.toString("utf8", at, end);
}

/** The member name: POSIX ustar joins `prefix/name`; GNU headers use that field for times. */
export function ustarName(h: Buffer): string {
  const name = cString(h, 0, 100);
  const isUstar =
    h[257] === 0x75 && h[258] === 0x73 && h[259] === 0x74 && h[260] === 0x61 && h[261] === 0x72;
  if (!isUstar || h[262] !== 0 || h[345] === 0) return name;
  return `${cString(h, 345, 155)}/${name}`;
}

/** The typeflag at byte 156, classified. */
export function typeOf(h: Uint8Array): MemberType | MetaType {
  switch (h[156]) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7' contiguous file
      return "file";
    case 0x31: // '1'
      return "hardlink";
    case 0x32: // '2'
      return "symlink";
    case 0x35: // '5'
      return "dir";
    case 0x78: // 'x'
      return "pax";
    case 0x67: // 'g'
      return "pax-global";
    case 0x4c: // 'L'
      return "gnu-long-name";
    case 0x4b: // 'K'
      return "gnu-long-link";
    case 0x53: // 'S' old GNU sparse file
      return "gnu-sparse";
    default:
      return "other";
  }
}

/**
 * PAX extended header records: `LEN KEY=VALUE\n`. Values are UTF-8, except xattr values
 * (`SCHILY.xattr.*`, `LIBARCHIVE.xattr.*`), which are binary (security.capability) and are
 * kept as latin1 strings, one character per byte, so that they can be written back intact.
 */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(32, i);
    if (space === -1) break;
    const len = parseInt(data.toString("latin1", i, space), 10);
    if (!(len > 0)) break;
    const end = i + len - 1;
    const eq = data.indexOf(61, space + 1);
    if (eq > space + 1 && eq < end) {
      const key = data.toString("utf8", space + 1, eq);
      const binary = key.startsWith("SCHILY.xattr.") || key.startsWith("LIBARCHIVE.xattr.");
      const value = data.toString(binary ? "latin1" : "utf8", eq + 1, end);
      // Sparse format 0.0 repeats GNU.sparse.offset/numbytes, one pair per region (sparse.ts).
      out[key] = key.startsWith("GNU.sparse.") && key in out ? `${out[key]},${value}` : value;
    }
    i += len;
  }
  return out;
}

/** A GNU long name or link body: NUL-terminated. */
export function longName(data: Buffer): string {
  return cString(data, 0, data.length);
}
