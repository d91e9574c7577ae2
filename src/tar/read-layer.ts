import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { PassThrough, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import tarStream from "tar-stream";
import { InputError } from "../model/errors.js";
import { decompressor, sniffCompression, type Compression } from "./compression.js";
import {
  dropEstargzMetadata,
  normalizeEntryPath,
  whiteoutOf,
  type LayerEntry,
} from "./layer-entry.js";
import { shortDigest } from "../model/digest.js";

export interface ReadLayerOptions {
  /** Expected sha256 of the uncompressed tar (the config's diff ID); checked at the end. */
  diffId?: string;
  /** Paths (normalised) whose first `captureLimit` bytes are kept in `entry.content`. */
  capture?: (path: string) => boolean;
  captureLimit?: number;
  /** Called with the count of blob bytes consumed, for progress. */
  onBytes?: (n: number) => void;
}

export interface LayerRead {
  compression: Compression;
  /** A gzip layer in eStargz form (its TOC entries are left out of `entries`). */
  estargz: boolean;
  entries: LayerEntry[];
  /** Bytes of the uncompressed tar stream. */
  tarBytes: number;
}

/**
 * Streams one layer blob: sniff → decompress → check diff ID → parse tar, hashing each
 * regular file. Memory stays proportional to the number of entries, never to bytes.
 */
export async function readLayer(
  blob: Readable,
  options: ReadLayerOptions = {},
): Promise<LayerRead> {
  const head = await peek(blob, 4);
  const compression = sniffCompression(head);
  const entries: LayerEntry[] = [];
  const diff = diffHasher(options.diffId);
  const extract = tarStream.extract();
  let failure: Error | undefined;
  extract.on("entry", (header, stream, next) => {
    // When the blob fails mid-entry (digest mismatch, reset), tar-stream destroys the entry
    // stream with that error; the pipeline below reports it, so it must not go uncaught here.
    stream.on("error", () => undefined);
    let entry: LayerEntry | undefined;
    try {
      entry = toEntry(header);
    } catch (err) {
      // next(err) and extract.destroy(err) surface as uncaught errors from inside tar-stream,
      // so the entry is skipped and the error raised once the stream is drained.
      failure ??= err as Error;
      stream.on("end", () => next());
      stream.resume();
      return;
    }
    if (entry?.kind === "file" && entry.size > 0) hashBody(entry, stream, options, next);
    else {
      stream.on("end", () => next());
      stream.resume();
    }
    if (entry) entries.push(entry);
  });
  if (options.onBytes) blob.on("data", (c: Buffer) => options.onBytes!(c.length));
  // The blob is fed through a PassThrough so that a failure downstream does not destroy it:
  // a corrupt blob usually breaks gzip or tar before its digest can be checked at the end,
  // and the digest mismatch is the truer message ("the bytes are wrong", not "bad header").
  const feed = new PassThrough({ highWaterMark: 1 << 20 });
  blob.on("error", (err) => feed.destroy(err));
  blob.pipe(feed);
  try {
    await pipeline(feed, decompressor(compression), diff.stream, extract);
  } catch (err) {
    blob.unpipe(feed);
    throw (await drainForError(blob)) ?? err;
  }
  if (failure) throw (await drainForError(blob)) ?? failure;
  const estargz = compression === "gzip" && dropEstargzMetadata(entries);
  return { compression, estargz, entries, tarBytes: diff.bytes() };
}

function hashBody(
  entry: LayerEntry,
  stream: Readable,
  options: ReadLayerOptions,
  next: (err?: Error) => void,
): void {
  const hash = createHash("sha256");
  const capture = options.capture?.(entry.path)
    ? { limit: options.captureLimit ?? 1 << 20, chunks: [] as Buffer[], n: 0 }
    : undefined;
  stream.on("data", (chunk: Buffer) => {
    hash.update(chunk);
    if (capture && capture.n < capture.limit) {
      capture.chunks.push(chunk.subarray(0, capture.limit - capture.n));
      capture.n += chunk.length;
    }
  });
  stream.on("end", () => {
    entry.sha256 = hash.digest("hex");
    if (capture) entry.content = Buffer.concat(capture.chunks);
    next();
  });
}

type TarHeader = tarStream.Headers & { pax?: Record<string, string> };

/** Decodes a header; undefined for aufs-internal names that are not part of the filesystem. */
function toEntry(header: TarHeader): LayerEntry | undefined {
  const path = normalizeEntryPath(header.name);
  if (path === undefined)
    throw new InputError(`tar entry "${header.name}" escapes the image root (absolute or "..")`);
  const wh = whiteoutOf(path);
  if (wh === "internal") return undefined;
  // tar-stream applies PAX path/size but not uid/gid (LIBRARIES.md §4): merge them here.
  const uid = header.pax?.uid !== undefined ? Number(header.pax.uid) : (header.uid ?? 0);
  const gid = header.pax?.gid !== undefined ? Number(header.pax.gid) : (header.gid ?? 0);
  const [kind, link] = wh ? [wh.kind, undefined] : kindOf(header);
  return makeEntry(
    wh ? wh.target : path,
    kind,
    kind === "file" ? (header.size ?? 0) : 0,
    header.mode ?? 0,
    uid,
    gid,
    link,
  );
}

function kindOf(header: TarHeader): [LayerEntry["kind"], string | undefined] {
  switch (header.type) {
    case "file":
    case "contiguous-file":
      return ["file", undefined];
    case "directory":
      return ["dir", undefined];
    case "symlink":
      return ["symlink", header.linkname ?? ""];
    case "link":
      return ["hardlink", normalizeEntryPath(header.linkname ?? "") ?? ""];
    default:
      return ["other", undefined];
  }
}

/**
 * Every entry gets the same fields in the same order, so V8 gives all 10⁵ of them one
 * compact shape (object spreads made several shapes and doubled the memory per entry).
 */
function makeEntry(
  path: string,
  kind: LayerEntry["kind"],
  size: number,
  mode: number,
  uid: number,
  gid: number,
  link: string | undefined,
): LayerEntry {
  return { path, kind, size, mode, uid, gid, link, sha256: undefined, content: undefined };
}

function diffHasher(expected: string | undefined): { stream: Transform; bytes: () => number } {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const actual = `sha256:${hash.digest("hex")}`;
      if (expected && actual !== expected) {
        done(
          new InputError(
            `uncompressed layer does not match its diff ID ${shortDigest(expected)} (hashes to ${shortDigest(actual)})`,
          ),
        );
      } else done();
    },
  });
  return { stream, bytes: () => bytes };
}

/**
 * Reads what is left of a blob only to learn whether it fails (its digest check runs at its
 * end); resolves with that error, or undefined when the blob is sound or already finished.
 */
export function drainForError(blob: Readable): Promise<Error | undefined> {
  if (blob.destroyed || blob.readableEnded) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    blob.once("error", resolve);
    blob.once("end", () => resolve(undefined));
    blob.once("close", () => resolve(undefined));
    blob.resume();
  });
}

/** Reads the first `n` bytes without consuming them, so the stream can still be piped whole. */
function peek(stream: Readable, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, buf?: Buffer) => {
      stream.off("readable", onReadable).off("error", done).off("end", onEnd);
      if (err) reject(err);
      else {
        if (buf && buf.length) stream.unshift(buf);
        resolve(buf ?? Buffer.alloc(0));
      }
    };
    const onReadable = () => {
      const buf = stream.read(n) as Buffer | null;
      if (buf !== null) done(null, buf);
    };
    const onEnd = () => done(null);
    stream.on("readable", onReadable).on("error", done).on("end", onEnd);
  });
}
