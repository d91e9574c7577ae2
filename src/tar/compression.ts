import { createGunzip } from "node:zlib";
import type { Duplex, Readable } from "node:stream";
import { PassThrough, Transform } from "node:stream";
import { gunzipSyncDecoder } from "./gunzip-sync.js";
import { zstdDecoder, type SyncDecoder } from "./zstd-decoder.js";

export type Compression = "gzip" | "zstd" | "none";

/**
 * Decides the compression by magic bytes, never by media type: skopeo writes uncompressed
 * blobs labelled tar+gzip, and eStargz is plain gzip (shared/tools/README.md).
 */
export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "gzip";
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return "zstd";
  return "none";
}

export const MEDIA_TYPES = {
  docker: {
    gzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
    zstd: "application/vnd.docker.image.rootfs.diff.tar.zstd",
    none: "application/vnd.docker.image.rootfs.diff.tar",
  },
  oci: {
    gzip: "application/vnd.oci.image.layer.v1.tar+gzip",
    zstd: "application/vnd.oci.image.layer.v1.tar+zstd",
    none: "application/vnd.oci.image.layer.v1.tar",
  },
} as const;

/** A decompressing stream for `compression`. */
export function decompressor(compression: Compression): Duplex {
  if (compression === "gzip") return createGunzip({ chunkSize: 256 << 10 });
  if (compression === "zstd") return zstdStream();
  return new PassThrough({ highWaterMark: 1 << 20 });
}

/** zstdDecoder as a stream; each output slice is copied, the decoder reuses its buffer. */
function zstdStream(): Duplex {
  const stream: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.write(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      try {
        decoder.end();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  const decoder = zstdDecoder((c) => stream.push(Buffer.from(c)), OUT_SIZE);
  return stream;
}

/** Compressed bytes are handed to zlib in writes of about this size. */
const BATCH = 1 << 20;

/** Decompressed bytes are handed over in slices of a reused buffer of this size. */
const OUT_SIZE = 256 << 10;

/**
 * Streams `blob` decompressed into `sink`, without a stream per stage: zstd runs
 * synchronously on this thread into one reused buffer (zstd-decoder.ts); gzip
 * runs on the zlib thread pool (worker threads decode it synchronously instead: see
 * analysis/read-layer-file.ts). The sink must copy what it keeps. Resolves when the blob
 * ends; rejects with the first error of the blob, the decoder or the sink (the blob itself
 * is left undestroyed so that its digest check can still report; see readLayer).
 */
export function decompressInto(
  blob: Readable,
  compression: Compression,
  sink: (chunk: Buffer) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      blob.off("data", onData).off("end", onEnd).off("error", fail);
      gunzip?.destroy();
      reject(err);
    };
    const safely = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        fail(err as Error);
      }
    };
    let onData: (chunk: Buffer) => void;
    let onEnd: () => void;
    let gunzip: Duplex | undefined;
    let inflated = false;
    let blobEnded = false;
    const decoder = compression === "gzip" ? undefined : syncDecoder(compression, sink);
    if (decoder) {
      onData = (chunk) => safely(() => decoder.write(chunk));
      onEnd = () => safely(() => (decoder.end(), resolve()));
    } else {
      gunzip = createGunzip({ chunkSize: OUT_SIZE });
      // zlib hands over a chunk and only then queues the next inflate on its thread pool:
      // consuming in a microtask lets that inflate run while this thread hashes and parses.
      // (Each chunk is its own slice; zlib does not reuse it.)
      const queue: Buffer[] = [];
      const drain = () => {
        for (let c = queue.shift(); c && !failed; c = queue.shift()) safely(() => sink(c!));
      };
      gunzip.on("data", (chunk: Buffer) => {
        if (queue.push(chunk) === 1) queueMicrotask(drain);
      });
      gunzip.on("error", fail);
      // zlib stops at the end of the gzip data and ignores what follows; the blob is still
      // read to its end, so that its digest check (upstream) sees every byte (issue 13).
      gunzip.on("end", () => {
        drain();
        inflated = true;
        if (blobEnded && !failed) resolve();
        else blob.resume();
      });
      // Each write is a round trip to the thread pool: network chunks (16–64 KiB) are
      // gathered into writes of about 1 MiB.
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = () => {
        if (pendingBytes === 0 || inflated) return;
        const batch = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        if (!gunzip!.write(batch)) {
          blob.pause();
          gunzip!.once("drain", () => blob.resume());
        }
      };
      onData = (chunk) => {
        if (inflated) return;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= BATCH) flush();
      };
      onEnd = () => {
        blobEnded = true;
        if (inflated) {
          if (!failed) resolve();
          return;
        }
        flush();
        gunzip!.end();
      };
    }
    blob.on("data", onData).on("end", onEnd).on("error", fail);
    // A blob that ended before this (empty, its end seen by a peek) emits no more "end".
    if (blob.readableEnded) onEnd();
  });
}

/**
 * A synchronous decoder for `compression` (zstd and gzip into one reused buffer, plain
 * passed through), or undefined when gzip cannot be decoded synchronously on this Node.
 */
export function syncDecoder(
  compression: Compression,
  sink: (chunk: Buffer) => void,
): SyncDecoder | undefined {
  if (compression === "zstd") return zstdDecoder(sink, OUT_SIZE);
  if (compression === "gzip") return gunzipSyncDecoder(sink, OUT_SIZE);
  return { write: sink, end: () => undefined };
}
