import { InputError } from "../model/errors.js";

const FRAME_MAGIC = 0xfd2fb528;
/** Skippable frames use the 16 magic numbers 0x184D2A50–0x184D2A5F (RFC 8878 §3.1.2). */
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

type State =
  | { at: "magic" }
  | { at: "frame-header"; need: number }
  | { at: "block-header"; checksum: boolean }
  | { at: "skip"; left: number; then: State };

/**
 * Walks the frame structure of a zstd stream without decoding it (RFC 8878 §3.1): frame
 * headers, block headers, checksums and skippable frames. Node's zstd binding does not say
 * whether a stream ended inside a frame, and the JavaScript decoder cannot take every window
 * size: this tells both, for the cost of reading a few bytes per 128 KiB block.
 */
export class ZstdFrames {
  private state: State = { at: "magic" };
  /** Header bytes gathered across chunks. */
  private held: Buffer = Buffer.alloc(0);

  /** @param onWindow called with each frame's window size, before its blocks are decoded. */
  constructor(private readonly onWindow: (bytes: number) => void = () => undefined) {}

  write(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const s = this.state;
      if (s.at === "skip") {
        const n = Math.min(s.left, chunk.length - at);
        at += n;
        s.left -= n;
        if (s.left === 0) this.state = s.then;
        continue;
      }
      const need = this.headerBytes();
      const take = Math.min(need - this.held.length, chunk.length - at);
      this.held = Buffer.concat([this.held, chunk.subarray(at, at + take)]);
      at += take;
      if (this.held.length < need) return;
      const header = this.held;
      this.held = Buffer.alloc(0);
      this.advance(header);
    }
  }

  /** Throws when the stream stopped inside a frame (a truncated blob). */
  end(): void {
    if (this.state.at !== "magic" || this.held.length > 0)
      throw new InputError("zstd stream ends in the middle of a frame (truncated)");
  }

  /** How many header bytes the current state reads before it can move on. */
  private headerBytes(): number {
    const s = this.state;
    if (s.at === "magic") return this.held.length >= 4 && this.isSkippable() ? 8 : 4;
    if (s.at === "frame-header") return s.need;
    return 3;
  }

  private isSkippable(): boolean {
    return (this.held.readUInt32LE(0) & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC;
  }

  private advance(header: Buffer): void {
    const s = this.state;
    if (s.at === "magic") {
      const magic = header.readUInt32LE(0);
      if (header.length === 8) {
        this.state = { at: "skip", left: header.readUInt32LE(4), then: { at: "magic" } };
      } else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
        this.held = header; // 4 more bytes: the skippable frame's size
      } else if (magic === FRAME_MAGIC) {
        this.state = { at: "frame-header", need: 1 };
      } else {
        throw new InputError("zstd stream holds data that is not a zstd frame");
      }
    } else if (s.at === "frame-header") {
      this.frameHeader(header, s);
    } else if (s.at === "block-header") {
      this.blockHeader(header, s.checksum);
    }
  }

  /** Frame_Header_Descriptor, then the optional fields it announces (RFC 8878 §3.1.1.1). */
  private frameHeader(header: Buffer, s: { need: number }): void {
    const fhd = header[0];
    const fcsFlag = fhd >> 6;
    const singleSegment = (fhd & 0x20) !== 0;
    const fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag];
    const dictBytes = [0, 1, 2, 4][fhd & 3];
    const total = 1 + (singleSegment ? 0 : 1) + dictBytes + fcsBytes;
    if (s.need < total) {
      this.held = header;
      s.need = total;
      return;
    }
    if ((fhd & 0x08) !== 0) throw new InputError("zstd frame header has its reserved bit set");
    this.onWindow(singleSegment ? contentSize(header, 1 + dictBytes, fcsBytes) : window(header[1]));
    this.state = { at: "block-header", checksum: (fhd & 0x04) !== 0 };
  }

  /** Block_Header: Last_Block, Block_Type, Block_Size (RFC 8878 §3.1.1.2). */
  private blockHeader(header: Buffer, checksum: boolean): void {
    const bits = header.readUIntLE(0, 3);
    const last = (bits & 1) === 1;
    const type = (bits >> 1) & 3;
    const size = bits >>> 3;
    if (type === 3) throw new InputError("zstd block has the reserved block type");
    const after: State = !last
      ? { at: "block-header", checksum }
      : checksum
        ? { at: "skip", left: 4, then: { at: "magic" } }
        : { at: "magic" };
    const content = type === 1 ? 1 : size;
    this.state = content > 0 ? { at: "skip", left: content, then: after } : after;
  }
}

/** Window_Descriptor: 2^(10 + exponent) plus mantissa eighths of it. */
function window(descriptor: number): number {
  const base = 2 ** (10 + (descriptor >> 3));
  return base + (base / 8) * (descriptor & 7);
}

function contentSize(header: Buffer, at: number, bytes: number): number {
  if (bytes === 1) return header[at];
  if (bytes === 2) return header.readUInt16LE(at) + 256;
  if (bytes === 4) return header.readUInt32LE(at);
  return Number(header.readBigUInt64LE(at));
}
