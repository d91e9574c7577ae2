import { constants, createInflateRaw } from "node:zlib";

/** The parts of Node's zlib binding that zlib's own sync functions drive (lib/zlib.js). */
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
  reset(): void;
  onerror: (message: string, errno: number, code?: string) => void;
}

type Phase = "header" | "body" | "trailer" | "padding";

/**
 * A synchronous, streaming gzip decoder writing into one reused buffer, for worker threads.
 * Node has no public API for this: zlib streams run each chunk on the thread pool (a round
 * trip, a new output buffer and, with two workers on two cores, threads fighting for the
 * cores), and gunzipSync wants the whole input. This drives the native handle that
 * inflateRawSync uses, chunk by chunk, and reads the gzip framing itself (RFC 1952):
 * member headers, 8-byte trailers, several members (eStargz), trailing zero padding, with
 * zlib's messages for the same faults. It does not compute the trailer's CRC-32, which cost
 * 4% of a worker's time: the layer's digest and diff ID already check every byte, before
 * and after decompression. Returns undefined when this Node's zlib does not have that shape,
 * so callers fall back to the stream.
 */
export function gunzipSyncDecoder(
  sink: (chunk: Buffer) => void,
  outSize: number,
): { write(chunk: Buffer): void; end(): void } | undefined {
  const zlib = syncInflateRaw();
  if (!zlib) return undefined;
  const { stream, handle, state } = zlib;
  let failure: Error | undefined;
  // zlib's own handler would destroy the stream and emit later; here the error is thrown now.
  handle.onerror = (message, errno, code) => {
    failure = Object.assign(new Error(message), { errno, code });
  };
  const out = Buffer.allocUnsafe(outSize);
  let phase: Phase = "header";
  let members = 0;
  /** Header bytes gathered across writes, when a header straddles them. */
  let pending: Buffer | undefined;
  let trailerLeft = 8;

  /** Inflates from `input`; returns the bytes consumed, and moves to "trailer" at the member's end. */
  const inflate = (input: Buffer): number => {
    let offset = 0;
    let left = input.length;
    for (;;) {
      handle.writeSync(constants.Z_NO_FLUSH, input, offset, left, out, 0, out.length);
      if (failure) throw failure;
      const [outLeft, inLeft] = state;
      if (outLeft < out.length) sink(out.subarray(0, out.length - outLeft));
      offset += left - inLeft;
      left = inLeft;
      if (outLeft === 0) continue; // the output filled up: there may be more
      // Room to spare yet input left over: the member's deflate data has ended.
      if (left > 0) phase = "trailer";
      return offset;
    }
  };

  const write = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length && phase !== "padding") {
      if (phase === "header") {
        // As zlib does: zero bytes after a member are padding, and end the data.
        if (members > 0 && !pending && chunk[at] === 0) phase = "padding";
        else at = header(chunk, at);
      } else if (phase === "body") {
        at += inflate(at === 0 ? chunk : chunk.subarray(at));
      } else {
        const n = Math.min(trailerLeft, chunk.length - at);
        at += n;
        if ((trailerLeft -= n) === 0) [phase, trailerLeft, members] = ["header", 8, members + 1];
      }
    }
  };

  /** Parses a member header starting at `at` (with any pending bytes); returns where it ends. */
  const header = (chunk: Buffer, at: number): number => {
    const before = pending?.length ?? 0;
    const bytes = pending ? Buffer.concat([pending, chunk.subarray(at)]) : chunk.subarray(at);
    const n = headerLength(bytes);
    if (n < 0) {
      pending = Buffer.from(bytes); // a copy: the caller may reuse its buffer
      return chunk.length;
    }
    pending = undefined;
    if (members > 0) handle.reset();
    phase = "body";
    return at + n - before;
  };

  return {
    write,
    end: () => {
      try {
        const complete = phase === "padding" || (phase === "header" && !pending && members > 0);
        if (!complete) throw Object.assign(new Error("unexpected end of file"), { errno: -5 });
      } finally {
        stream.close();
      }
    },
  };
}

/**
 * The length of the gzip member header at the start of `b` (RFC 1952 §2.3), or -1 when `b`
 * ends before it does. Throws zlib's messages for what zlib rejects.
 */
function headerLength(b: Buffer): number {
  if ((b.length > 0 && b[0] !== 0x1f) || (b.length > 1 && b[1] !== 0x8b))
    throw new Error("incorrect header check");
  if (b.length > 2 && b[2] !== 8) throw new Error("unknown compression method");
  if (b.length < 10) return -1;
  const flags = b[3];
  if (flags & 0xe0) throw new Error("unknown header flags set");
  let p = 10;
  if (flags & 4) {
    if (b.length < p + 2) return -1;
    p += 2 + b.readUInt16LE(p); // FEXTRA
  }
  for (const flag of [8, 16]) {
    if (!(flags & flag)) continue; // FNAME, FCOMMENT: zero-terminated
    const zero = b.indexOf(0, p);
    if (zero < 0) return -1;
    p = zero + 1;
  }
  if (flags & 2) p += 2; // FHCRC
  return b.length >= p ? p : -1;
}

/** A raw-inflate stream whose native handle has the shape this file drives, or undefined. */
function syncInflateRaw():
  { stream: { close(): void }; handle: ZlibHandle; state: Uint32Array } | undefined {
  const stream = createInflateRaw() as unknown as {
    _handle?: ZlibHandle;
    _writeState?: Uint32Array;
    close(): void;
  };
  const handle = stream._handle;
  const state = stream._writeState;
  if (
    typeof handle?.writeSync === "function" &&
    typeof handle.reset === "function" &&
    state instanceof Uint32Array
  )
    return { stream, handle, state };
  stream.close();
  return undefined;
}

let available: boolean | undefined;

/** Whether this Node's zlib can be driven synchronously (checked once). */
export function canGunzipSync(): boolean {
  if (available === undefined) {
    const zlib = syncInflateRaw();
    zlib?.stream.close();
    available = zlib !== undefined;
  }
  return available;
}
