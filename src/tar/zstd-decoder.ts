import * as zlib from "node:zlib";
import { createRequire } from "node:module";
import { InputError } from "../model/errors.js";
import { ZstdFrames } from "./zstd-frames.js";

export interface SyncDecoder {
  write(chunk: Buffer): void;
  end(): void;
}

/** The parts of Node's zstd binding that zlib's own sync functions drive (lib/zlib.js). */
interface ZstdHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    out: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
  onerror: (message: string, errno: number, code?: string) => void;
}

type FzstdModule = {
  Decompress: new (ondata: (data: Uint8Array) => void) => {
    push(chunk: Uint8Array, final?: boolean): void;
  };
};

/**
 * The largest window fzstd decodes correctly: on a 128 MiB window (`zstd --long=27`) it
 * produced wrong bytes past 115 MiB (shared/LIBRARIES.md §2 (d)); every zstd level up to 19
 * uses 8 MiB at most.
 */
const FZSTD_MAX_WINDOW = 32 << 20;

/**
 * A synchronous, streaming zstd decoder handing `sink` slices of one reused buffer (see
 * decompressInto). It uses Node's own libzstd (Node ≥ 22.15 / 23.8) when the running Node
 * has it, else fzstd, pure JavaScript: no native module, so installs need npm alone.
 * ZstdFrames walks the frames alongside, for truncation and fzstd's window limit.
 */
export function zstdDecoder(sink: (chunk: Buffer) => void, outSize: number): SyncDecoder {
  const native = nativeZstd();
  const frames = new ZstdFrames(native ? undefined : refuseLargeWindow);
  const decoder = native ? nativeDecoder(native, sink, outSize) : fzstdDecoder(sink);
  return {
    write(chunk) {
      frames.write(chunk);
      decoder.write(chunk);
    },
    end() {
      frames.end();
      decoder.end();
    },
  };
}

/** Which decoder this Node uses for zstd, for `--version`-style diagnostics and tests. */
export function zstdImplementation(): "node" | "fzstd" {
  const native = nativeZstd();
  native?.close();
  return native ? "node" : "fzstd";
}

function refuseLargeWindow(bytes: number): void {
  if (bytes > FZSTD_MAX_WINDOW)
    throw new InputError(
      `zstd frame needs a ${Math.round(bytes / 2 ** 20)} MiB window; on Node ${process.version} ` +
        `ballast decodes zstd in JavaScript, which handles up to 32 MiB: run it on Node ≥ 22.15`,
    );
}

function nativeZstd(): { handle: ZstdHandle; state: Uint32Array; close(): void } | undefined {
  const create = (zlib as { createZstdDecompress?: () => unknown }).createZstdDecompress;
  if (typeof create !== "function") return undefined;
  const stream = create() as { _handle?: ZstdHandle; _writeState?: Uint32Array; close(): void };
  const handle = stream._handle;
  const state = stream._writeState;
  if (typeof handle?.writeSync === "function" && state instanceof Uint32Array)
    return { handle, state, close: () => stream.close() };
  stream.close();
  return undefined;
}

function nativeDecoder(
  native: { handle: ZstdHandle; state: Uint32Array; close(): void },
  sink: (chunk: Buffer) => void,
  outSize: number,
): SyncDecoder {
  const { handle, state } = native;
  const flush = (zlib.constants as { ZSTD_e_continue?: number }).ZSTD_e_continue ?? 0;
  let failure: Error | undefined;
  // zlib's own handler would destroy the stream and emit later; here the error is thrown now.
  handle.onerror = (message, errno, code) => {
    failure = new InputError(`zstd: ${message}${code ? ` (${code})` : ""}`);
    void errno;
  };
  const out = Buffer.allocUnsafe(outSize);
  return {
    write(chunk) {
      let offset = 0;
      for (;;) {
        const left = chunk.length - offset;
        handle.writeSync(flush, chunk, offset, left, out, 0, out.length);
        if (failure) throw failure;
        const [outLeft, inLeft] = state;
        if (outLeft < out.length) sink(out.subarray(0, out.length - outLeft));
        offset += left - inLeft;
        // A full output buffer may hide more output for input already consumed.
        if (inLeft === 0 && outLeft > 0) return;
      }
    },
    end: () => native.close(),
  };
}

function fzstdDecoder(sink: (chunk: Buffer) => void): SyncDecoder {
  const { Decompress } = createRequire(import.meta.url)("fzstd") as FzstdModule;
  const decoder = new Decompress((data) =>
    sink(Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
  );
  const wrap = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      throw new InputError(`zstd: ${(err as Error).message}`);
    }
  };
  return {
    // fzstd keeps a reference to input it cannot decode yet, and callers reuse their buffer.
    write: (chunk) => wrap(() => decoder.push(new Uint8Array(chunk))),
    end: () => wrap(() => decoder.push(new Uint8Array(0), true)),
  };
}
