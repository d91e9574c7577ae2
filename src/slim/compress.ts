import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { Readable, Transform, type Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { constants, gzip } from "node:zlib";

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
 * Compresses tar chunks into `path`, hashing both sides. gzip is written as a series of
 * gzip members of 4 MiB of tar each (RFC 1952 §2.2 allows several; eStargz layers are made
 * the same way), compressed in parallel on zlib's thread pool, as pigz uses every core;
 * each member has zlib's fixed header (mtime 0, no name). zstd comes from zstd-napi at
 * level 3. The same chunks give the same bytes on every run.
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
  if (compression === "gzip") return parallelGzip();
  const zstd = createRequire(import.meta.url)("zstd-napi") as {
    CompressStream: new (p?: Record<string, unknown>) => Duplex;
  };
  return new zstd.CompressStream({ compressionLevel: 3 });
}

const MEMBER = 4 << 20;
/** Members compressing at once: zlib's pool has four threads, this machine class two cores. */
const IN_FLIGHT = 4;
const gzipAsync = promisify(gzip);

/** gzip members of MEMBER input bytes each, compressed concurrently, emitted in order. */
function parallelGzip(): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const queue: Promise<Buffer>[] = [];
  const options = { level: constants.Z_DEFAULT_COMPRESSION, memLevel: 8 };
  const dispatch = () => {
    const input = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    queue.push(gzipAsync(input, options));
  };
  return new Transform({
    async transform(chunk: Buffer, _enc, done) {
      try {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= MEMBER) dispatch();
        while (queue.length >= IN_FLIGHT) this.push(await queue.shift()!);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    async flush(done) {
      try {
        if (pendingBytes > 0 || queue.length === 0) dispatch();
        while (queue.length) this.push(await queue.shift()!);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
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
