import { open, type FileHandle } from "node:fs/promises";
import { InputError } from "../model/errors.js";

/** One member of an uncompressed tar file, located by byte offset so it can be re-read. */
export interface TarMember {
  name: string;
  type: "file" | "dir" | "symlink" | "hardlink" | "other";
  linkname: string;
  /** Offset of the member's data in the tar file. */
  offset: number;
  size: number;
}

const BLOCK = 512;

/**
 * Lists the members of an uncompressed tar file by reading only its headers, so that
 * image archives (docker save, oci-archive) can be read in any order without extracting.
 * tar-stream cannot seek; this reads ustar, GNU long names and PAX path/size records.
 */
export async function indexTar(path: string): Promise<TarMember[]> {
  const fh = await open(path, "r");
  try {
    const { size: fileSize } = await fh.stat();
    return await readMembers(fh, fileSize, path);
  } finally {
    await fh.close();
  }
}

async function readMembers(fh: FileHandle, fileSize: number, path: string): Promise<TarMember[]> {
  const members: TarMember[] = [];
  const header = Buffer.alloc(BLOCK);
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (pos + BLOCK <= fileSize) {
    await readExactly(fh, header, pos);
    if (header.every((b) => b === 0)) return members;
    if (!checksumOk(header)) {
      throw new InputError(`${path}: not a tar archive (bad header checksum at byte ${pos})`);
    }
    const size = parseNumber(header.subarray(124, 136));
    const typeflag = String.fromCharCode(header[156] || 48);
    const dataStart = pos + BLOCK;
    if (dataStart + size > fileSize)
      throw new InputError(`${path}: truncated archive (member ends past end of file)`);
    pos = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === "L" || typeflag === "K" || typeflag === "x") {
      const data = Buffer.alloc(size);
      await readExactly(fh, data, dataStart);
      if (typeflag === "L") longName = cString(data);
      else if (typeflag === "K") longLink = cString(data);
      else pax = parsePax(data);
      continue;
    }
    if (typeflag === "g") continue;
    members.push({
      name: pax.path ?? longName ?? ustarName(header),
      type: memberType(typeflag),
      linkname: pax.linkpath ?? longLink ?? cString(header.subarray(157, 257)),
      offset: dataStart,
      size: pax.size !== undefined ? Number(pax.size) : size,
    });
    longName = longLink = undefined;
    pax = {};
  }
  if (members.length === 0) throw new InputError(`${path}: not a tar archive (too short)`);
  throw new InputError(`${path}: truncated archive (no end-of-archive marker)`);
}

async function readExactly(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  if (bytesRead !== buf.length) throw new InputError("truncated archive");
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  const stored = parseInt(cString(h.subarray(148, 156)).trim() || "NaN", 8);
  return stored === sum;
}

/** Octal ASCII, or GNU base-256 when the high bit of the first byte is set. */
function parseNumber(field: Buffer): number {
  if (field[0] & 0x80) {
    let n = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  const text = cString(field).trim();
  return text ? parseInt(text, 8) : 0;
}

function cString(b: Buffer): string {
  const nul = b.indexOf(0);
  return b.subarray(0, nul === -1 ? b.length : nul).toString("utf8");
}

function ustarName(h: Buffer): string {
  const name = cString(h.subarray(0, 100));
  const isUstar = h.subarray(257, 263).toString("latin1") === "ustar\u0000";
  const prefix = isUstar ? cString(h.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(32, i);
    if (space === -1) break;
    const len = parseInt(data.subarray(i, space).toString("latin1"), 10);
    if (!(len > 0)) break;
    const record = data.subarray(space + 1, i + len - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

function memberType(flag: string): TarMember["type"] {
  if (flag === "0" || flag === "\u0000" || flag === "7") return "file";
  if (flag === "5") return "dir";
  if (flag === "2") return "symlink";
  if (flag === "1") return "hardlink";
  return "other";
}
