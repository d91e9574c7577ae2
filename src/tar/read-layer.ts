import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { InputError } from "../model/errors.js";
import { decompressInto, sniffCompression, type Compression } from "./compression.js";
import { TarParser, type TarEntryHeader, type TarHandlers } from "./tar-parser.js";
import {
  dropEstargzMetadata,
  normalizeEntryPath,
  whiteoutOf,
  type LayerEntry,
} from "./layer-entry.js";
import { shortDigest } from "../model/digest.js";
import { contentDigest, contentHasher } from "./content-digest.js";

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
  const consumer = new LayerConsumer(options);
  if (options.onBytes) blob.on("data", (c: Buffer) => options.onBytes!(c.length));
  try {
    await decompressInto(blob, compression, (chunk) => consumer.write(chunk));
    consumer.finish();
  } catch (err) {
    // A corrupt blob usually breaks gzip or tar before its digest can be checked at the end,
    // and the digest mismatch is the truer message ("the bytes are wrong", not "bad header").
    throw (await drainForError(blob)) ?? err;
  }
  return consumer.result(compression);
}

/** The uncompressed side of readLayer: diff ID hash, tar parse, per-file hashes and captures. */
export class LayerConsumer implements TarHandlers {
  readonly entries: LayerEntry[] = [];
  tarBytes = 0;
  private readonly diff = createHash("sha256");
  private readonly parser = new TarParser(this);
  private file: LayerEntry | undefined;
  private hash: ReturnType<typeof contentHasher> | undefined;
  private capture: { limit: number; chunks: Buffer[]; n: number } | undefined;

  constructor(private readonly options: ReadLayerOptions) {}

  write(chunk: Buffer): void {
    this.diff.update(chunk);
    this.tarBytes += chunk.length;
    this.parser.write(chunk);
  }

  /** What was read, once `finish` has passed. */
  result(compression: Compression): LayerRead {
    const entries = this.entries;
    const estargz = compression === "gzip" && dropEstargzMetadata(entries);
    return { compression, estargz, entries, tarBytes: this.tarBytes };
  }

  /** Checks that the tar ended cleanly and the bytes match the diff ID. */
  finish(): void {
    this.parser.finish();
    const expected = this.options.diffId;
    const actual = `sha256:${this.diff.digest("hex")}`;
    if (expected && actual !== expected)
      throw new InputError(
        `uncompressed layer does not match its diff ID ${shortDigest(expected)} (hashes to ${shortDigest(actual)})`,
      );
  }

  entry(header: TarEntryHeader): void {
    const entry = toEntry(header);
    if (!entry) return;
    this.entries.push(entry);
    if (entry.kind !== "file" || entry.size === 0) return;
    this.file = entry;
    if (this.options.capture?.(entry.path))
      this.capture = { limit: this.options.captureLimit ?? 1 << 20, chunks: [], n: 0 };
  }

  /** A sparse file's digest covers its map as well as its data regions. */
  sparse(map: string): void {
    const file = this.file;
    if (!file) return;
    this.hash ??= contentHasher(file.size);
    this.hash.update(Buffer.from(`GNU sparse ${map}\n`));
  }

  data(bytes: Buffer): void {
    const file = this.file;
    if (!file) return;
    const capture = this.capture;
    if (capture && capture.n < capture.limit) {
      // The parser's buffer is reused: keep a copy.
      capture.chunks.push(Buffer.from(bytes.subarray(0, capture.limit - capture.n)));
      capture.n += bytes.length;
    }
    // Most files arrive whole in one piece: a one-shot digest costs no hasher object.
    if (!this.hash && bytes.length === file.size) file.digest = contentDigest(bytes);
    else (this.hash ??= contentHasher(file.size)).update(bytes);
  }

  end(): void {
    const file = this.file;
    if (!file) return;
    if (this.hash) file.digest = this.hash.digest();
    if (this.capture) file.content = Buffer.concat(this.capture.chunks);
    this.file = this.hash = this.capture = undefined;
  }
}

/** Decodes a header; undefined for aufs-internal names that are not part of the filesystem. */
function toEntry(header: TarEntryHeader): LayerEntry | undefined {
  const path = normalizeEntryPath(header.name);
  if (path === undefined)
    throw new InputError(`tar entry "${header.name}" escapes the image root (absolute or "..")`);
  const wh = whiteoutOf(path);
  if (wh === "internal") return undefined;
  const [kind, link] = wh ? [wh.kind, undefined] : kindOf(header);
  return makeEntry(
    wh ? wh.target : path,
    kind,
    kind === "file" ? header.size : 0,
    header.mode,
    header.uid,
    header.gid,
    link,
  );
}

function kindOf(header: TarEntryHeader): [LayerEntry["kind"], string | undefined] {
  switch (header.type) {
    case "file":
      return ["file", undefined];
    case "dir":
      return ["dir", undefined];
    case "symlink":
      return ["symlink", header.linkname];
    case "hardlink":
      return ["hardlink", normalizeEntryPath(header.linkname) ?? ""];
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
  return { path, kind, size, mode, uid, gid, link, digest: undefined, content: undefined };
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
