import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { decompressor, sniffCompression, type Compression } from "../tar/compression.js";

/**
 * Compressions a whole `docker save` archive may have. `docker load` takes gzip, bzip2 and xz
 * (and zstd since Engine 25); layers inside images only gzip and zstd (OCI image spec), so
 * xz and bzip2 are known here, in sources, and not in tar/compression.
 */
export type ArchiveCompression = Compression | "xz" | "bzip2";

/** Bytes sniffArchive needs from the start of the file. */
export const ARCHIVE_SNIFF_BYTES = 10;

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
// bzip2: "BZh" and a block size digit, then a block header (π's digits) or the end-of-stream
// marker (√π's): checking both keeps a tar whose first name starts with "BZh9" a tar.
const BZ_BLOCK = Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]);
const BZ_END = Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90]);

/** Sniffs an archive's compression by magic bytes (DESIGN.md: never by trial). */
export function sniffArchive(head: Buffer): ArchiveCompression {
  if (head.subarray(0, 6).equals(XZ_MAGIC)) return "xz";
  const bz = head.toString("latin1", 0, 3) === "BZh" && head[3]! >= 0x31 && head[3]! <= 0x39;
  const next = head.subarray(4, 10);
  if (bz && (next.equals(BZ_BLOCK) || next.equals(BZ_END))) return "bzip2";
  return sniffCompression(head);
}

/**
 * The decompressed bytes of a compressed archive, streaming. xz is decoded by xz-decompress
 * (xz-embedded in WebAssembly) and bzip2 by unbzip2-stream (JavaScript): both install with npm
 * alone, and both are loaded only for such archives.
 */
export async function decodedArchive(
  path: string,
  compression: ArchiveCompression,
): Promise<Readable> {
  const file = createReadStream(path);
  if (compression === "xz") {
    const { XzReadableStream } = await import("xz-decompress");
    const web = Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>;
    return Readable.fromWeb(new XzReadableStream(web) as unknown as WebReadableStream<Uint8Array>);
  }
  if (compression === "bzip2") {
    const { default: unbzip2 } = await import("unbzip2-stream");
    return file.pipe(unbzip2()) as unknown as Readable;
  }
  return file.pipe(decompressor(compression));
}
