/**
 * Tar headers for the new layer: POSIX ustar, with a PAX extended header in front when a
 * name, link or number does not fit, or the entry carries xattrs (pax(1), "ustar Interchange
 * Format" and "pax Header Block").
 */
export interface TarMember {
  /** Relative path without a leading "/"; directories without the trailing "/". */
  path: string;
  /** The ustar typeflag byte: '0' file, '1' hardlink, '2' symlink, '5' dir, '3','4','6'… */
  typeflag: number;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  /** Extra PAX records carried over from the input (xattrs). */
  pax: Record<string, string> | undefined;
}

export const BLOCK = 512;
export const TYPE = { file: 0x30, hardlink: 0x31, symlink: 0x32, dir: 0x35 } as const;
const MAX_OCTAL_11 = 0o77777777777;
const MAX_OCTAL_7 = 0o7777777;

/** The header blocks of a member (PAX header first when needed). */
export function encodeHeader(m: TarMember): Buffer {
  const name = m.typeflag === TYPE.dir ? `${m.path}/` : m.path;
  const records: [string, string][] = [];
  const split = splitUstarName(name);
  if (!split) records.push(["path", name]);
  if (Buffer.byteLength(m.linkname) > 100) records.push(["linkpath", m.linkname]);
  if (m.size > MAX_OCTAL_11) records.push(["size", String(m.size)]);
  if (m.uid > MAX_OCTAL_7) records.push(["uid", String(m.uid)]);
  if (m.gid > MAX_OCTAL_7) records.push(["gid", String(m.gid)]);
  const wholeMtime = Number.isInteger(m.mtime) && m.mtime >= 0 && m.mtime <= MAX_OCTAL_11;
  if (!wholeMtime) records.push(["mtime", String(m.mtime)]);
  for (const key of Object.keys(m.pax ?? {}).sort()) records.push([key, m.pax![key]]);
  const ustar = ustarBlock(m, split ?? { prefix: "", name: name.slice(0, 100) });
  if (records.length === 0) return ustar;
  const body = paxBody(records);
  const paxHeader = ustarBlock(
    { ...m, typeflag: 0x78, size: body.length, linkname: "", mtime: wholeMtime ? m.mtime : 0 },
    { prefix: "", name: "././@PaxHeader" },
  );
  return Buffer.concat([paxHeader, body, Buffer.alloc(padding(body.length)), ustar]);
}

/** Zero bytes that pad a body of `size` bytes to a whole block. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** The two zero blocks that end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

function splitUstarName(name: string): { prefix: string; name: string } | undefined {
  const bytes = Buffer.byteLength(name);
  if (bytes <= 100) return { prefix: "", name };
  if (bytes > 256) return undefined;
  // The split must fall on a "/" with at most 155 bytes before it and 100 after.
  for (let i = name.indexOf("/"); i !== -1; i = name.indexOf("/", i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (Buffer.byteLength(prefix) > 155) return undefined;
    if (rest && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  return undefined;
}

function ustarBlock(m: TarMember, n: { prefix: string; name: string }): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(n.name, 0, 100, "utf8");
  octal(h, 100, 8, m.mode & 0o7777777);
  octal(h, 108, 8, Math.min(m.uid, MAX_OCTAL_7));
  octal(h, 116, 8, Math.min(m.gid, MAX_OCTAL_7));
  octal(h, 124, 12, Math.min(m.size, MAX_OCTAL_11));
  octal(h, 136, 12, Math.min(Math.max(0, Math.floor(m.mtime)), MAX_OCTAL_11));
  h[156] = m.typeflag;
  if (Buffer.byteLength(m.linkname) <= 100) h.write(m.linkname, 157, 100, "utf8");
  h.write("ustar\u000000", 257, 8, "latin1");
  h.write(m.uname.slice(0, 32), 265, 32, "utf8");
  h.write(m.gname.slice(0, 32), 297, 32, "utf8");
  octal(h, 329, 8, m.devmajor);
  octal(h, 337, 8, m.devminor);
  h.write(n.prefix, 345, 155, "utf8");
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, 8, "latin1");
  return h;
}

function octal(h: Buffer, at: number, length: number, value: number): void {
  h.write(`${value.toString(8).padStart(length - 1, "0")}\u0000`, at, length, "latin1");
}

/** PAX records `LEN KEY=VALUE\n`, where LEN counts itself; xattr values are bytes (see parsePax). */
function paxBody(records: [string, string][]): Buffer {
  return Buffer.concat(
    records.map(([key, value]) => {
      const binary = key.startsWith("SCHILY.xattr.") || key.startsWith("LIBARCHIVE.xattr.");
      const rest = Buffer.concat([
        Buffer.from(` ${key}=`, "utf8"),
        Buffer.from(value, binary ? "latin1" : "utf8"),
        Buffer.from("\n"),
      ]);
      const digits = String(rest.length).length;
      let len = rest.length + digits;
      if (String(len).length > digits) len++;
      return Buffer.concat([Buffer.from(String(len)), rest]);
    }),
  );
}
