import { constants, createGunzip } from "node:zlib";

/** The parts of Node's zlib binding that zlib.gunzipSync itself drives (lib/zlib.js). */
interface ZlibHandle {
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

/**
 * A synchronous, streaming gzip decoder writing into one reused buffer, for worker threads.
 * Node has no public API for this: zlib streams run each chunk on the thread pool (a round
 * trip, a new output buffer and, with two workers on two cores, threads fighting for the
 * cores), and gunzipSync wants the whole input. This drives the same native handle that
 * gunzipSync uses, chunk by chunk; the handle handles multi-member files (eStargz) itself.
 * Returns undefined when this Node's zlib does not have that shape, so callers fall back
 * to the stream.
 */
export function gunzipSyncDecoder(
  sink: (chunk: Buffer) => void,
  outSize: number,
): { write(chunk: Buffer): void; end(): void } | undefined {
  const zlib = syncGunzip();
  if (!zlib) return undefined;
  const { gunzip, handle, state } = zlib;
  let failure: Error | undefined;
  // zlib's own handler would destroy the stream and emit later; here the error is thrown now.
  handle.onerror = (message, errno, code) => {
    failure = Object.assign(new Error(message), { errno, code });
  };
  const out = Buffer.allocUnsafe(outSize);
  const run = (input: Buffer, flush: number) => {
    let offset = 0;
    let left = input.length;
    for (;;) {
      handle.writeSync(flush, input, offset, left, out, 0, out.length);
      if (failure) throw failure;
      const [outLeft, inLeft] = state;
      if (outLeft < out.length) sink(out.subarray(0, out.length - outLeft));
      offset += left - inLeft;
      left = inLeft;
      if (outLeft !== 0) return; // room to spare: zlib took all the input it could
    }
  };
  return {
    write: (chunk) => run(chunk, constants.Z_NO_FLUSH),
    end: () => {
      try {
        run(Buffer.alloc(0), constants.Z_FINISH);
      } finally {
        gunzip.close();
      }
    },
  };
}

/** A gunzip stream whose native handle has the shape this file drives, or undefined. */
function syncGunzip():
  { gunzip: { close(): void }; handle: ZlibHandle; state: Uint32Array } | undefined {
  const gunzip = createGunzip() as unknown as {
    _handle?: ZlibHandle;
    _writeState?: Uint32Array;
    close(): void;
  };
  const handle = gunzip._handle;
  const state = gunzip._writeState;
  if (typeof handle?.writeSync === "function" && state instanceof Uint32Array)
    return { gunzip, handle, state };
  gunzip.close();
  return undefined;
}

let available: boolean | undefined;

/** Whether this Node's zlib can be driven synchronously (checked once). */
export function canGunzipSync(): boolean {
  if (available === undefined) {
    const zlib = syncGunzip();
    zlib?.gunzip.close();
    available = zlib !== undefined;
  }
  return available;
}
