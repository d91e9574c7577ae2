import { closeSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";

/** Magic numbers of the compressions `ADD` decompresses before it looks for a tar. */
const COMPRESSED: readonly number[][] = [
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2 "BZh"
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
];

/**
 * Whether `relative` (inside `contextDir`) is a file ADD would extract: compressed data (the
 * builder tries to untar what it decompresses) or a tar header (POSIX `ustar` magic, or a v7
 * header whose checksum adds up). False for other files and directories; undefined when the
 * path is missing, unreadable or outside the context.
 */
export function sniffArchive(contextDir: string, relative: string): boolean | undefined {
  const full = path.resolve(contextDir, relative);
  const rel = path.relative(contextDir, full);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  try {
    const info = statSync(full);
    if (info.isDirectory()) return false;
    if (!info.isFile()) return undefined;
    const head = Buffer.alloc(512);
    const fd = openSync(full, "r");
    let n: number;
    try {
      n = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
    return isArchiveHead(head.subarray(0, n));
  } catch {
    return undefined;
  }
}

/** True for the first bytes of compressed data or of a tar archive. */
export function isArchiveHead(head: Uint8Array): boolean {
  if (COMPRESSED.some((magic) => magic.every((b, i) => head[i] === b))) return true;
  if (head.length < 512) return false;
  if (Buffer.from(head.subarray(257, 262)).toString("latin1") === "ustar") return true;
  return tarChecksumMatches(head);
}

/** v7 tar: the checksum field holds the sum of the header's bytes with that field as spaces. */
function tarChecksumMatches(head: Uint8Array): boolean {
  const field = Buffer.from(head.subarray(148, 156)).toString("latin1");
  const stored = parseInt(field.replace(/[\0 ]+$/, "").trim(), 8);
  if (!Number.isFinite(stored) || head[0] === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i];
  return sum === stored;
}
