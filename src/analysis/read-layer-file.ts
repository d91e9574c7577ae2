import { closeSync, openSync, readSync } from "node:fs";
import type { LayerFile } from "../model/image.js";
import { InputError } from "../model/errors.js";
import { DigestCheck } from "../sources/verify.js";
import { sniffCompression, syncDecoder } from "../tar/compression.js";
import { LayerConsumer, type LayerRead, type ReadLayerOptions } from "../tar/read-layer.js";

const CHUNK = 1 << 20;

/**
 * Reads a file-backed layer in one synchronous loop: read, verify, decompress, parse, with
 * no stream and no thread-pool round trip between the steps. Meant for worker threads,
 * which have nothing else to do meanwhile. Returns undefined when gzip cannot be decoded
 * synchronously on this Node (the caller streams it instead).
 */
export function readLayerFileSync(
  file: LayerFile,
  size: number,
  options: ReadLayerOptions,
): LayerRead | undefined {
  const fd = openSync(file.path, "r");
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    const check = file.verify ? new DigestCheck(file.verify, size, file.label) : undefined;
    const read = (at: number) => {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - at), file.offset + at);
      if (n === 0)
        throw (
          check?.failure() ?? new InputError(`${file.label}: expected ${size} bytes, read ${at}`)
        );
      return buf.subarray(0, n);
    };
    const first = size > 0 ? read(0) : buf.subarray(0, 0);
    const compression = sniffCompression(first);
    const consumer = new LayerConsumer(options);
    const decoder = syncDecoder(compression, (c) => consumer.write(c));
    if (!decoder) return undefined;
    let at = 0;
    let chunk = first;
    try {
      while (at < size) {
        if (at > 0) chunk = read(at);
        at += chunk.length;
        check?.update(chunk);
        decoder.write(chunk);
        options.onBytes?.(chunk.length);
      }
      decoder.end();
      consumer.finish();
    } catch (err) {
      // As readLayer does: when the bytes themselves are wrong, say so rather than how they broke.
      if (check) {
        for (; at < size; at += chunk.length) check.update((chunk = read(at)));
        const failure = check.failure();
        if (failure) throw failure;
      }
      throw err;
    }
    const failure = check?.failure();
    if (failure) throw failure;
    return consumer.result(compression);
  } finally {
    closeSync(fd);
  }
}
