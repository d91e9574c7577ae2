import { closeSync, openSync, readSync } from "node:fs";
import type { LayerFile } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { DigestCheck } from "../sources/verify.js";
import { canGunzipSync } from "../tar/gunzip-sync.js";
import { sniffCompression, syncDecoder, type Compression } from "../tar/compression.js";
import { LayerConsumer, type LayerRead, type ReadLayerOptions } from "../tar/read-layer.js";

const CHUNK = 1 << 20;

/**
 * A whole blob fed through verify → decompress → parse in one synchronous call per chunk,
 * with no stream between the steps. Meant for worker threads, which have nothing else to do
 * meanwhile; usable only where `canReadSync()` (gzip needs zlib's handle: gunzip-sync.ts).
 */
export class SyncLayerReader {
  private readonly consumer: LayerConsumer;
  private decoder: { write(c: Buffer): void; end(): void } | undefined;
  private compression: Compression = "none";
  /** The first few bytes, held until there are enough to tell the compression. */
  private head: Buffer | undefined;
  private failure: unknown;

  constructor(
    private readonly options: ReadLayerOptions,
    private readonly check?: DigestCheck,
  ) {
    this.consumer = new LayerConsumer(options);
  }

  write(chunk: Buffer): void {
    this.check?.update(chunk);
    this.options.onBytes?.(chunk.length);
    // After a failure the bytes are still hashed: when they are not the blob's, the digest
    // says so, which is a truer message than how the decoder or the parser broke on them.
    if (this.failure !== undefined) return;
    try {
      if (!this.decoder) {
        if (this.head) chunk = Buffer.concat([this.head, chunk]);
        this.head = undefined;
        // A copy: the caller may reuse its buffer.
        if (chunk.length < 4) return void (this.head = Buffer.from(chunk));
        this.start(chunk);
      }
      this.decoder!.write(chunk);
    } catch (err) {
      this.failure = err;
    }
  }

  /** The layer as read; throws the digest's verdict first, then any decoding or parse error. */
  end(): LayerRead {
    if (this.failure === undefined) {
      try {
        if (!this.decoder) {
          const head = this.head ?? Buffer.alloc(0);
          this.start(head);
          if (head.length > 0) this.decoder!.write(head);
        }
        this.decoder!.end();
        this.consumer.finish();
      } catch (err) {
        this.failure = err;
      }
    }
    const wrong = this.check?.failure();
    if (wrong) throw wrong;
    if (this.failure !== undefined) throw this.failure;
    return this.consumer.result(this.compression);
  }

  private start(head: Buffer): void {
    this.compression = sniffCompression(head);
    this.decoder = syncDecoder(this.compression, (c) => this.consumer.write(c));
    if (!this.decoder) throw new Error("gzip cannot be decoded synchronously on this Node");
  }

  /** True once a failure is known and no digest check is left to improve on its message. */
  get settled(): boolean {
    return this.failure !== undefined && !this.check;
  }
}

/** True when SyncLayerReader can decode every compression on this Node. */
export const canReadSync = canGunzipSync;

/** Reads a file-backed layer in one synchronous loop: read, verify, decompress, parse. */
export function readLayerFileSync(
  file: LayerFile,
  size: number,
  options: ReadLayerOptions,
): LayerRead {
  const fd = openSync(file.path, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const check = file.verify ? new DigestCheck(file.verify, size, file.label) : undefined;
    const reader = new SyncLayerReader(options, check);
    for (let at = 0; at < size;) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - at), file.offset + at);
      if (n === 0) {
        // A file shorter than its blob: say so as the digest check would.
        throw (
          check?.failure() ?? new InputError(`${file.label}: expected ${size} bytes, read ${at}`)
        );
      }
      reader.write(buf.subarray(0, n));
      at += n;
      if (reader.settled) break;
    }
    return reader.end();
  } finally {
    closeSync(fd);
  }
}
