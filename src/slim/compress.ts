import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform, type Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import { constants, gzip } from "node:zlib";
import { InputError } from "../model/errors.js";

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
 * each member has zlib's fixed header (mtime 0, no name). zstd comes from Node's own libzstd
 * (zlib.createZstdCompress, Node 22.15 / 23.8 and later) at level 3: no zstd encoder installs
 * with npm alone on older Node. The same chunks give the same bytes on every run.
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
  return zstdCompressor();
}

/** Whether this Node can write zstd (its zlib has the zstd encoder). */
export function canWriteZstd(): boolean {
  return typeof (zlib as { createZstdCompress?: unknown }).createZstdCompress === "function";
}

/** Refuses zstd output up front on a Node without the encoder (before any layer is read). */
export function checkCompression(compression: OutputCompression): void {
  if (compression === "zstd" && !canWriteZstd())
    throw new InputError(
      `--compress zstd needs Node.js 22.15 or later (this is ${process.version}); use --compress gzip`,
    );
}

function zstdCompressor(): Duplex {
  checkCompression("zstd");
  const z = zlib as unknown as {
    createZstdCompress(o: { params: Record<number, number> }): Duplex;
    constants: Record<string, number>;
  };
  return z.createZstdCompress({ params: { [z.constants.ZSTD_c_compressionLevel!]: 3 } });
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
