import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { InputError } from "../model/errors.js";
import { shortDigest } from "../model/digest.js";
import { decompressInto, sniffCompression, type Compression } from "../tar/compression.js";
import { TarParser, type TarEntryHeader, type TarHandlers } from "../tar/tar-parser.js";
import { dropEstargzMetadata, normalizeEntryPath, whiteoutOf } from "../tar/layer-entry.js";
import { drainForError } from "../tar/read-layer.js";
import type { SlimEntry, SlimLayer } from "./entry.js";
import type { Spool } from "./spool.js";

export interface SlimReadOptions {
  layer: number;
  diffId: string;
  /** Where regular file bodies go; without it bodies are only hashed for the diff ID. */
  spool?: Spool;
  /** Paths whose whole content is kept in `entry.content` (package databases). */
  capture?: (path: string) => boolean;
  /** Resolves a hardlink to a file of a lower layer (the merge so far). */
  lowerFile?: (path: string) => SlimEntry | undefined;
  /** Bytes that captures may still take, shared by all layers of an image. */
  captureBudget?: { left: number };
}

/** What the package database files of one image may take in memory, all together. */
export const CAPTURE_BUDGET = 256 << 20;

/** Reads one layer blob for slimming: full headers, bodies spooled, diff ID checked. */
export async function readSlimLayer(blob: Readable, options: SlimReadOptions): Promise<SlimLayer> {
  const head = await peek(blob);
  const compression: Compression = sniffCompression(head);
  const consumer = new SlimConsumer(options);
  try {
    await decompressInto(blob, compression, (chunk) => consumer.write(chunk));
    consumer.finish();
  } catch (err) {
    throw (await drainForError(blob)) ?? err;
  }
  if (compression === "gzip") dropEstargzMetadata(consumer.layer.entries);
  consumer.layer.compression = compression;
  return consumer.layer;
}

class SlimConsumer implements TarHandlers {
  readonly layer: SlimLayer = { entries: [], opaque: [], tarBytes: 0, compression: "none" };
  private readonly diff = createHash("sha256");
  private readonly parser = new TarParser(this, { details: true });
  private readonly files = new Map<string, SlimEntry>();
  private body: { entry: SlimEntry; chunks?: Buffer[] } | undefined;

  constructor(private readonly options: SlimReadOptions) {}

  write(chunk: Buffer): void {
    this.diff.update(chunk);
    this.layer.tarBytes += chunk.length;
    this.parser.write(chunk);
  }

  finish(): void {
    this.parser.finish();
    const actual = `sha256:${this.diff.digest("hex")}`;
    if (actual !== this.options.diffId)
      throw new InputError(
        `uncompressed layer does not match its diff ID ${shortDigest(this.options.diffId)} (hashes to ${shortDigest(actual)})`,
      );
  }

  entry(header: TarEntryHeader): void {
    // A sparse file's body holds only its data regions; writing them back as a plain file would
    // change the file. Refused until the writer emits sparse members itself.
    if (header.sparse)
      throw new InputError(
        `/${header.name} is a sparse file: ballast slim cannot rewrite sparse files yet`,
      );
    const entry = this.toEntry(header);
    if (!entry) return;
    if (entry.kind === "opaque") this.layer.opaque.push(entry.path);
    this.layer.entries.push(entry);
    if (entry.kind === "file") this.files.set(entry.path, entry);
    else if (entry.kind === "hardlink" && entry.linkTo) this.files.set(entry.path, entry.linkTo);
    if (entry.kind !== "file" || entry.size === 0) return;
    const { spool, capture } = this.options;
    if (spool) entry.spoolAt = spool.end;
    const keep = capture?.(entry.path) ?? false;
    if (keep) this.charge(entry);
    this.body = { entry, chunks: keep ? [] : undefined };
  }

  /**
   * A package database slim cannot hold whole would make files look unowned, and strip
   * sets would then remove them: past the budget the image is refused, not guessed at.
   */
  private charge(entry: SlimEntry): void {
    const budget = this.options.captureBudget;
    if (!budget) return;
    budget.left -= entry.size;
    if (budget.left < 0)
      throw new InputError(
        `package database files exceed ${CAPTURE_BUDGET >> 20} MB (at /${entry.path}): not a sane image`,
      );
  }

  data(bytes: Buffer): void {
    if (!this.body) return;
    this.options.spool?.append(bytes);
    this.body.chunks?.push(Buffer.from(bytes));
  }

  end(): void {
    if (this.body?.chunks) this.body.entry.content = Buffer.concat(this.body.chunks);
    this.body = undefined;
  }

  private toEntry(header: TarEntryHeader): SlimEntry | undefined {
    const path = normalizeEntryPath(header.name);
    if (path === undefined)
      throw new InputError(`tar entry "${header.name}" escapes the image root (absolute or "..")`);
    const wh = whiteoutOf(path);
    if (wh === "internal") return undefined;
    const kind = wh ? wh.kind : header.type;
    const link =
      kind === "symlink"
        ? header.linkname
        : kind === "hardlink"
          ? (normalizeEntryPath(header.linkname) ?? "")
          : undefined;
    const entry: SlimEntry = {
      path: wh ? wh.target : path,
      kind,
      size: kind === "file" ? header.size : 0,
      mode: header.mode,
      uid: header.uid,
      gid: header.gid,
      link,
      digest: undefined,
      content: undefined,
      layer: this.options.layer,
      details: header.details!,
      spoolAt: -1,
      linkTo: undefined,
    };
    if (kind === "hardlink" && link !== undefined)
      entry.linkTo = this.files.get(link) ?? this.options.lowerFile?.(link);
    return entry;
  }
}

/** Reads the first bytes without consuming them. */
function peek(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, buf?: Buffer) => {
      stream.off("readable", onReadable).off("error", done).off("end", onEnd);
      if (err) return reject(err);
      if (buf?.length) stream.unshift(buf);
      resolve(buf ?? Buffer.alloc(0));
    };
    const onReadable = () => {
      const buf = stream.read(4) as Buffer | null;
      if (buf !== null) done(null, buf);
    };
    const onEnd = () => done(null);
    stream.on("readable", onReadable).on("error", done).on("end", onEnd);
  });
}
