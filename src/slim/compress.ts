import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { Readable, Transform, type Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGzip } from "node:zlib";

export type OutputCompression = "gzip" | "zstd";

export interface WrittenBlob {
  /** Digest and size of the stored (compressed) blob. */
  digest: string;
  size: number;
  /** Digest and size of the uncompressed tar (the diff ID). */
  diffId: string;
  tarBytes: number;
}

/**
 * Compresses tar chunks into `path`, hashing both sides. gzip comes from zlib with its
 * fixed header (mtime 0, no name, OS 3), zstd from zstd-napi at level 3: the same chunks
 * give the same bytes on every run.
 */
export async function writeCompressed(
  chunks: Iterable<Buffer>,
  compression: OutputCompression,
  path: string,
): Promise<WrittenBlob> {
  const tar = hashing();
  const stored = hashing();
  await pipeline(
    Readable.from(chunks, { objectMode: false }),
    tar.stream,
    compressor(compression),
    stored.stream,
    createWriteStream(path, { mode: 0o644 }),
  );
  return {
    digest: stored.digest(),
    size: stored.bytes(),
    diffId: tar.digest(),
    tarBytes: tar.bytes(),
  };
}

function compressor(compression: OutputCompression): Duplex {
  if (compression === "gzip")
    return createGzip({ level: constants.Z_DEFAULT_COMPRESSION, chunkSize: 256 << 10 });
  const zstd = createRequire(import.meta.url)("zstd-napi") as {
    CompressStream: new (p?: Record<string, unknown>) => Duplex;
  };
  return new zstd.CompressStream({ compressionLevel: 3 });
}

function hashing() {
  const hash = createHash("sha256");
  let n = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      n += chunk.length;
      done(null, chunk);
    },
  });
  let digest: string | undefined;
  return { stream, digest: () => (digest ??= `sha256:${hash.digest("hex")}`), bytes: () => n };
}
